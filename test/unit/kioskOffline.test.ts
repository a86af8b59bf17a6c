import { constants, generateKeyPairSync, privateDecrypt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  checkPinPolicy,
  DEFAULT_SETTINGS,
  HubSealingKey,
  KioskUser,
  SealedPinChange,
  UserId,
} from "../../protocol";
import { CacheCipher } from "../../kiosk/crypto/CacheCipher";
import {
  argon2Parameters,
  deriveVerifier,
  verifyPin,
} from "../../kiosk/crypto/pinVerifier";
import { sealForHub } from "../../kiosk/crypto/sealForHub";
import { cacheStatus } from "../../kiosk/offline/cacheExpiry";
import {
  lockErrorOf,
  recordWrongPin,
} from "../../kiosk/offline/offlineLockout";
import { generateRandomPin } from "../../kiosk/offline/randomPin";
import { offlineSessionUser } from "../../kiosk/session/offlineSessionUser";

const HOUR_MS = 3_600_000;
const NOW = 1_800_000_000_000;

/** argon2id at a cost low enough for unit tests. */
const CHEAP_VERIFIER =
  "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$" +
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function user(overrides: Partial<Record<string, unknown>> = {}): KioskUser {
  return KioskUser.parse({
    id: "u-1",
    employeeNumber: "E1",
    firstName: "Ana",
    lastName: "Lima",
    role: { id: "employee", name: "Employee", level: 1, permissions: [] },
    lock: { kind: "none" },
    failedAttempts: 0,
    delivery: "email",
    pinTemporary: false,
    pinExpiresAt: null,
    storeIds: ["s-1"],
    orgWide: false,
    credentialVersion: 1,
    version: 1,
    ...overrides,
  });
}

describe("cacheStatus", () => {
  const times = {
    lastSyncAt: NOW - 10 * HOUR_MS,
    highestTimeSeen: NOW - HOUR_MS,
    offlineWindowHours: 72,
  };

  it("serves within the offline window", () => {
    expect(cacheStatus(times, NOW).kind).toBe("usable");
  });

  it("expires after the offline window", () => {
    const status = cacheStatus(times, times.lastSyncAt + 72 * HOUR_MS);
    expect(status).toEqual({
      kind: "expired",
      since: times.lastSyncAt + 72 * HOUR_MS,
    });
  });

  it("counts a clock below the highest time seen as expired", () => {
    expect(cacheStatus(times, times.highestTimeSeen - 1).kind).toBe(
      "clock-backwards",
    );
  });

  it("counts a clock before the last sync as expired", () => {
    const status = cacheStatus(
      { ...times, highestTimeSeen: 0 },
      times.lastSyncAt - 1,
    );
    expect(status.kind).toBe("clock-backwards");
  });

  it("reports a cache that never synced as missing", () => {
    expect(cacheStatus(undefined, NOW).kind).toBe("missing");
    expect(cacheStatus({ ...times, lastSyncAt: undefined }, NOW).kind).toBe(
      "missing",
    );
  });
});

describe("recordWrongPin", () => {
  it("counts the failure and tells how many remain", () => {
    const outcome = recordWrongPin(user(), NOW, DEFAULT_SETTINGS);
    expect(outcome.user.failedAttempts).toBe(1);
    expect(outcome.user.lock).toEqual({ kind: "none" });
    expect(outcome.error.code).toBe("PIN_INCORRECT");
    expect(outcome.error.detailNumber("attemptsBeforeLock")).toBe(4);
  });

  it("locks with the hub's schedule", () => {
    const outcome = recordWrongPin(
      user({ failedAttempts: 4 }),
      NOW,
      DEFAULT_SETTINGS,
    );
    expect(outcome.user.lock).toEqual({ kind: "timed", until: NOW + 30_000 });
    expect(outcome.error.code).toBe("USER_LOCKED");
    expect(outcome.error.detailNumber("lockedUntil")).toBe(NOW + 30_000);
  });

  it("locks for good at the tenth failure", () => {
    const outcome = recordWrongPin(
      user({ failedAttempts: 9 }),
      NOW,
      DEFAULT_SETTINGS,
    );
    expect(outcome.user.lock).toEqual({ kind: "permanent" });
    expect(outcome.error.code).toBe("USER_LOCKED_PERMANENT");
  });

  it("keeps the user's version for the hub's copy to replace", () => {
    const outcome = recordWrongPin(user({ version: 7 }), NOW, DEFAULT_SETTINGS);
    expect(outcome.user.version).toBe(7);
  });
});

describe("lockErrorOf", () => {
  it("passes a user whose lock ended", () => {
    const ended = user({ lock: { kind: "timed", until: NOW - 1 } });
    expect(lockErrorOf(ended, NOW)).toBeUndefined();
  });

  it("stops a locked user", () => {
    const locked = user({ lock: { kind: "timed", until: NOW + 1 } });
    expect(lockErrorOf(locked, NOW)?.code).toBe("USER_LOCKED");
  });
});

describe("offlineSessionUser", () => {
  it("takes the role's permissions from the cache", () => {
    const lead = user({
      role: {
        id: "0b9d3c1e-shift-lead",
        name: "Shift lead",
        level: 2,
        permissions: ["pin.reset"],
      },
    });
    expect(offlineSessionUser(lead).role.permissions).toEqual(["pin.reset"]);
    expect(offlineSessionUser(lead).role.name).toBe("Shift lead");
  });

  it("gives an employee no permissions", () => {
    const employee = user({
      role: { id: "employee", name: "Employee", level: 1, permissions: [] },
    });
    expect(offlineSessionUser(employee).role.permissions).toEqual([]);
  });
});

describe("pin verifiers", () => {
  it("reads the cost of a verifier", () => {
    expect(argon2Parameters(CHEAP_VERIFIER)).toEqual({
      memorySize: 1024,
      iterations: 1,
      parallelism: 1,
      hashLength: 32,
    });
  });

  it("rejects a string that is not argon2id", () => {
    expect(argon2Parameters("$argon2i$v=19$m=1,t=1,p=1$a$b")).toBeUndefined();
    expect(argon2Parameters("plain")).toBeUndefined();
  });

  it("derives a verifier at the model's cost that checks the PIN", async () => {
    const verifier = await deriveVerifier("582039", CHEAP_VERIFIER);
    expect(argon2Parameters(verifier)).toEqual(
      argon2Parameters(CHEAP_VERIFIER),
    );
    expect(await verifyPin(verifier, "582039")).toBe(true);
    expect(await verifyPin(verifier, "582030")).toBe(false);
  });

  it("salts each verifier afresh", async () => {
    const first = await deriveVerifier("582039", CHEAP_VERIFIER);
    const second = await deriveVerifier("582039", CHEAP_VERIFIER);
    expect(first).not.toBe(second);
  });

  it("refuses a malformed verifier without throwing", async () => {
    expect(await verifyPin("not a verifier", "582039")).toBe(false);
  });
});

describe("generateRandomPin", () => {
  it("returns PINs of the length that pass the policy", () => {
    for (let i = 0; i < 50; i++) {
      const pin = generateRandomPin(6, "E1");
      expect(pin).toMatch(/^\d{6}$/);
      expect(
        checkPinPolicy({ pin, minLength: 6, employeeNumber: "E1" }),
      ).toEqual([]);
    }
  });
});

describe("CacheCipher", () => {
  const Record = z.object({ userId: UserId, name: z.string() });

  it("opens what it sealed in the same place", async () => {
    const cipher = new CacheCipher(await CacheCipher.createKey());
    const sealed = await cipher.seal(
      { userId: "u-1", name: "Ana" },
      "users:u-1",
    );
    expect(sealed.iv).toHaveLength(12);
    expect(await cipher.open(sealed, "users:u-1", Record)).toEqual({
      userId: "u-1",
      name: "Ana",
    });
  });

  it("refuses a record moved to another place", async () => {
    const cipher = new CacheCipher(await CacheCipher.createKey());
    const sealed = await cipher.seal(
      { userId: "u-1", name: "Ana" },
      "users:u-1",
    );
    expect(await cipher.open(sealed, "users:u-2", Record)).toBeUndefined();
  });

  it("refuses a record sealed under another key", async () => {
    const first = new CacheCipher(await CacheCipher.createKey());
    const second = new CacheCipher(await CacheCipher.createKey());
    const sealed = await first.seal(
      { userId: "u-1", name: "Ana" },
      "users:u-1",
    );
    expect(await second.open(sealed, "users:u-1", Record)).toBeUndefined();
  });

  it("refuses a record that fails its schema", async () => {
    const cipher = new CacheCipher(await CacheCipher.createKey());
    const sealed = await cipher.seal({ userId: 7 }, "users:u-1");
    expect(await cipher.open(sealed, "users:u-1", Record)).toBeUndefined();
    expect(await cipher.open({ iv: "x" }, "users:u-1", Record)).toBeUndefined();
  });

  it("uses a fresh IV for every record", async () => {
    const cipher = new CacheCipher(await CacheCipher.createKey());
    const first = await cipher.seal({ name: "Ana" }, "records:meta");
    const second = await cipher.seal({ name: "Ana" }, "records:meta");
    expect(first.iv).not.toEqual(second.iv);
  });

  it("creates keys that cannot be exported", async () => {
    const key = await CacheCipher.createKey();
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("raw", key)).rejects.toThrow();
  });
});

describe("sealForHub", () => {
  it("seals a PIN change that only the hub's private key opens", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
    });
    const sealingKey = HubSealingKey.parse(publicKey.export({ format: "jwk" }));
    const sealed = await sealForHub(sealingKey, {
      currentPin: "482619",
      newPin: "582039",
    });
    expect(sealed).not.toContain("482619");
    const opened = privateDecrypt(
      {
        key: privateKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: "sha256",
      },
      Buffer.from(sealed, "base64url"),
    ).toString("utf8");
    expect(SealedPinChange.parse(JSON.parse(opened))).toEqual({
      currentPin: "482619",
      newPin: "582039",
    });
  });
});
