import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { runMaintenance } from "../../hub/maintenance/runMaintenance";
import type {
  ChangeMessage,
  StoreId,
  TabletChange,
  UserId,
} from "../../protocol";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import { signInOnline } from "../support/kioskRequests";
import { updateUser } from "../support/rosterChanges";
import { startCachedKeyHub } from "../support/cachedKeyHub";
import { startTestHub, type TestHub } from "../support/startTestHub";
import {
  disconnectTablets,
  enrollTablet,
  expectOk,
  type HubHandle,
  type TestTablet,
} from "../support/testTablet";

const WRONG_PIN = "130508";
const DAY_MS = 24 * 3_600_000;

let hub: TestHub;
let tabletA: TestTablet;
let tabletB: TestTablet;

beforeAll(async () => {
  hub = await startTestHub();
  tabletA = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));
  tabletB = await enrollTablet(hub, fixtureStore(hub.fixture, "B"));
});
afterEach(disconnectTablets);
afterAll(async () => {
  await hub.stop();
});

/** Makes a change of `employee` by a wrong PIN at a tablet of `store`. */
async function failSignIn(
  target: TestHub,
  store: string,
  employee: string,
): Promise<void> {
  const response = await signInOnline(
    target,
    fixtureStore(target.fixture, store),
    fixtureUser(target.fixture, employee).id,
    WRONG_PIN,
  );
  expect(response.statusCode, response.body).toBe(401);
}

/** Sequence numbers of the change entries a store may see, from the raw log. */
async function visibleChangeSeqs(
  target: HubHandle,
  storeId: StoreId,
  afterSeq: number,
): Promise<number[]> {
  const entries = await target.context.storage.log.list({
    afterSeq,
    limit: 100_000,
    category: "change",
  });
  return entries
    .filter((entry) => entry.storeIds.includes(storeId))
    .map((entry) => entry.seq);
}

function changedUserId(change: TabletChange): UserId | null {
  switch (change.kind) {
    case "user.upsert":
      return change.user.id;
    case "user.remove":
      return change.userId;
    case "settings.update":
      return null;
  }
}

function userIdsOf(changes: readonly ChangeMessage[]): (UserId | null)[] {
  return changes.map((message) => changedUserId(message.change));
}

function idsOf(fixture: TestHub["fixture"], employees: string[]): UserId[] {
  return employees.map((employee) => fixtureUser(fixture, employee).id).sort();
}

describe("snapshot", () => {
  test("for cursor 0", async () => {
    const connection = await tabletA.connect();
    const head = await hub.context.storage.log.latestSeq();

    const snapshot = await connection.pullSnapshot();

    expect(snapshot.store.id).toBe(fixtureStore(hub.fixture, "A"));
    expect(snapshot.settings).toEqual(
      await hub.context.storage.org.getSettings(),
    );
    expect(snapshot.sealingKey).toEqual(hub.context.sealingKey.publicJwk);
    expect(snapshot.sealingKey.kty).toBe("RSA");
    expect(snapshot.cursor).toBe(head);
  });

  test.each([
    { store: "A", employees: ["E1", "E2", "E3", "E4", "E6", "E7", "E9"] },
    { store: "B", employees: ["E5", "E6", "E9"] },
  ])("lists store $store users only", async ({ store, employees }) => {
    const tablet = store === "A" ? tabletA : tabletB;
    const connection = await tablet.connect();

    const snapshot = await connection.pullSnapshot();

    expect(snapshot.users.map((user) => user.id).sort()).toEqual(
      idsOf(hub.fixture, employees),
    );
  });

  test("for cursor past the head", async () => {
    const connection = await tabletA.connect();
    const head = await hub.context.storage.log.latestSeq();

    const response = expectOk(await connection.pull({ afterSeq: head + 1 }));

    expect(response.kind).toBe("snapshot");
  });
});

describe("changes", () => {
  test("only the store's, in order", async () => {
    const storeA = fixtureStore(hub.fixture, "A");
    const connection = await tabletA.connect();
    const { cursor } = await connection.pullSnapshot();
    await failSignIn(hub, "A", "E1");
    await failSignIn(hub, "B", "E5");
    await failSignIn(hub, "A", "E6");
    await failSignIn(hub, "A", "E2");

    const pulled = await connection.pullChanges(cursor);

    expect(pulled.changes.map((message) => message.seq)).toEqual(
      await visibleChangeSeqs(hub, storeA, cursor),
    );
    expect(userIdsOf(pulled.changes)).toEqual(
      ["E1", "E6", "E2"].map(
        (employee) => fixtureUser(hub.fixture, employee).id,
      ),
    );
    expect(pulled.hasMore).toBe(false);
    expect(pulled.cursor).toBe(await hub.context.storage.log.latestSeq());
  });

  test("chain by previousSeq", async () => {
    const storeA = fixtureStore(hub.fixture, "A");
    const connection = await tabletA.connect();
    const { cursor } = await connection.pullSnapshot();
    await failSignIn(hub, "A", "E3");
    await failSignIn(hub, "B", "E5");
    await failSignIn(hub, "A", "E3");

    const { changes } = await connection.pullChanges(cursor);
    const [first, ...rest] = changes;
    const before = (await visibleChangeSeqs(hub, storeA, 0)).filter(
      (seq) => first !== undefined && seq < first.seq,
    );

    expect(changes).toHaveLength(2);
    expect(first?.previousSeq).toBe(before.at(-1));
    rest.forEach((message, index) => {
      expect(message.previousSeq).toBe(changes[index]?.seq);
    });
  });

  test("store B's changes stay in store B", async () => {
    const a = await tabletA.connect();
    const b = await tabletB.connect();
    const cursorA = (await a.pullSnapshot()).cursor;
    const cursorB = (await b.pullSnapshot()).cursor;
    await failSignIn(hub, "B", "E5");
    await failSignIn(hub, "A", "E4");

    const pulledA = await a.pullChanges(cursorA);
    const pulledB = await b.pullChanges(cursorB);

    expect(userIdsOf(pulledA.changes)).toEqual([
      fixtureUser(hub.fixture, "E4").id,
    ]);
    expect(userIdsOf(pulledB.changes)).toEqual([
      fixtureUser(hub.fixture, "E5").id,
    ]);
  });

  test("user who left arrives as removal", async () => {
    const { id } = fixtureUser(hub.fixture, "E7");
    const a = await tabletA.connect();
    const b = await tabletB.connect();
    const cursorA = (await a.pullSnapshot()).cursor;
    const cursorB = (await b.pullSnapshot()).cursor;

    await updateUser(hub, id, { storeIds: [fixtureStore(hub.fixture, "B")] });
    const pulledA = await a.pullChanges(cursorA);
    const pulledB = await b.pullChanges(cursorB);

    expect(pulledA.changes.map((message) => message.change)).toEqual([
      { kind: "user.remove", userId: id },
    ]);
    expect(pulledB.changes.map((message) => message.change.kind)).toEqual([
      "user.upsert",
    ]);
  });

  test("batches by limit", async () => {
    const connection = await tabletA.connect();
    const { cursor } = await connection.pullSnapshot();
    for (const employee of ["E1", "E2", "E3", "E4", "E6"]) {
      await failSignIn(hub, "A", employee);
    }
    const whole = await connection.pullChanges(cursor);

    const batches = [];
    let from = cursor;
    for (let round = 0; round < 10; round++) {
      const batch = await connection.pullChanges(from, 2);
      batches.push(batch);
      from = batch.cursor;
      if (!batch.hasMore) {
        break;
      }
    }
    const seqs = batches.flatMap((batch) => batch.changes.map((m) => m.seq));

    expect(whole.changes).toHaveLength(5);
    expect(batches.map((batch) => batch.changes.length)).toEqual([2, 2, 1]);
    expect(batches.map((batch) => batch.hasMore)).toEqual([true, true, false]);
    expect(batches[0]?.cursor).toBe(seqs[1]);
    expect(batches[1]?.changes[0]?.previousSeq).toBe(seqs[1]);
    expect(seqs).toEqual(whole.changes.map((message) => message.seq));
    expect(from).toBe(whole.cursor);
  });
});

describe("retention", () => {
  test("cursor older than the log gives snapshot", async () => {
    let clock = Date.now();
    const aged = await startCachedKeyHub({ now: () => clock });
    try {
      const tablet = await enrollTablet(aged, fixtureStore(aged.fixture, "A"));
      const connection = await tablet.connect();
      const { cursor } = await connection.pullSnapshot();
      await failSignIn(aged, "A", "E1");

      clock += 31 * DAY_MS;
      await failSignIn(aged, "A", "E2");
      await runMaintenance(aged.context);
      const oldest = await aged.context.storage.log.oldestSeq();
      const expired = expectOk(await connection.pull({ afterSeq: cursor }));
      const pastOldest = expectOk(
        await connection.pull({ afterSeq: oldest - 2 }),
      );
      const atOldest = expectOk(
        await connection.pull({ afterSeq: oldest - 1 }),
      );

      expect(oldest).toBeGreaterThan(cursor + 1);
      expect(expired.kind).toBe("snapshot");
      expect(pastOldest.kind).toBe("snapshot");
      expect(atOldest.kind).toBe("changes");
    } finally {
      disconnectTablets();
      await aged.stop();
    }
  });
});
