import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toAdminTablet } from "../../hub/admin/tablets/listAdminTablets";
import { recordUserChange } from "../../hub/domain/userChanges";
import type { HubContext } from "../../hub/services/hubContext";
import type { UserId } from "../../protocol";
import { fixtureUserId } from "../support/e2eFixture";
import { openTablet } from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { waitForFullSync } from "../support/offlineTablet";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** Changes a user at the hub as head office would, with live push. */
async function touchUser(context: HubContext, userId: UserId): Promise<number> {
  const now = context.now();
  const entries = await context.storage.transaction(async (storage) =>
    recordUserChange(storage, await storage.users.touch(userId, now), now),
  );
  context.changes.publish(entries);
  return Math.max(...entries.map((entry) => entry.seq));
}

/** The control panel's view of the only tablet of store A. */
async function tabletOfStoreA(hub: TestHub): Promise<{
  lastSyncSeq: number;
  pendingChanges: number;
}> {
  const store = (await hub.context.storage.org.listStores()).find(
    (candidate) => candidate.code === "A",
  );
  const tablet = (await hub.context.storage.tablets.list(null)).find(
    (candidate) => candidate.storeId === store?.id,
  );
  if (!store || !tablet) {
    throw new Error("store A or its tablet is missing");
  }
  return toAdminTablet(hub.context, tablet, store);
}

describe.skipIf(!browserAvailable())("live changes and the sync record", () => {
  let chromium: TestBrowser;

  beforeAll(async () => {
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  test("live change leaves no pending changes", async () => {
    const hub = await startTestHub();
    try {
      const { page } = await openTablet(chromium.browser, hub, "A");
      await waitForFullSync(page);

      const seq = await touchUser(hub.context, fixtureUserId(hub, "E1"));

      // The tablet applies the change live and acknowledges its cursor.
      const deadline = Date.now() + 5_000;
      let view = await tabletOfStoreA(hub);
      while (view.lastSyncSeq < seq && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        view = await tabletOfStoreA(hub);
      }
      expect(view.lastSyncSeq).toBe(seq);
      expect(view.pendingChanges).toBe(0);
    } finally {
      await hub.close().catch(() => undefined);
      fs.rmSync(hub.dataDir, { recursive: true, force: true });
    }
  });
});
