import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_KIOSK_DIR } from "../../hub/startHub";
import { fixturePin } from "../support/e2eFixture";
import {
  clickTestId,
  hasTestId,
  openTablet,
  signIn,
  waitForSignInScreen,
  waitForTestId,
  waitForTestIdGone,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { waitForServiceWorker } from "../support/offlineTablet";
import { startHubAt } from "../support/startHubAt";
import { startTestHub, type TestHub } from "../support/startTestHub";

describe.skipIf(!browserAvailable())("kiosk updates", () => {
  let chromium: TestBrowser;
  let kioskDir: string;
  let hub: TestHub;

  beforeAll(async () => {
    chromium = await launchBrowser();
    // A copy of the built kiosk, so the test can publish a new version
    // without touching the build other tests serve.
    kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-kiosk-"));
    fs.cpSync(DEFAULT_KIOSK_DIR, kioskDir, { recursive: true });
    const seeded = await startTestHub();
    const port = Number(new URL(seeded.url).port);
    await seeded.close();
    const running = await startHubAt({
      port,
      dataDir: seeded.dataDir,
      kioskDir,
    });
    hub = {
      ...running,
      dataDir: seeded.dataDir,
      fixture: seeded.fixture,
      async stop() {
        await running.close();
        fs.rmSync(seeded.dataDir, { recursive: true, force: true });
      },
    };
  });

  afterAll(async () => {
    await chromium?.close();
    await hub?.stop();
    fs.rmSync(kioskDir, { recursive: true, force: true });
  });

  test("new version waits until chosen", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await waitForServiceWorker(page);
    await signIn(page, "E1", fixturePin(hub, "E1"));
    await waitForTestId(page, "home");

    // The hub starts serving a new version of the kiosk.
    fs.appendFileSync(path.join(kioskDir, "sw.js"), "\n// next version\n");
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });

    // The tablet offers it, and the session goes on meanwhile.
    await waitForTestId(page, "update-available");
    expect(await hasTestId(page, "home")).toBe(true);
    const waiting = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration !== undefined && registration.waiting !== null;
    });
    expect(waiting).toBe(true);

    // Chosen, the new version takes over and the page starts afresh.
    await Promise.all([
      page.waitForNavigation(),
      clickTestId(page, "install-update"),
    ]);
    await waitForSignInScreen(page);
    await waitForTestIdGone(page, "update-available");
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        waiting: registration?.waiting ?? null,
        controlled: navigator.serviceWorker.controller !== null,
      };
    });
    expect(state).toEqual({ waiting: null, controlled: true });
  });
});
