import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { ChangeMessage, UserId } from "../../protocol";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import { signInOnline } from "../support/kioskRequests";
import { deactivateUser } from "../support/rosterChanges";
import { startTestHub, type TestHub } from "../support/startTestHub";
import {
  disconnectTablets,
  enrollTablet,
  type TabletConnection,
  type TestTablet,
} from "../support/testTablet";

const WRONG_PIN = "130508";

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

function userId(employee: string): UserId {
  return fixtureUser(hub.fixture, employee).id;
}

/** Changes `employee` at the hub with a wrong PIN at a tablet of `store`. */
async function failSignIn(store: string, employee: string): Promise<void> {
  const response = await signInOnline(
    hub,
    fixtureStore(hub.fixture, store),
    userId(employee),
    WRONG_PIN,
  );
  expect(response.statusCode, response.body).toBe(401);
}

function isAbout(id: UserId): (message: ChangeMessage) => boolean {
  return (message) =>
    (message.change.kind === "user.upsert" && message.change.user.id === id) ||
    (message.change.kind === "user.remove" && message.change.userId === id);
}

/** Connects, pulls a snapshot, and returns the connection with its cursor. */
async function connectSynced(
  tablet: TestTablet,
): Promise<{ connection: TabletConnection; cursor: number }> {
  const connection = await tablet.connect();
  const { cursor } = await connection.pullSnapshot();
  return { connection, cursor };
}

describe("live change", () => {
  test("follows the snapshot without gap", async () => {
    const { connection, cursor } = await connectSynced(tabletA);

    await failSignIn("A", "E1");
    const change = await connection.waitForChange(isAbout(userId("E1")));

    expect(change.seq).toBeGreaterThan(cursor);
    expect(change.previousSeq).toBeLessThanOrEqual(cursor);
  });

  test("previousSeq is the cursor", async () => {
    const { connection } = await connectSynced(tabletA);
    await failSignIn("A", "E1");
    const first = await connection.waitForChange(isAbout(userId("E1")));

    await failSignIn("A", "E2");
    const second = await connection.waitForChange(isAbout(userId("E2")));

    expect(second.previousSeq).toBe(first.seq);
  });

  test("reaches every tablet of the store", async () => {
    const first = await connectSynced(tabletA);
    const other = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));
    const second = await connectSynced(other);

    await failSignIn("A", "E3");
    const [seen, alsoSeen] = await Promise.all([
      first.connection.waitForChange(isAbout(userId("E3"))),
      second.connection.waitForChange(isAbout(userId("E3"))),
    ]);

    expect(alsoSeen.seq).toBe(seen.seq);
  });

  test("of store B neither arrives nor gaps", async () => {
    const a = await connectSynced(tabletA);
    const b = await connectSynced(tabletB);
    await failSignIn("A", "E1");
    const applied = await a.connection.waitForChange(isAbout(userId("E1")));

    // Store B's tablet got E5's change, so the hub has sent it wherever it
    // goes before E2's change that follows on A's socket.
    await failSignIn("B", "E5");
    await b.connection.waitForChange(isAbout(userId("E5")));
    await failSignIn("A", "E2");
    const next = await a.connection.waitForChange(isAbout(userId("E2")));

    expect(a.connection.changes.filter(isAbout(userId("E5")))).toEqual([]);
    expect(next.previousSeq).toBe(applied.seq);
  });

  test("removal reaches both stores", async () => {
    const a = await connectSynced(tabletA);
    const b = await connectSynced(tabletB);

    await deactivateUser(hub, userId("E6"));
    const [removedA, removedB] = await Promise.all([
      a.connection.waitForChange(isAbout(userId("E6"))),
      b.connection.waitForChange(isAbout(userId("E6"))),
    ]);

    expect(removedA.change).toEqual({
      kind: "user.remove",
      userId: userId("E6"),
    });
    expect(removedB.change).toEqual(removedA.change);
  });
});

describe("gap", () => {
  test("after a missed change, pull fills it", async () => {
    const { connection } = await connectSynced(tabletA);
    await failSignIn("A", "E4");
    const applied = await connection.waitForChange(isAbout(userId("E4")));
    const cursor = applied.seq;
    connection.close();

    await failSignIn("A", "E2");
    const reconnected = await tabletA.connect();
    await failSignIn("A", "E3");
    const next = await reconnected.waitForChange(isAbout(userId("E3")));
    const filled = await reconnected.pullChanges(cursor);

    expect(next.previousSeq).toBeGreaterThan(cursor);
    expect(filled.changes.map((message) => message.seq)).toEqual([
      next.previousSeq,
      next.seq,
    ]);
    expect(filled.changes[0]?.change).toMatchObject({
      kind: "user.upsert",
      user: { id: userId("E2") },
    });
  });
});
