import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordUserChange } from "../../hub/domain/userChanges";
import type { HubContext } from "../../hub/services/hubContext";
import type { UserId } from "../../protocol";
import { fixtureUserId } from "../support/e2eFixture";
import {
  byTestId,
  hasTestId,
  openTablet,
  waitForSignInScreen,
  waitForTestId,
  waitForTestIdGone,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import {
  readKioskDatabase,
  waitForFullSync,
  waitForServiceWorker,
} from "../support/offlineTablet";
import { startTestHub } from "../support/startTestHub";

describe.skipIf(!browserAvailable())(
  "deactivation and the offline cache",
  () => {
    let chromium: TestBrowser;

    beforeAll(async () => {
      chromium = await launchBrowser();
    });

    afterAll(async () => {
      await chromium?.close();
    });

    test("deactivated user stays gone offline", async () => {
      const hub = await startTestHub();
      try {
        const { page } = await openTablet(chromium.browser, hub, "A");
        await waitForFullSync(page);
        await waitForServiceWorker(page);
        const omarId = fixtureUserId(hub, "E2");
        expect(
          (await readKioskDatabase(page)).stores.verifiers?.keys,
        ).toContain(omarId);

        await deactivate(hub.context, omarId);

        // The tile goes at once, and with it the user's cached verifier.
        await waitForTestIdGone(page, "user-E2");
        expect(await hasTestId(page, "user-E1")).toBe(true);
        const cached = await readKioskDatabase(page);
        expect(cached.stores.users?.keys).not.toContain(omarId);
        expect(cached.stores.verifiers?.keys).not.toContain(omarId);

        // Offline, from the cache alone, the user is still gone.
        await page.setOfflineMode(true);
        await hub.close();
        await page.reload();
        await waitForSignInScreen(page);
        await waitForTestId(page, "user-E1");
        expect(await page.$(byTestId("user-E2"))).toBeNull();

        // Searching by the employee number finds no one either.
        await page.locator(byTestId("user-search")).fill("E2");
        await page.waitForSelector(byTestId("user-E1"), { hidden: true });
        expect(await hasTestId(page, "user-E2")).toBe(false);
      } finally {
        await hub.close().catch(() => undefined);
        fs.rmSync(hub.dataDir, { recursive: true, force: true });
      }
    });
  },
);

/** Deactivates a user at the hub as head office would, with live push. */
async function deactivate(context: HubContext, userId: UserId): Promise<void> {
  const now = context.now();
  const entries = await context.storage.transaction(async (storage) => {
    const user = await storage.users.update(
      userId,
      { status: "deactivated" },
      now,
    );
    return recordUserChange(storage, user, now);
  });
  context.changes.publish(entries);
}
