import { createHash, randomUUID } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import {
  canonicalJson,
  offlinePasskeyChallenge,
  type Mutation,
  type UserId,
} from "../../protocol";
import { readVerifiers } from "../../hub/sync/readVerifiers";
import { removePasskey } from "../../hub/passkeys/removePasskey";
import { verifyOfflinePasskeyProof } from "../../hub/passkeys/verifyOfflinePasskeyProof";
import { HubError } from "../../hub/services/hubError";
import type { TabletRecord } from "../../hub/storage/tabletRepository";
import { pinOf, signInToken, userIdOf } from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { registerKioskPasskey, startPasskeyHub } from "../support/passkeySteps";
import {
  SoftAuthenticator,
  type ResponseOverrides,
} from "../support/softAuthenticator";
import type { TestHub } from "../support/startTestHub";
import { registerTablet } from "../support/testTablet";

let hub: TestHub | undefined;
let clock: ManualClock;

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

/** A stand-in sealed secret: the proof check never opens it. */
const SEALED = "A".repeat(400);

interface OfflineSetup {
  readonly running: TestHub;
  readonly tablet: TabletRecord;
  readonly authenticator: SoftAuthenticator;
}

/** Starts a hub, registers a passkey for E4 (counter 3) and a tablet of store A. */
async function setUp(initialCounter = 3): Promise<OfflineSetup> {
  clock = manualClock();
  const running = await startPasskeyHub({ now: clock.now });
  hub = running;
  const authenticator = new SoftAuthenticator({ initialCounter });
  const token = await signInToken(running, "E4");
  await registerKioskPasskey(
    running,
    token,
    "E4",
    pinOf(running, "E4"),
    authenticator,
  );
  const test = await registerTablet(
    running,
    running.fixture.stores.A as TabletRecord["storeId"],
    "offline tablet",
  );
  const tablet = await running.context.storage.tablets.get(test.tabletId);
  if (!tablet) {
    throw new Error("the tablet was not stored");
  }
  return { running, tablet, authenticator };
}

function resetMutation(
  running: TestHub,
  changes: Partial<Extract<Mutation, { kind: "pin.reset" }>> = {},
): Extract<Mutation, { kind: "pin.reset" }> {
  return {
    kind: "pin.reset",
    id: randomUUID(),
    actorId: userIdOf(running, "E4"),
    targetId: userIdOf(running, "E1"),
    sealed: SEALED,
    clientTime: clock.now(),
    baseVersion: 1,
    ...changes,
  };
}

/** Signs the mutation's offline challenge and verifies it on the hub. */
async function verify(
  setup: OfflineSetup,
  options: {
    mutation?: Extract<Mutation, { kind: "pin.reset" }>;
    signed?: Extract<Mutation, { kind: "pin.reset" }>;
    knownCounter?: number;
    overrides?: ResponseOverrides;
    actorId?: UserId;
  } = {},
): Promise<void> {
  const mutation = options.mutation ?? resetMutation(setup.running);
  const signed = options.signed ?? mutation;
  const response = setup.authenticator.assert(
    await offlinePasskeyChallenge(signed),
    options.overrides,
  );
  const actor = await setup.running.context.storage.users.get(
    options.actorId ?? mutation.actorId,
  );
  if (!actor) {
    throw new Error("unknown actor");
  }
  await verifyOfflinePasskeyProof(setup.running.context, {
    tablet: setup.tablet,
    actor,
    mutation,
    proof: {
      passkey: { response, knownCounter: options.knownCounter ?? 3 },
    },
  });
}

async function rejection(promise: Promise<void>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError) {
      return error;
    }
    throw error;
  }
  throw new Error("the proof was accepted");
}

/**
 * Converts a DER ECDSA signature (SEQUENCE of two INTEGERs) to the 64-byte
 * r‖s form WebCrypto verifies.
 */
function derToRaw(der: Buffer): Buffer {
  const rLength = der[3] ?? 0;
  const r = der.subarray(4, 4 + rLength);
  const sLength = der[5 + rLength] ?? 0;
  const s = der.subarray(6 + rLength, 6 + rLength + sLength);
  const fixed = (integer: Buffer) => {
    const out = Buffer.alloc(32);
    const trimmed = integer.subarray(Math.max(integer.length - 32, 0));
    trimmed.copy(out, 32 - trimmed.length);
    return out;
  };
  return Buffer.concat([fixed(r), fixed(s)]);
}

async function storedCounter(running: TestHub): Promise<number | undefined> {
  const [passkey] = await running.context.storage.passkeys.listOfUser(
    userIdOf(running, "E4"),
  );
  return passkey?.counter;
}

describe("offline challenge", () => {
  test("canonical JSON sorts keys", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  test("canonical JSON drops undefined", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  test("canonical JSON rejects non-finite numbers", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });

  test("challenge is SHA-256 of the canonical JSON", async () => {
    const mutation = { kind: "pin.reset", id: "m-1", clientTime: 5 };
    const expected = createHash("sha256")
      .update('{"clientTime":5,"id":"m-1","kind":"pin.reset"}')
      .digest("base64url");

    expect(await offlinePasskeyChallenge(mutation)).toBe(expected);
  });

  test("key order does not change the challenge", async () => {
    expect(await offlinePasskeyChallenge({ a: 1, b: 2 })).toBe(
      await offlinePasskeyChallenge({ b: 2, a: 1 }),
    );
  });
});

describe("offline passkey proof", () => {
  test("valid proof is accepted", async () => {
    const setup = await setUp();

    await verify(setup);

    // The authenticator signed with counter 4, one above the registration's 3.
    expect(await storedCounter(setup.running)).toBe(4);
  });

  test("mutation id is accepted once", async () => {
    const setup = await setUp();
    const mutation = resetMutation(setup.running);
    await verify(setup, { mutation });

    const error = await rejection(verify(setup, { mutation, knownCounter: 4 }));

    expect(error.code).toBe("PASSKEY_VERIFICATION_FAILED");
    expect(error.message).toContain("already used");
  });

  test("assertion covers one mutation only", async () => {
    const setup = await setUp();
    const signed = resetMutation(setup.running);
    const changed = { ...signed, targetId: userIdOf(setup.running, "E2") };

    const error = await rejection(verify(setup, { mutation: changed, signed }));

    expect(error.code).toBe("PASSKEY_VERIFICATION_FAILED");
    expect(error.message).toContain("challenge");
  });

  test("counter below the tablet's is rejected", async () => {
    const setup = await setUp();

    const error = await rejection(
      verify(setup, { knownCounter: 8, overrides: { counter: 6 } }),
    );

    expect(error.code).toBe("PASSKEY_COUNTER_REPLAYED");
    expect(await storedCounter(setup.running)).toBe(3);
  });

  test("counter equal to the tablet's is rejected", async () => {
    const setup = await setUp();

    const error = await rejection(
      verify(setup, { knownCounter: 5, overrides: { counter: 5 } }),
    );

    expect(error.code).toBe("PASSKEY_COUNTER_REPLAYED");
  });

  test("counter staying 0 is allowed", async () => {
    const setup = await setUp(0);

    await verify(setup, { knownCounter: 0 });
    await verify(setup, { knownCounter: 0 });

    expect(await storedCounter(setup.running)).toBe(0);
  });

  test("later online use keeps the higher counter", async () => {
    const setup = await setUp();
    const [passkey] = await setup.running.context.storage.passkeys.listOfUser(
      userIdOf(setup.running, "E4"),
    );
    await setup.running.context.storage.passkeys.recordUse(
      passkey?.id ?? "",
      20,
      clock.now(),
    );

    await verify(setup, { knownCounter: 3, overrides: { counter: 5 } });

    expect(await storedCounter(setup.running)).toBe(20);
  });

  test.each([
    ["wrong origin", { origin: "http://evil.example:8080" }, "origin"],
    ["wrong RP ID", { rpId: "evil.example" }, "RP ID"],
    ["no user verification", { userVerified: false }, "verif"],
  ])("%s is rejected", async (_name, overrides, words) => {
    const setup = await setUp();

    const error = await rejection(verify(setup, { overrides }));

    expect(error.code).toBe("PASSKEY_VERIFICATION_FAILED");
    expect(error.message.toLowerCase()).toContain(words.toLowerCase());
  });

  test("someone else's credential is rejected", async () => {
    const setup = await setUp();
    const mutation = resetMutation(setup.running, {
      actorId: userIdOf(setup.running, "E9"),
    });

    const error = await rejection(verify(setup, { mutation }));

    expect(error.code).toBe("PASSKEY_VERIFICATION_FAILED");
    expect(error.message).toContain("someone else");
  });

  test("removed credential is rejected", async () => {
    const setup = await setUp();
    const managerId = userIdOf(setup.running, "E4");
    const [passkey] =
      await setup.running.context.storage.passkeys.listOfUser(managerId);
    await setup.running.context.storage.passkeys.delete(
      passkey?.id ?? "",
      managerId,
    );

    const error = await rejection(verify(setup));

    expect(error.code).toBe("PASSKEY_VERIFICATION_FAILED");
    expect(error.message).toContain("not registered");
  });

  test("implausible claim time is rejected", async () => {
    const setup = await setUp();
    const mutation = resetMutation(setup.running, {
      clientTime: clock.now() + 3_600_000,
    });

    const error = await rejection(verify(setup, { mutation }));

    expect(error.code).toBe("CLAIM_TIME_IMPLAUSIBLE");
  });
});

describe("public keys for tablets", () => {
  test("verifiers carry a manager's key", async () => {
    const setup = await setUp();
    const managerId = userIdOf(setup.running, "E4");

    const response = await readVerifiers(setup.running.context, setup.tablet, {
      userIds: [managerId, userIdOf(setup.running, "E1")],
    });

    expect(response.passkeys.map((entry) => entry.userId)).toEqual([managerId]);
    const [cached] = response.passkeys[0]?.passkeys ?? [];
    expect(cached?.alg).toBe(-7);
    expect(cached?.counter).toBe(3);
    expect(cached?.credentialId).toBe(setup.authenticator.credentials[0]?.id);
    expect(response.passkeys[0]?.passkeyVersion).toBe(1);
  });

  test("cached JWK verifies an assertion", async () => {
    const setup = await setUp();
    const response = await readVerifiers(setup.running.context, setup.tablet, {
      userIds: [userIdOf(setup.running, "E4")],
    });
    const jwk = response.passkeys[0]?.passkeys[0]?.jwk;
    const assertion = setup.authenticator.assert("Y2hhbGxlbmdl");
    const key = await crypto.subtle.importKey(
      "jwk",
      jwk as JsonWebKey,
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const authData = Buffer.from(
      assertion.response.authenticatorData,
      "base64url",
    );
    const clientHash = createHash("sha256")
      .update(Buffer.from(assertion.response.clientDataJSON, "base64url"))
      .digest();
    const raw = derToRaw(
      Buffer.from(assertion.response.signature, "base64url"),
    );

    const valid = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      new Uint8Array(raw),
      new Uint8Array(Buffer.concat([authData, clientHash])),
    );

    expect(valid).toBe(true);
  });

  test("removal empties the cached list", async () => {
    const setup = await setUp();
    const managerId = userIdOf(setup.running, "E4");
    const [passkey] =
      await setup.running.context.storage.passkeys.listOfUser(managerId);
    await removePasskey(setup.running.context, {
      ownerId: managerId,
      passkeyId: passkey?.id ?? "",
      actorId: managerId,
      tabletId: null,
      storeIds: [],
      via: "control panel",
    });

    const response = await readVerifiers(setup.running.context, setup.tablet, {
      userIds: [managerId],
    });

    expect(response.passkeys).toEqual([
      { userId: managerId, passkeyVersion: 2, passkeys: [] },
    ]);
  });
});
