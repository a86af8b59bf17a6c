import fs from "node:fs";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { byTestId, openTablet, textOfTestId } from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import {
  waitForFullSync,
  waitForServiceWorker,
} from "../support/offlineTablet";
import { startTestHub } from "../support/startTestHub";

const HOUR_MS = 3_600_000;

describe.skipIf(!browserAvailable())("offline window", () => {
  let chromium: TestBrowser;

  beforeAll(async () => {
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  // Each case moves the tablet's clock, takes the tablet offline and
  // reloads it. Instead of a user list that cannot sign anyone in, the
  // sign-in screen states that the tablet needs the network.
  const cases = [
    {
      name: "expires after the window",
      shiftMs: 73 * HOUR_MS,
      reason: "expired",
    },
    {
      name: "expires when the clock goes back",
      shiftMs: -HOUR_MS,
      reason: "clock-backwards",
    },
  ] as const;

  for (const { name, shiftMs, reason } of cases) {
    test(name, async () => {
      const hub = await startTestHub();
      try {
        const { page } = await openTablet(chromium.browser, hub, "A");
        await waitForFullSync(page);
        await waitForServiceWorker(page);

        await page.setOfflineMode(true);
        await hub.close();
        await shiftClock(page, shiftMs);
        await page.reload();

        await page.waitForSelector(
          `pierce/[data-testid="network-needed"][data-reason="${reason}"]`,
          { visible: true },
        );
        expect(await textOfTestId(page, "network-needed")).toContain(
          "needs the network once",
        );
        expect(await page.$(byTestId("user-E1"))).toBeNull();
      } finally {
        await hub.close().catch(() => undefined);
        fs.rmSync(hub.dataDir, { recursive: true, force: true });
      }
    });
  }
});

/** Moves the page's clock by `shiftMs` from the next load on. */
async function shiftClock(page: Page, shiftMs: number): Promise<void> {
  await page.evaluateOnNewDocument((shift: number) => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + shift;
  }, shiftMs);
}
