import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  offlinePasskeyChallenge,
  type HubSealingKey,
  type Mutation,
  type MutationResult,
  type StoreId,
  type UserId,
} from "../../protocol";
import { makeDataDirWithKey } from "../support/cachedKeyHub";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import { auditEntries } from "../support/kioskRequests";
import { signInToken } from "../support/kioskClient";
import { registerKioskPasskey, startPasskeyHub } from "../support/passkeySteps";
import {
  SoftAuthenticator,
  type ResponseOverrides,
} from "../support/softAuthenticator";
import type { TestHub } from "../support/startTestHub";
import { readUserStates } from "../support/syncedTablet";
import {
  disconnectTablets,
  enrollTablet,
  expectOk,
  sealSecret,
  type TabletConnection,
} from "../support/testTablet";

const TEMPORARY_PIN = "604918";

type ResetMutation = Extract<Mutation, { kind: "pin.reset" }>;

let clock: { now: number };
let dataDir: string;
let hub: TestHub;
let storeId: StoreId;
let connection: TabletConnection;
let sealingKey: HubSealingKey;
let authenticator: SoftAuthenticator;
/** The signature counter the tablet cached for the manager's passkey. */
let cachedCounter: number;

beforeEach(async () => {
  clock = { now: Date.now() };
  dataDir = makeDataDirWithKey();
  hub = await startPasskeyHub({ now: () => clock.now, dataDir });
  storeId = fixtureStore(hub.fixture, "A");

  // The manager registers a passkey at a tablet, with a grant and the PIN.
  authenticator = new SoftAuthenticator();
  const manager = user("E4");
  const token = await signInToken(hub, "E4");
  await registerKioskPasskey(hub, token, "E4", manager.pin, authenticator);

  // The tablet syncs, and the verifiers channel brings the public key.
  const tablet = await enrollTablet(hub, storeId);
  connection = await tablet.connect();
  sealingKey = (await connection.pullSnapshot()).sealingKey;
  const verifiers = expectOk(await connection.verifiers([manager.id]));
  const cached = verifiers.passkeys.find(
    (entry) => entry.userId === manager.id,
  );
  expect(cached?.passkeys).toHaveLength(1);
  expect(cached?.passkeys[0]?.credentialId).toBe(
    authenticator.credentials[0]?.id,
  );
  cachedCounter = cached?.passkeys[0]?.counter ?? -1;
  expect(cachedCounter).toBe(0);

  // The tablet then acts offline, within the plausible window.
  clock.now += 120_000;
});

afterEach(async () => {
  disconnectTablets();
  await hub.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function user(employeeNumber: string): { id: UserId; pin: string } {
  return fixtureUser(hub.fixture, employeeNumber);
}

/** Builds E4's offline reset of `target`, not yet proved. */
function unprovedReset(target = "E2"): ResetMutation {
  return {
    kind: "pin.reset",
    actorId: user("E4").id,
    targetId: user(target).id,
    sealed: sealSecret(sealingKey, { temporaryPin: TEMPORARY_PIN }),
    id: randomUUID(),
    clientTime: clock.now - 60_000,
    baseVersion: 1,
  };
}

/**
 * Proves `mutation` with the authenticator over its offline challenge, as
 * the tablet does, with the counter the tablet had cached.
 */
async function prove(
  mutation: ResetMutation,
  overrides: ResponseOverrides & {
    knownCounter?: number;
    by?: SoftAuthenticator;
  } = {},
): Promise<ResetMutation> {
  const { knownCounter, by, ...responseOverrides } = overrides;
  const challenge = await offlinePasskeyChallenge(mutation);
  const response = (by ?? authenticator).assert(challenge, responseOverrides);
  return {
    ...mutation,
    proof: {
      passkey: { response, knownCounter: knownCounter ?? cachedCounter },
    },
  };
}

async function push(mutation: Mutation): Promise<MutationResult> {
  const results = await connection.pushMutations([mutation]);
  const result = results[0];
  if (result === undefined) {
    throw new Error("the hub returned no verdict");
  }
  return result;
}

async function storedCounter(): Promise<number | undefined> {
  const passkeys = await hub.context.storage.passkeys.listOfUser(user("E4").id);
  return passkeys[0]?.counter;
}

describe("offline reset with a passkey", () => {
  test("valid assertion is applied", async () => {
    const mutation = await prove(unprovedReset(), { counter: 3 });

    const result = await push(mutation);

    expect(result).toEqual({ id: mutation.id, status: "applied" });
    const pin = await hub.context.storage.credentials.getPin(user("E2").id);
    expect(pin?.temporary).toBe(true);
    const resets = await auditEntries(hub, "pin.reset");
    const offline = resets.filter((entry) => entry.payload.offline === true);
    expect(offline).toHaveLength(1);
    expect(offline[0]?.actorId).toBe(user("E4").id);
    expect(offline[0]?.targetId).toBe(user("E2").id);
    expect(await storedCounter()).toBe(3);
  });

  test("counter of 0 staying 0 is applied", async () => {
    const mutation = await prove(unprovedReset(), { counter: 0 });

    const result = await push(mutation);

    expect(result.status).toBe("applied");
  });

  test("resent mutation id applies once", async () => {
    const mutation = await prove(unprovedReset(), { counter: 3 });
    const first = await push(mutation);

    const again = await push(mutation);

    expect(first.status).toBe("applied");
    expect(again).toEqual(first);
    const resets = await auditEntries(hub, "pin.reset");
    expect(
      resets.filter((entry) => entry.payload.mutationId === mutation.id),
    ).toHaveLength(1);
  });

  test("proof reused under a new id is rejected", async () => {
    const original = await prove(unprovedReset(), { counter: 3 });
    expect((await push(original)).status).toBe("applied");
    const copy: ResetMutation = { ...original, id: randomUUID() };

    const result = await push(copy);

    expect(result.status).toBe("rejected");
    expect(result.reason).toBe("PASSKEY_VERIFICATION_FAILED");
  });
});

describe("offline reset rejected", () => {
  interface RejectionCase {
    readonly name: string;
    readonly reason: string;
    readonly build: () => Promise<Mutation>;
  }

  const cases: RejectionCase[] = [
    {
      name: "mutation changed after signing",
      reason: "PASSKEY_VERIFICATION_FAILED",
      build: async () => ({
        ...(await prove(unprovedReset("E2"), { counter: 3 })),
        targetId: user("E1").id,
      }),
    },
    {
      name: "counter below the tablet's",
      reason: "PASSKEY_COUNTER_REPLAYED",
      build: () => prove(unprovedReset(), { counter: 4, knownCounter: 5 }),
    },
    {
      name: "counter equal to the tablet's",
      reason: "PASSKEY_COUNTER_REPLAYED",
      build: () => prove(unprovedReset(), { counter: 5, knownCounter: 5 }),
    },
    {
      name: "unknown credential",
      reason: "PASSKEY_VERIFICATION_FAILED",
      build: async () => {
        const stranger = new SoftAuthenticator();
        stranger.create({
          challenge: "c3RyYW5nZXI",
          rp: { name: "Storefloor", id: "localhost" },
          user: { id: "c3RyYW5nZXI", name: "E4", displayName: "E4" },
          pubKeyCredParams: [{ type: "public-key", alg: -7 }],
        });
        return prove(unprovedReset(), { counter: 3, by: stranger });
      },
    },
    {
      name: "other origin",
      reason: "PASSKEY_VERIFICATION_FAILED",
      build: () =>
        prove(unprovedReset(), {
          counter: 3,
          origin: "http://localhost:9999",
        }),
    },
    {
      name: "user not verified",
      reason: "PASSKEY_VERIFICATION_FAILED",
      build: () => prove(unprovedReset(), { counter: 3, userVerified: false }),
    },
    {
      name: "PIN from a passkey holder",
      reason: "PASSKEY_PROOF_REQUIRED",
      build: async () => ({
        ...unprovedReset(),
        sealed: sealSecret(sealingKey, {
          actorPin: user("E4").pin,
          temporaryPin: TEMPORARY_PIN,
        }),
      }),
    },
  ];

  test.each(cases)("$name", async ({ build, reason }) => {
    const targets = [user("E1").id, user("E2").id];
    const before = await readUserStates(hub, targets);
    const counterBefore = await storedCounter();
    const mutation = await build();

    const result = await push(mutation);

    expect(result.status).toBe("rejected");
    expect(result.reason).toBe(reason);
    expect(await readUserStates(hub, targets)).toEqual(before);
    expect(await storedCounter()).toBe(counterBefore);
    const audited = await auditEntries(hub, "offline.pin.reset");
    expect(audited).toHaveLength(1);
    expect(audited[0]?.reason).toBe(reason);
  });

  test("PIN under requirePasskeyForReset", async () => {
    const settings = await hub.context.storage.org.getSettings();
    await hub.context.storage.org.saveSettings({
      ...settings,
      requirePasskeyForReset: true,
    });
    const administrator = user("E9");
    const mutation: Mutation = {
      ...unprovedReset(),
      actorId: administrator.id,
      sealed: sealSecret(sealingKey, {
        actorPin: administrator.pin,
        temporaryPin: TEMPORARY_PIN,
      }),
    };

    const result = await push(mutation);

    expect(result.status).toBe("rejected");
    expect(result.reason).toBe("PASSKEY_REQUIRED");
  });

  test("PIN without the setting still applies", async () => {
    const administrator = user("E9");
    const mutation: Mutation = {
      ...unprovedReset(),
      actorId: administrator.id,
      sealed: sealSecret(sealingKey, {
        actorPin: administrator.pin,
        temporaryPin: TEMPORARY_PIN,
      }),
    };

    const result = await push(mutation);

    expect(result.status).toBe("applied");
  });
});
