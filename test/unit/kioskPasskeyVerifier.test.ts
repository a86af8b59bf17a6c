import { createPublicKey } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  offlinePasskeyChallenge,
  KioskUser,
  type CachedPasskey,
  type CreationOptionsJSON,
  type Mutation,
  type UserId,
} from "../../protocol";
import { KioskError } from "../../kiosk/net/KioskError";
import { derToRawSignature } from "../../kiosk/passkeys/derSignature";
import { verifierRequests } from "../../kiosk/sync/verifierRequests";
import { proveResetOffline } from "../../kiosk/passkeys/proveResetOffline";
import {
  verifyOfflineAssertion,
  type AssertionExpectations,
} from "../../kiosk/passkeys/verifyOfflineAssertion";
import {
  PASSKEY_ORIGIN,
  PASSKEY_RP_ID,
  SoftAuthenticator,
  type SoftCredential,
} from "../support/softAuthenticator";

const CHALLENGE = "Y2hhbGxlbmdlLW9mLXRoZS1yZXNldA";
const WHERE = { origin: PASSKEY_ORIGIN, rpId: PASSKEY_RP_ID };
const MANAGER_ID = "u-manager" as UserId;

const CREATION_OPTIONS: CreationOptionsJSON = {
  challenge: "cmVnaXN0cmF0aW9u",
  rp: { name: "Storefloor", id: PASSKEY_RP_ID },
  user: { id: "dS1tYW5hZ2Vy", name: "E4", displayName: "Manager" },
  pubKeyCredParams: [{ type: "public-key", alg: -7 }],
};

let authenticator: SoftAuthenticator;
let credential: SoftCredential;
let cached: CachedPasskey;

beforeEach(() => {
  authenticator = new SoftAuthenticator();
  authenticator.create(CREATION_OPTIONS);
  const created = authenticator.credentials[0];
  if (created === undefined) {
    throw new Error("the soft authenticator made no credential");
  }
  credential = created;
  cached = cachedPasskeyOf(credential, 0);
});

/** Returns the public key as the hub sends it on the verifiers channel. */
function cachedPasskeyOf(
  source: SoftCredential,
  counter: number,
): CachedPasskey {
  const jwk = createPublicKey(source.privateKey).export({ format: "jwk" });
  return {
    credentialId: source.id,
    publicKey: "AA",
    alg: -7,
    jwk: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y },
    counter,
  };
}

async function expectations(
  overrides: Partial<AssertionExpectations> = {},
): Promise<AssertionExpectations> {
  const publicKey = await crypto.subtle.importKey(
    "jwk",
    cached.jwk as JsonWebKey,
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  return {
    credentialId: credential.id,
    publicKey,
    knownCounter: 0,
    challenge: CHALLENGE,
    ...WHERE,
    ...overrides,
  };
}

describe("verifyOfflineAssertion", () => {
  it("accepts a soft authenticator's assertion", async () => {
    const response = authenticator.assert(CHALLENGE, { counter: 7 });

    const verdict = await verifyOfflineAssertion(
      response,
      await expectations({ knownCounter: 6 }),
    );

    expect(verdict).toEqual({ ok: true, counter: 7 });
  });

  it("accepts a counter that stays 0", async () => {
    const response = authenticator.assert(CHALLENGE, { counter: 0 });

    const verdict = await verifyOfflineAssertion(
      response,
      await expectations(),
    );

    expect(verdict).toEqual({ ok: true, counter: 0 });
  });

  const failures = [
    {
      name: "another challenge",
      failure: "challenge",
      overrides: { challenge: "b3RoZXItY2hhbGxlbmdl" },
      known: 0,
    },
    {
      name: "another origin",
      failure: "origin",
      overrides: { origin: "http://localhost:9999" },
      known: 0,
    },
    {
      name: "another RP ID",
      failure: "rp-id",
      overrides: { rpId: "example.com" },
      known: 0,
    },
    {
      name: "a registration's client data",
      failure: "type",
      overrides: { clientDataType: "webauthn.create" },
      known: 0,
    },
    {
      name: "no user verification",
      failure: "user-verification",
      overrides: { userVerified: false },
      known: 0,
    },
    {
      name: "a counter below the cached one",
      failure: "counter",
      overrides: { counter: 4 },
      known: 5,
    },
    {
      name: "a counter equal to the cached one",
      failure: "counter",
      overrides: { counter: 5 },
      known: 5,
    },
    {
      name: "a counter of 0 after a higher one",
      failure: "counter",
      overrides: { counter: 0 },
      known: 5,
    },
  ] as const;

  it.each(failures)("rejects $name", async ({ failure, overrides, known }) => {
    const response = authenticator.assert(
      "challenge" in overrides ? overrides.challenge : CHALLENGE,
      overrides,
    );

    const verdict = await verifyOfflineAssertion(
      response,
      await expectations({ knownCounter: known }),
    );

    expect(verdict).toEqual({ ok: false, failure });
  });

  it("rejects a signature by another key", async () => {
    const other = new SoftAuthenticator();
    other.create(CREATION_OPTIONS);
    const otherCredential = other.credentials[0];
    if (otherCredential === undefined) {
      throw new Error("the soft authenticator made no credential");
    }
    // The other key signs, but the response names the cached credential.
    const response = {
      ...other.assert(CHALLENGE, { counter: 1 }),
      id: credential.id,
      rawId: credential.id,
    };

    const verdict = await verifyOfflineAssertion(
      response,
      await expectations(),
    );

    expect(verdict).toEqual({ ok: false, failure: "signature" });
  });

  it("rejects another credential id", async () => {
    const response = authenticator.assert(CHALLENGE, { counter: 1 });

    const verdict = await verifyOfflineAssertion(
      response,
      await expectations({ credentialId: "b3RoZXI" }),
    );

    expect(verdict).toEqual({ ok: false, failure: "credential" });
  });

  it("rejects tampered authenticator data", async () => {
    const response = authenticator.assert(CHALLENGE, { counter: 1 });
    const signedBy = authenticator.assert(CHALLENGE, { counter: 2 });
    const tampered = {
      ...response,
      response: {
        ...response.response,
        authenticatorData: signedBy.response.authenticatorData,
      },
    };

    const verdict = await verifyOfflineAssertion(
      tampered,
      await expectations(),
    );

    expect(verdict).toEqual({ ok: false, failure: "signature" });
  });
});

describe("derToRawSignature", () => {
  it("strips sign bytes and pads short components", () => {
    const r = [0x00, 0x80, ...Array.from({ length: 31 }, () => 0x11)];
    const s = [0x22];
    const der = Uint8Array.from([
      0x30,
      2 + r.length + 2 + s.length,
      0x02,
      r.length,
      ...r,
      0x02,
      s.length,
      ...s,
    ]);

    const raw = derToRawSignature(der);

    expect(raw?.length).toBe(64);
    expect(raw?.[0]).toBe(0x80);
    expect(raw?.[31]).toBe(0x11);
    expect(raw?.slice(32, 63).every((byte) => byte === 0)).toBe(true);
    expect(raw?.[63]).toBe(0x22);
  });

  it("rejects bytes that are no DER sequence", () => {
    expect(derToRawSignature(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toBe(
      undefined,
    );
  });
});

describe("proveResetOffline", () => {
  function reset(): Extract<Mutation, { kind: "pin.reset" }> {
    return {
      kind: "pin.reset",
      actorId: MANAGER_ID,
      targetId: "u-employee" as UserId,
      sealed: "A".repeat(344),
      id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      clientTime: 1_800_000_000_000,
      baseVersion: 3,
    };
  }

  it("returns the proof and the counter to cache", async () => {
    const mutation = reset();
    cached = cachedPasskeyOf(credential, 2);
    let asked: string | undefined;

    const checked = await proveResetOffline({
      mutation,
      passkeys: { userId: MANAGER_ID, passkeyVersion: 1, passkeys: [cached] },
      where: WHERE,
      prompt: async (options) => {
        asked = options.challenge;
        return authenticator.assert(options.challenge, { counter: 3 });
      },
    });

    expect(asked).toBe(await offlinePasskeyChallenge(mutation));
    expect(checked.proof.passkey.knownCounter).toBe(2);
    expect(checked.proof.passkey.response.id).toBe(credential.id);
    expect(checked.counter).toEqual({
      userId: MANAGER_ID,
      credentialId: credential.id,
      counter: 3,
    });
  });

  it("rejects without a cached key", async () => {
    const error = await proveResetOffline({
      mutation: reset(),
      passkeys: undefined,
      where: WHERE,
      prompt: () => Promise.reject(new Error("must not prompt")),
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe("OFFLINE_PASSKEY_UNAVAILABLE");
    expect((error as KioskError).detailString("reason")).toBe("no-key");
  });

  it("rejects keys of another algorithm", async () => {
    const rs256: CachedPasskey = { ...cached, alg: -257, jwk: { kty: "RSA" } };

    const error = await proveResetOffline({
      mutation: reset(),
      passkeys: { userId: MANAGER_ID, passkeyVersion: 1, passkeys: [rs256] },
      where: WHERE,
      prompt: () => Promise.reject(new Error("must not prompt")),
    }).catch((caught: unknown) => caught);

    expect((error as KioskError).code).toBe("OFFLINE_PASSKEY_UNAVAILABLE");
    expect((error as KioskError).detailString("reason")).toBe("algorithm");
  });

  it("rejects an assertion over another action", async () => {
    const error = await proveResetOffline({
      mutation: reset(),
      passkeys: { userId: MANAGER_ID, passkeyVersion: 1, passkeys: [cached] },
      where: WHERE,
      prompt: async () => authenticator.assert(CHALLENGE, { counter: 1 }),
    }).catch((caught: unknown) => caught);

    expect((error as KioskError).code).toBe("PASSKEY_VERIFICATION_FAILED");
    expect((error as KioskError).detailString("reason")).toBe("challenge");
  });
});

describe("verifierRequests for passkeys", () => {
  function kioskUser(
    id: string,
    level: number,
    passkey: { hasPasskey: boolean; passkeyVersion: number },
  ): KioskUser {
    return KioskUser.parse({
      id,
      employeeNumber: id.toUpperCase(),
      firstName: "Test",
      lastName: id,
      role: { id: `level-${level}`, name: "Role", level, permissions: [] },
      lock: { kind: "none" },
      failedAttempts: 0,
      delivery: "email",
      pinTemporary: false,
      pinExpiresAt: null,
      storeIds: ["s-1"],
      orgWide: false,
      credentialVersion: 1,
      version: 1,
      ...passkey,
    });
  }

  it("asks again for a manager whose passkeys changed", () => {
    const users = [
      kioskUser("u-1", 3, { hasPasskey: true, passkeyVersion: 2 }),
      kioskUser("u-2", 3, { hasPasskey: true, passkeyVersion: 1 }),
      kioskUser("u-3", 3, { hasPasskey: false, passkeyVersion: 0 }),
    ];
    const verifiers = new Map(users.map((each) => [each.id, 1]));
    const passkeys = new Map<UserId, number>([
      ["u-1" as UserId, 1],
      ["u-2" as UserId, 1],
    ]);

    expect(verifierRequests(users, verifiers, 200, passkeys)).toEqual([
      ["u-1"],
    ]);
  });

  it("asks for a manager's first passkey", () => {
    const users = [
      kioskUser("u-1", 2, { hasPasskey: true, passkeyVersion: 1 }),
    ];
    const verifiers = new Map<UserId, number>([["u-1" as UserId, 1]]);

    expect(verifierRequests(users, verifiers, 200, new Map())).toEqual([
      ["u-1"],
    ]);
  });

  it("leaves out employees, who get no keys", () => {
    const users = [
      kioskUser("u-1", 1, { hasPasskey: true, passkeyVersion: 1 }),
    ];
    const verifiers = new Map<UserId, number>([["u-1" as UserId, 1]]);

    expect(verifierRequests(users, verifiers, 200, new Map())).toEqual([]);
  });
});
