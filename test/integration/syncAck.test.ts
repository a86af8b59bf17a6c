import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { toAdminTablet } from "../../hub/admin/tablets/listAdminTablets";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import { signInOnline } from "../support/kioskRequests";
import { startTestHub, type TestHub } from "../support/startTestHub";
import {
  disconnectTablets,
  enrollTablet,
  expectOk,
  type TestTablet,
} from "../support/testTablet";

const WRONG_PIN = "130508";

let hub: TestHub;
let tablet: TestTablet;

beforeAll(async () => {
  hub = await startTestHub();
  tablet = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));
});
afterEach(disconnectTablets);
afterAll(async () => {
  await hub.stop();
});

/** Changes E1 at store A by a wrong PIN, which locks nothing yet. */
async function changeE1(): Promise<void> {
  const response = await signInOnline(
    hub,
    fixtureStore(hub.fixture, "A"),
    fixtureUser(hub.fixture, "E1").id,
    WRONG_PIN,
  );
  expect(response.statusCode, response.body).toBe(401);
}

/** The control panel's view of the tablet: its cursor and pending count. */
async function panelView(): Promise<{
  lastSyncAt: number | null;
  lastSyncSeq: number;
  pendingChanges: number;
}> {
  const record = await hub.context.storage.tablets.get(tablet.tabletId);
  const store = (await hub.context.storage.org.listStores()).find(
    (candidate) => candidate.id === tablet.storeId,
  );
  if (!record || !store) {
    throw new Error("the enrolled tablet or its store is missing");
  }
  return toAdminTablet(hub.context, record, store);
}

describe("sync:ack", () => {
  test("live change acknowledged is synced", async () => {
    const connection = await tablet.connect();
    await connection.pullSnapshot();
    const e1 = fixtureUser(hub.fixture, "E1").id;

    await changeE1();
    const change = await connection.waitForChange(
      (message) =>
        message.change.kind === "user.upsert" && message.change.user.id === e1,
    );
    const behind = await panelView();
    const ack = await connection.socket.emitWithAck("sync:ack", {
      cursor: change.seq,
    });

    expect(behind.pendingChanges).toBeGreaterThan(0);
    const { syncedAt } = expectOk(ack);
    const synced = await panelView();
    expect(synced.lastSyncAt).toBe(syncedAt);
    expect(synced.lastSyncSeq).toBe(change.seq);
    expect(synced.pendingChanges).toBe(0);
  });

  test("cursor past the head is rejected", async () => {
    const connection = await tablet.connect();
    const before = await panelView();
    const head = await hub.context.storage.log.latestSeq();

    const ack = await connection.socket.emitWithAck("sync:ack", {
      cursor: head + 1,
    });

    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe("INVALID_INPUT");
      expect(ack.error.fields?.map((field) => field.path)).toEqual([
        "event.cursor",
      ]);
    }
    expect((await panelView()).lastSyncSeq).toBe(before.lastSyncSeq);
  });

  test.each([
    { name: "missing cursor", request: {} },
    { name: "text cursor", request: { cursor: "12" } },
    { name: "negative cursor", request: { cursor: -1 } },
  ])("$name is rejected", async ({ request }) => {
    const connection = await tablet.connect();

    const ack = await connection.socket.emitWithAck("sync:ack", request);

    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe("INVALID_INPUT");
      expect(ack.error.fields?.map((field) => field.path)).toContain(
        "event.cursor",
      );
    }
  });
});
