import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  PROTOCOL_VERSION,
  type HubSealingKey,
  type Mutation,
  type MutationResult,
} from "../../protocol";
import { makeDataDirWithKey } from "../support/cachedKeyHub";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import { auditEntries, signInOnline } from "../support/kioskRequests";
import {
  spawnHubProcess,
  startHubOnData,
  type HubOnData,
} from "../support/hubOnData";
import type { Fixture } from "../support/seedFixture";
import { startTestHub, type TestHub } from "../support/startTestHub";
import {
  pinChange,
  pinReset,
  signInFailure,
  signInSuccess,
} from "../support/tabletMutations";
import {
  connectTablet,
  disconnectTablets,
  enrollTablet,
  type HubHandle,
  type TestTablet,
} from "../support/testTablet";

const NEW_PIN = "730418";
const TEMPORARY_PIN = "604918";
/** Wrong PINs of E1 in the outbox below. */
const E1_FAILURES = 6;

let dataDir: string;
let fixture: Fixture;
/** Hubs to close after each test, unless the test closed them. */
const running = new Set<{ close(): Promise<void> }>();

beforeEach(() => {
  dataDir = makeDataDirWithKey();
});
afterEach(async () => {
  disconnectTablets();
  for (const hub of running) {
    await hub.close();
  }
  running.clear();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the first hub on `dataDir` with the fixture and a synced tablet. */
async function startFirstHub(): Promise<{
  hub: TestHub;
  tablet: TestTablet;
  sealingKey: HubSealingKey;
}> {
  const hub = await startTestHub({ dataDir });
  running.add(hub);
  fixture = hub.fixture;
  const tablet = await enrollTablet(hub, fixtureStore(fixture, "A"));
  const connection = await tablet.connect();
  const { sealingKey } = await connection.pullSnapshot();
  connection.close();
  return { hub, tablet, sealingKey };
}

/** Restarts the hub on `dataDir`, as after a crash or an update. */
async function restart(): Promise<HubOnData> {
  const hub = await startHubOnData(dataDir);
  running.add(hub);
  return hub;
}

/**
 * Builds an outbox of every kind of mutation, with PIN changes spread among
 * them. Each PIN change waits on argon2, so the hub can be stopped between
 * two mutations of the batch.
 */
function outbox(sealingKey: HubSealingKey): Mutation[] {
  const at = { clientTime: Date.now() };
  const user = (employee: string) => fixtureUser(fixture, employee);
  const failure = () => signInFailure(user("E1").id, at);
  return [
    failure(),
    pinChange(
      sealingKey,
      user("E2").id,
      { currentPin: user("E2").pin, newPin: NEW_PIN },
      at,
    ),
    failure(),
    failure(),
    pinReset(
      sealingKey,
      user("E4").id,
      user("E7").id,
      { actorPin: user("E4").pin, temporaryPin: TEMPORARY_PIN },
      at,
    ),
    failure(),
    signInSuccess(user("E3").id, at),
    failure(),
    pinChange(
      sealingKey,
      user("E3").id,
      { currentPin: user("E3").pin, newPin: NEW_PIN },
      at,
    ),
    failure(),
  ];
}

/** Audit entries of `kind` that record the mutation `mutationId`. */
async function auditedFor(
  hub: HubHandle,
  kind: string,
  mutationId: string,
): Promise<number> {
  const entries = await auditEntries(hub, kind);
  return entries.filter((entry) => entry.payload.mutationId === mutationId)
    .length;
}

/**
 * Checks that the hub's data contains the effect of each mutation that has a
 * verdict and of no other, because effects and verdicts commit together.
 */
async function expectVerdictsMatchEffects(
  hub: HubHandle,
  batch: readonly Mutation[],
): Promise<void> {
  const { storage } = hub.context;
  const applied = new Set<string>();
  for (const mutation of batch) {
    const verdict = await storage.mutations.get(mutation.id);
    if (verdict?.status === "applied") {
      applied.add(mutation.id);
    }
  }
  const failures = batch.filter(
    (mutation) => mutation.kind === "sign-in.failure",
  );
  const lockout = await storage.credentials.getLockout(
    fixtureUser(fixture, "E1").id,
  );
  expect(lockout.failures).toBe(
    failures.filter((mutation) => applied.has(mutation.id)).length,
  );
  for (const mutation of batch) {
    const kind =
      mutation.kind === "sign-in.success" ? "sign-in.offline" : mutation.kind;
    if (mutation.kind !== "sign-in.failure") {
      expect(await auditedFor(hub, kind, mutation.id), mutation.kind).toBe(
        applied.has(mutation.id) ? 1 : 0,
      );
    }
  }
}

/** Checks that every mutation of the batch took effect exactly once. */
async function expectAppliedOnce(
  hub: HubHandle,
  batch: readonly Mutation[],
  results: readonly MutationResult[],
): Promise<void> {
  expect(results.map((result) => result.id)).toEqual(
    batch.map((mutation) => mutation.id),
  );
  expect(results.map((result) => result.status)).toEqual(
    batch.map(() => "applied"),
  );
  await expectVerdictsMatchEffects(hub, batch);

  const { storage } = hub.context;
  const storeA = fixtureStore(fixture, "A");
  const e1 = await storage.credentials.getLockout(
    fixtureUser(fixture, "E1").id,
  );
  expect(e1.failures).toBe(E1_FAILURES);
  for (const employee of ["E2", "E3"]) {
    const response = await signInOnline(
      hub,
      storeA,
      fixtureUser(fixture, employee).id,
      NEW_PIN,
    );
    expect(response.statusCode, `${employee}: ${response.body}`).toBe(200);
  }
  const reset = await signInOnline(
    hub,
    storeA,
    fixtureUser(fixture, "E7").id,
    TEMPORARY_PIN,
  );
  expect(reset.json()).toMatchObject({ mustChangePin: true });
}

describe("hub restart", () => {
  test("close disconnects tablets", async () => {
    const { hub, tablet } = await startFirstHub();
    const connection = await tablet.connect();

    running.delete(hub);
    await hub.close();

    expect(await connection.disconnected).toBe("io server disconnect");
  });

  test("closed mid-batch, resend applies once", async () => {
    const { hub, tablet, sealingKey } = await startFirstHub();
    const batch = outbox(sealingKey);
    const connection = await tablet.connect();

    // Close the hub as soon as the batch's first mutation has committed.
    const head = await hub.context.storage.log.latestSeq();
    let closing: Promise<void> | undefined;
    hub.context.changes.subscribe((entries) => {
      if (entries.some((entry) => entry.seq > head)) {
        running.delete(hub);
        closing ??= hub.close();
      }
    });
    const interrupted = await connection
      .push({ mutations: batch })
      .catch((error: unknown) => error);
    await closing;
    const restarted = await restart();
    await expectVerdictsMatchEffects(restarted, batch);
    const resent = await tablet.on(restarted).connect();
    const results = await resent.pushMutations(batch);

    expect(interrupted).toBeInstanceOf(Error);
    await expectAppliedOnce(restarted, batch, results);
  });

  test("restarted after the ack, same verdicts", async () => {
    const { hub, tablet, sealingKey } = await startFirstHub();
    const batch = outbox(sealingKey);
    const connection = await tablet.connect();
    const first = await connection.pushMutations(batch);

    running.delete(hub);
    await hub.close();
    const restarted = await restart();
    const resent = await tablet.on(restarted).connect();
    const again = await resent.pushMutations(batch);

    expect(again).toEqual(first);
    await expectAppliedOnce(restarted, batch, again);
  });

  test(
    "killed mid-batch, resend applies once",
    { timeout: 30_000 },
    async () => {
      const { hub, tablet, sealingKey } = await startFirstHub();
      const watcher = await enrollTablet(hub, tablet.storeId);
      const token = await tablet.token();
      const watcherToken = await watcher.token();
      running.delete(hub);
      await hub.close();
      const batch = outbox(sealingKey);

      // The tablets keep their tokens: the hub's secret key is on disk.
      const child = await spawnHubProcess(dataDir);
      try {
        const auth = { protocolVersion: PROTOCOL_VERSION };
        const pusher = await connectTablet(child.url, {
          ...auth,
          tabletToken: token,
        });
        const watching = await connectTablet(child.url, {
          ...auth,
          tabletToken: watcherToken,
        });

        // Kill the hub as soon as the batch's first change reaches a tablet.
        const interrupted = pusher
          .push({ mutations: batch })
          .catch((error: unknown) => error);
        await watching.waitForChange(() => true);
        await child.kill();
        await interrupted;
      } finally {
        await child.kill();
      }
      const restarted = await restart();
      await expectVerdictsMatchEffects(restarted, batch);
      const resent = await tablet.on(restarted).connect();
      const results = await resent.pushMutations(batch);

      await expectAppliedOnce(restarted, batch, results);
    },
  );
});

describe("tablet reload", () => {
  test("mid-push, resend applies once", async () => {
    const { hub, tablet, sealingKey } = await startFirstHub();
    const batch = outbox(sealingKey);
    const connection = await tablet.connect();

    // Drop the socket as soon as the hub has applied the first mutation, and
    // resend from a new one while the first push may still be running.
    const head = await hub.context.storage.log.latestSeq();
    const started = new Promise<void>((resolve) => {
      const stop = hub.context.changes.subscribe((entries) => {
        if (entries.some((entry) => entry.seq > head)) {
          stop();
          resolve();
        }
      });
    });
    const dropped = connection
      .push({ mutations: batch })
      .catch((error: unknown) => error);
    await started;
    connection.close();
    const reloaded = await tablet.connect();
    const results = await reloaded.pushMutations(batch);

    expect(await dropped).toBeInstanceOf(Error);
    await expectAppliedOnce(hub, batch, results);
  });
});
