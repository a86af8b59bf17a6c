import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordUserChange } from "../../hub/domain/userChanges";
import { fixturePin, fixtureUserId } from "../support/e2eFixture";
import { openUserAccess } from "../support/e2eManager";
import {
  chooseUser,
  clickTestId,
  fillTestId,
  openTablet,
  typePin,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import {
  waitForFullSync,
  waitForServiceWorker,
} from "../support/offlineTablet";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** Temporary PIN the manager types offline. */
const TEMPORARY_PIN = "730164";

/** How long a tablet may take to reconnect: socket.io backs off up to 30 s. */
const RECONNECT_TIMEOUT_MS = 45_000;

describe.skipIf(!browserAvailable())("offline action rejected", () => {
  let hub: TestHub;
  let chromium: TestBrowser;

  beforeAll(async () => {
    hub = await startTestHub();
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await hub?.stop();
  });

  test("reset by a manager deactivated meanwhile is undone", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await waitForFullSync(page);
    await waitForServiceWorker(page);
    const managerPin = fixturePin(hub, "E4");
    const omarPin = fixturePin(hub, "E2");

    // The tablet loses the network; the hub keeps running.
    await page.setOfflineMode(true);
    await page.reload();
    await waitForSignInScreen(page);

    await chooseUser(page, "E4");
    await typePin(page, managerPin);
    await clickTestId(page, "pin-submit");
    await waitForTestId(page, "home");
    await openUserAccess(page, "E2");
    await clickTestId(page, "generate-new-pin");
    await clickTestId(page, "confirm-reset-notice");
    await fillTestId(page, "temporary-pin-input", TEMPORARY_PIN);
    await clickTestId(page, "temporary-pin-next");
    await typePin(page, managerPin);
    await clickTestId(page, "save-changes");
    await waitForTestId(page, "reset-confirmation");
    await clickTestId(page, "reset-done");
    await clickTestId(page, "switch-user");

    // Head office deactivates the manager before the reset arrives.
    const managerId = fixtureUserId(hub, "E4");
    const now = hub.context.now();
    const entries = await hub.context.storage.transaction(async (storage) => {
      const manager = await storage.users.update(
        managerId,
        { status: "deactivated" },
        now,
      );
      return recordUserChange(storage, manager, now);
    });
    hub.context.changes.publish(entries);

    // The network returns: the hub rejects the reset, and the tablet shows it.
    await page.setOfflineMode(false);
    const notice = await page.waitForSelector(
      'pierce/[data-testid="rejected-action"][data-kind="pin.reset"]',
      { visible: true, timeout: RECONNECT_TIMEOUT_MS },
    );
    const text = await notice?.evaluate((element) => element.textContent);
    expect(text).toContain("Omar Haddad");
    expect(text).toContain("deactivated");
    await waitForFullSync(page, { timeout: RECONNECT_TIMEOUT_MS });

    const audit = await hub.context.storage.log.list({
      afterSeq: 0,
      limit: 10_000,
      category: "audit",
    });
    const rejections = audit.filter(
      (entry) => entry.kind === "offline.pin.reset",
    );
    expect(rejections).toHaveLength(1);
    expect(rejections[0]?.outcome).toBe("failure");
    const credential = await hub.context.storage.credentials.getPin(
      fixtureUserId(hub, "E2"),
    );
    expect(credential?.temporary).toBe(false);

    // Offline again, the tablet checks Omar's own PIN, not the temporary one.
    await page.setOfflineMode(true);
    await page.reload();
    await waitForSignInScreen(page);
    await chooseUser(page, "E2");
    await typePin(page, TEMPORARY_PIN);
    await clickTestId(page, "pin-submit");
    await waitForTestId(page, "sign-in-error");
    await clickTestId(page, "pin-clear");
    await typePin(page, omarPin);
    await clickTestId(page, "pin-submit");
    await waitForTestId(page, "home");
  }, 120_000);
});
