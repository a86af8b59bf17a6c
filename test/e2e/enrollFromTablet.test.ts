import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  clickTestId,
  fillTestId,
  openTablet,
  signIn,
  textOfTestId,
  typePin,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { fixturePin } from "../support/e2eFixture";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

describe.skipIf(!browserAvailable())("enrollment from a tablet", () => {
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

  test("manager's code enrolls another tablet", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await signIn(page, "E4", fixturePin(hub, "E4"));
    await waitForTestId(page, "home");
    await clickTestId(page, "open-settings");
    await clickTestId(page, "open-enroll-tablet");
    await waitForTestId(page, "pin-input");
    await typePin(page, fixturePin(hub, "E4"));
    await clickTestId(page, "issue-enrollment-code");
    await waitForTestId(page, "enrollment-code-issued");
    const code = (await textOfTestId(page, "enrollment-code-display")).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const context = await chromium.browser.createBrowserContext();
    try {
      const newTablet = await context.newPage();
      await newTablet.goto(hub.url);
      await fillTestId(newTablet, "enrollment-code-input", code);
      await clickTestId(newTablet, "enroll-submit");
      await waitForSignInScreen(newTablet);
      expect((await textOfTestId(newTablet, "store-name")).trim()).toBe(
        "Store A",
      );
    } finally {
      await context.close();
    }

    const audit = await hub.context.storage.log.list({
      afterSeq: 0,
      limit: 10_000,
      category: "audit",
    });
    const issued = audit.filter((entry) => entry.kind === "tablet.code");
    expect(issued.some((entry) => entry.actorId === hub.fixture.users.E4)).toBe(
      true,
    );
  });

  test("supervisor sees no enrollment tool", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await signIn(page, "E3", fixturePin(hub, "E3"));
    await waitForTestId(page, "home");
    await clickTestId(page, "open-settings");
    await waitForTestId(page, "open-users");
    const enroll = await page.$('pierce/[data-testid="open-enroll-tablet"]');
    expect(enroll).toBeNull();
  });
});
