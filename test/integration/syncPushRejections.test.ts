import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterEach, beforeEach, expect, test } from "vitest";
import {
  HubSealingKey,
  type ErrorCode,
  type Mutation,
  type RoleId,
} from "../../protocol";
import { fixtureStore } from "../support/fixtureLookup";
import {
  auditEntries,
  openSession,
  resetPinOnline,
} from "../support/kioskRequests";
import { deactivateUser, updateUser } from "../support/rosterChanges";
import {
  readUserStates,
  startSyncedTablet,
  type SyncedTablet,
} from "../support/syncedTablet";
import {
  pinChange,
  pinReset,
  signInFailure,
  signInSuccess,
} from "../support/tabletMutations";
import { disconnectTablets } from "../support/testTablet";

/** The default clock skew the hub allows, in ms. */
const SKEW_MS = 300_000;
const WRONG_PIN = "130508";
const NEW_PIN = "730418";
const TEMPORARY_PIN = "604918";

let synced: SyncedTablet;

beforeEach(async () => {
  synced = await startSyncedTablet();
  // The tablet acts in the two minutes after its sync, then pushes.
  synced.clock.now += 120_000;
});
afterEach(async () => {
  disconnectTablets();
  await synced.hub.stop();
});

/** Returns a tablet clock time `offsetMs` from the hub's, for a mutation. */
function at(offsetMs = 0): { clientTime: number } {
  return { clientTime: synced.clock.now + offsetMs };
}

function change(employee: string, currentPin: string, newPin = NEW_PIN) {
  return pinChange(
    synced.sealingKey,
    synced.user(employee).id,
    { currentPin, newPin },
    at(-60_000),
  );
}

function reset(
  actor: string,
  target: string,
  actorPin = synced.user(actor).pin,
  temporaryPin = TEMPORARY_PIN,
) {
  return pinReset(
    synced.sealingKey,
    synced.user(actor).id,
    synced.user(target).id,
    { actorPin, temporaryPin },
    at(-60_000),
  );
}

/** Locks a user with five wrong PINs pushed by the tablet. */
async function lockUser(employee: string): Promise<void> {
  const { id } = synced.user(employee);
  await synced.connection.pushMutations(
    Array.from({ length: 5 }, () => signInFailure(id, at(-90_000))),
  );
}

/** Resets a user's PIN at the hub, as a manager at an online tablet. */
async function resetAtHub(target: string): Promise<void> {
  const manager = synced.user("E4");
  const session = await openSession(
    synced.hub,
    synced.storeId,
    manager.id,
    manager.pin,
  );
  const response = await resetPinOnline(
    synced.hub,
    session.token,
    synced.user(target).id,
    manager.pin,
    TEMPORARY_PIN,
  );
  expect(response.statusCode, response.body).toBe(200);
}

function sealedToAnotherKey(): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const stranger = HubSealingKey.parse(publicKey.export({ format: "jwk" }));
  return pinChange(
    stranger,
    synced.user("E2").id,
    { currentPin: synced.user("E2").pin, newPin: NEW_PIN },
    at(),
  ).sealed;
}

function withSealed(
  mutation: Extract<Mutation, { kind: "pin.change" }>,
  sealed: string,
): Mutation {
  return { ...mutation, sealed };
}

interface RejectionCase {
  readonly name: string;
  readonly reason: ErrorCode;
  /** Prepares the hub, then returns the mutation it must reject. */
  readonly build: () => Promise<Mutation> | Mutation;
}

const CASES: RejectionCase[] = [
  {
    name: "time before the last sync",
    reason: "CLAIM_TIME_IMPLAUSIBLE",
    build: () =>
      signInFailure(synced.user("E1").id, {
        clientTime: synced.syncedAt - SKEW_MS - 1,
      }),
  },
  {
    name: "time in the future",
    reason: "CLAIM_TIME_IMPLAUSIBLE",
    build: () => signInFailure(synced.user("E1").id, at(SKEW_MS + 1)),
  },
  {
    name: "change older than a hub reset",
    reason: "CONFLICT_SUPERSEDED",
    build: async () => {
      const older = change("E2", synced.user("E2").pin);
      await resetAtHub("E2");
      return older;
    },
  },
  {
    name: "change of a locked user",
    reason: "CONFLICT_SUPERSEDED",
    build: async () => {
      await lockUser("E1");
      return change("E1", synced.user("E1").pin);
    },
  },
  {
    name: "change with a wrong PIN",
    reason: "PROOF_FAILED",
    build: () => change("E2", WRONG_PIN),
  },
  {
    name: "change to a weak PIN",
    reason: "PIN_POLICY_VIOLATION",
    build: () => change("E2", synced.user("E2").pin, "123456"),
  },
  {
    name: "reset with a wrong actor PIN",
    reason: "PROOF_FAILED",
    build: () => reset("E4", "E2", WRONG_PIN),
  },
  {
    name: "reset by an employee",
    reason: "PERMISSION_MISSING",
    build: () => reset("E1", "E2"),
  },
  {
    name: "reset of an equal level",
    reason: "LEVEL_NOT_HIGHER",
    build: () => reset("E3", "E7"),
  },
  {
    name: "reset by the shift lead",
    reason: "LEVEL_NOT_HIGHER",
    build: () => reset("E7", "E3"),
  },
  {
    name: "reset of a two-store colleague",
    reason: "OUT_OF_SCOPE",
    build: () => reset("E4", "E6"),
  },
  {
    name: "reset of oneself",
    reason: "SELF_ACTION",
    build: () => reset("E4", "E4"),
  },
  {
    name: "reset by a demoted supervisor",
    reason: "PERMISSION_MISSING",
    build: async () => {
      const mutation = reset("E3", "E1");
      await updateUser(synced.hub, synced.user("E3").id, {
        roleId: "employee" as RoleId,
      });
      return mutation;
    },
  },
  {
    name: "reset to a weak PIN",
    reason: "PIN_POLICY_VIOLATION",
    build: () => reset("E4", "E2", undefined, "111111"),
  },
  {
    name: "failure of store B's user",
    reason: "USER_NOT_FOUND",
    build: () => signInFailure(synced.user("E5").id, at()),
  },
  {
    name: "reset of store B's user",
    reason: "USER_NOT_FOUND",
    build: () => reset("E4", "E5"),
  },
  {
    name: "success of a user who left",
    reason: "USER_NOT_FOUND",
    build: async () => {
      await updateUser(synced.hub, synced.user("E2").id, {
        storeIds: [fixtureStore(synced.hub.fixture, "B")],
      });
      return signInSuccess(synced.user("E2").id, at());
    },
  },
  {
    name: "success of a deactivated user",
    reason: "USER_INACTIVE",
    build: async () => {
      await deactivateUser(synced.hub, synced.user("E2").id);
      return signInSuccess(synced.user("E2").id, at());
    },
  },
  {
    name: "reset by a deactivated manager",
    reason: "USER_INACTIVE",
    build: async () => {
      await deactivateUser(synced.hub, synced.user("E4").id);
      return reset("E4", "E2");
    },
  },
  {
    name: "garbage sealed PINs",
    reason: "SEALED_SECRET_INVALID",
    build: () =>
      withSealed(
        change("E2", synced.user("E2").pin),
        randomBytes(256).toString("base64url"),
      ),
  },
  {
    name: "PINs sealed to another key",
    reason: "SEALED_SECRET_INVALID",
    build: () =>
      withSealed(change("E2", synced.user("E2").pin), sealedToAnotherKey()),
  },
  {
    name: "reset PINs sealed in a change",
    reason: "SEALED_SECRET_INVALID",
    build: () =>
      withSealed(change("E2", synced.user("E2").pin), reset("E4", "E2").sealed),
  },
];

test.each(CASES)("rejects $name", async ({ build, reason }) => {
  const mutation = await build();
  const userIds = Object.values(synced.hub.fixture.users);
  const before = await readUserStates(synced.hub, userIds);
  const head = await synced.hub.context.storage.log.latestSeq();

  const [verdict] = await synced.connection.pushMutations([mutation]);
  const after = await readUserStates(synced.hub, userIds);
  const changes = await synced.hub.context.storage.log.list({
    afterSeq: head,
    limit: 100,
    category: "change",
  });
  const audited = await auditEntries(synced.hub, `offline.${mutation.kind}`);

  expect(verdict).toMatchObject({
    id: mutation.id,
    status: "rejected",
    reason,
  });
  expect(after).toEqual(before);
  expect(changes).toEqual([]);
  expect(
    audited.filter(
      (entry) =>
        entry.reason === reason && entry.payload.mutationId === mutation.id,
    ),
  ).toHaveLength(1);
});
