import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { LogEntry } from "../../hub/storage/records";
import { fixturePin, fixtureUserId } from "../support/e2eFixture";
import { openUserAccess } from "../support/e2eManager";
import {
  chooseUser,
  clickTestId,
  openTablet,
  signIn,
  textOfTestId,
  typePin,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import {
  pendingCount,
  waitForFullSync,
  waitForServiceWorker,
} from "../support/offlineTablet";
import { startHubAt } from "../support/startHubAt";
import { startTestHub } from "../support/startTestHub";

/**
 * How long a tablet may take to reconnect after the hub returns: socket.io
 * backs off up to 30 s between attempts, with jitter.
 */
const RECONNECT_TIMEOUT_MS = 45_000;

describe.skipIf(!browserAvailable())("offline PIN reset", () => {
  let chromium: TestBrowser;

  beforeAll(async () => {
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  test("reaches the hub and another tablet once", async () => {
    const hub = await startTestHub();
    const port = Number(new URL(hub.url).port);
    const managerPin = fixturePin(hub, "E4");
    const omarId = fixtureUserId(hub, "E2");
    let restarted: Awaited<ReturnType<typeof startHubAt>> | undefined;
    try {
      const counter = await openTablet(chromium.browser, hub, "A");
      const other = await openTablet(chromium.browser, hub, "A");
      await waitForFullSync(counter.page);
      await waitForFullSync(other.page);
      await waitForServiceWorker(counter.page);

      // The network goes: the browser is offline and the hub is gone.
      await counter.page.setOfflineMode(true);
      await hub.close();

      // The service worker serves the app shell, and the cache the users.
      await counter.page.reload();
      await waitForSignInScreen(counter.page);
      await counter.page.waitForSelector(
        'pierce/[data-testid="connection-status"][data-state="offline"]',
        { visible: true },
      );

      // The manager signs in against the cached verifier.
      await chooseUser(counter.page, "E4");
      await typePin(counter.page, managerPin);
      await clickTestId(counter.page, "pin-submit");
      await waitForTestId(counter.page, "home");
      await waitForTestId(counter.page, "offline-session");

      // Steps 1 to 7 of the reset, offline, with a generated PIN.
      await openUserAccess(counter.page, "E2");
      await clickTestId(counter.page, "generate-new-pin");
      await waitForTestId(counter.page, "reset-notice");
      await clickTestId(counter.page, "confirm-reset-notice");
      await clickTestId(counter.page, "generate-random-pin");
      await typePin(counter.page, managerPin);
      await clickTestId(counter.page, "save-changes");
      await waitForTestId(counter.page, "reset-confirmation");
      const temporaryPin = (
        await textOfTestId(counter.page, "temporary-pin-display")
      ).trim();
      expect(temporaryPin).toMatch(/^\d{6,8}$/);
      await clickTestId(counter.page, "reset-done");
      // The sign-in and the reset wait in the outbox.
      expect(await pendingCount(counter.page)).toBe(2);

      // The network returns: the same hub on the same data and port.
      restarted = await startHubAt({ port, dataDir: hub.dataDir });
      await counter.page.setOfflineMode(false);
      await waitForFullSync(counter.page, { timeout: RECONNECT_TIMEOUT_MS });

      const credential =
        await restarted.context.storage.credentials.getPin(omarId);
      expect(credential?.temporary).toBe(true);
      const resets = await offlineAudit(restarted, "pin.reset");
      expect(resets).toHaveLength(1);
      expect(resets[0]?.targetId).toBe(omarId);
      expect(resets[0]?.payload.offline).toBe(true);
      expect(await offlineAudit(restarted, "offline.pin.reset")).toEqual([]);
      expect(await offlineAudit(restarted, "sign-in.offline")).toHaveLength(1);

      // The other tablet learns of the reset: the temporary PIN works there
      // and must be replaced.
      await other.page.waitForSelector(
        'pierce/[data-testid="connection-status"][data-state="online"]',
        { visible: true, timeout: RECONNECT_TIMEOUT_MS },
      );
      const result = await signIn(other.page, "E2", temporaryPin);
      expect(result.session?.mustChangePin).toBe(true);
      await other.page.waitForSelector('pierce/sf-pin-pad[data-step="new"]', {
        visible: true,
      });

      // A reload of the first tablet sends nothing again.
      await counter.page.reload();
      await waitForFullSync(counter.page, { timeout: RECONNECT_TIMEOUT_MS });
      expect(await offlineAudit(restarted, "pin.reset")).toHaveLength(1);
    } finally {
      await restarted?.close();
      fs.rmSync(hub.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Returns the hub's audit entries of `kind` made through a tablet. */
async function offlineAudit(
  hub: Awaited<ReturnType<typeof startHubAt>>,
  kind: string,
): Promise<LogEntry[]> {
  const entries = await hub.context.storage.log.list({
    afterSeq: 0,
    limit: 10_000,
    category: "audit",
  });
  return entries.filter(
    (entry) => entry.kind === kind && entry.tabletId !== null,
  );
}
