import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixturePin } from "../support/e2eFixture";
import {
  clickTestId,
  hasTestId,
  openTablet,
  signIn,
  textOfTestId,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

describe.skipIf(!browserAvailable())("sign-in in the browser", () => {
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

  test("employee signs in and out", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");

    const result = await signIn(page, "E1", fixturePin(hub, "E1"));
    expect(result.status).toBe(200);
    await waitForTestId(page, "home");
    expect(await textOfTestId(page, "home-user-name")).toContain("Ana Lima");
    expect(await textOfTestId(page, "home-role")).toContain("Employee");
    expect(await textOfTestId(page, "signed-in-user")).toContain("Ana Lima");

    await clickTestId(page, "sign-out");
    await waitForSignInScreen(page);
    expect(await hasTestId(page, "home")).toBe(false);
    expect(await hasTestId(page, "signed-in-user")).toBe(false);
  });

  test("reload signs the user out", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    const result = await signIn(page, "E1", fixturePin(hub, "E1"));
    await waitForTestId(page, "home");
    const token = result.session?.token ?? "";
    expect(token).not.toBe("");

    await page.reload();

    // The tablet stays enrolled, but the session is gone with the page.
    await waitForSignInScreen(page);
    expect(await hasTestId(page, "home")).toBe(false);
    expect(await hasTestId(page, "enrollment-code-input")).toBe(false);
    const stored = await page.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
    );
    expect(stored).not.toContain(token);
  });

  test("switch user asks for a PIN", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await signIn(page, "E6", fixturePin(hub, "E6"));
    await waitForTestId(page, "home");

    await clickTestId(page, "switch-user");
    await waitForSignInScreen(page);
    expect(await hasTestId(page, "home")).toBe(false);

    // The next user gets an empty PIN pad, not the previous session.
    await clickTestId(page, "user-E7");
    await waitForTestId(page, "pin-input");
    const typed = await page
      .locator('pierce/[data-testid="pin-input"]')
      .map((input) => (input as HTMLInputElement).value)
      .wait();
    expect(typed).toBe("");
    expect(await hasTestId(page, "home")).toBe(false);
    await clickTestId(page, "pin-back");

    await signIn(page, "E7", fixturePin(hub, "E7"));
    await waitForTestId(page, "home");
    expect(await textOfTestId(page, "home-user-name")).toContain("Lena Berg");
  });
});
