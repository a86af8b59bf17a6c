import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "puppeteer";
import { onTestFinished } from "vitest";
import { storeAdminPassword } from "../../hub/admin/adminPasswords";
import type { UserId } from "../../protocol";
import { TEST_ADMIN_PASSWORD } from "./adminAgent";
import { byTestId, clickTestId, fillTestId, waitForTestId } from "./e2eTablet";
import type { TestHub } from "./startTestHub";

export {
  byTestId,
  clickTestId,
  fillTestId,
  hasTestId,
  textOfTestId,
  waitForTestId,
  waitForTestIdGone,
} from "./e2eTablet";
export { TEST_ADMIN_PASSWORD } from "./adminAgent";

/** One control panel window, in a browser context of its own. */
export interface PanelWindow {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught page errors and console errors, printed when a test fails. */
  readonly problems: readonly string[];
}

/**
 * Opens the control panel at `hub.url/admin/` plus `hash` (such as
 * `#/users`) in a fresh browser context, so its cookies are its own. Call it
 * inside a test: the window closes when the test finishes, after a
 * screenshot into the OS temp directory if the test failed.
 */
export async function openPanel(
  browser: Browser,
  hub: TestHub,
  hash = "",
): Promise<PanelWindow> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => {
    problems.push(`page error: ${String(error)}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console error: ${message.text()}`);
    }
  });
  const window: PanelWindow = { context, page, problems };
  onTestFinished(async ({ task }) => {
    if (task.result?.state === "fail" && task.fails !== true) {
      await reportFailure(window, task.name);
    }
    await context.close();
  });
  await page.goto(`${hub.url}/admin/${hash}`);
  return window;
}

/**
 * Gives the fixture user `employeeNumber` the control panel password
 * TEST_ADMIN_PASSWORD through the hub's password service, as an
 * administrator's one-time code would let them set it.
 */
export async function givePanelPassword(
  hub: TestHub,
  employeeNumber: string,
): Promise<void> {
  const userId = hub.fixture.users[employeeNumber] as UserId | undefined;
  if (userId === undefined) {
    throw new Error(`no user ${employeeNumber} in the fixture`);
  }
  await storeAdminPassword(hub.context, userId, TEST_ADMIN_PASSWORD);
}

/**
 * Signs in through the panel's own sign-in screen and waits for the
 * navigation of the signed-in panel.
 */
export async function signInToPanel(
  page: Page,
  employeeNumber: string,
  password = TEST_ADMIN_PASSWORD,
): Promise<void> {
  await waitForTestId(page, "sign-in-form");
  await fillTestId(page, "sign-in-employee-number", employeeNumber);
  await fillTestId(page, "sign-in-password", password);
  await clickTestId(page, "sign-in-submit");
  await waitForTestId(page, "panel-nav");
}

/** Types the password into the open proof dialog and confirms it. */
export async function confirmProof(
  page: Page,
  password = TEST_ADMIN_PASSWORD,
): Promise<void> {
  await fillTestId(page, "proof-password", password);
  await clickTestId(page, "proof-submit");
}

/** Chooses the option with `value` in the select with test id `id`. */
export async function selectTestId(
  page: Page,
  id: string,
  value: string,
): Promise<void> {
  const handle = await page.waitForSelector(byTestId(id), { visible: true });
  if (handle === null) {
    throw new Error(`no select with test id ${id}`);
  }
  await handle.select(value);
  await handle.dispose();
}

/** Sets the checkbox with test id `id` to `checked`. */
export async function setCheckedTestId(
  page: Page,
  id: string,
  checked: boolean,
): Promise<void> {
  await waitForTestId(page, id);
  const current = await page
    .locator(byTestId(id))
    .map((element) => (element as HTMLInputElement).checked)
    .wait();
  if (current !== checked) {
    await clickTestId(page, id);
  }
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element,
 * looked up through shadow roots, has test id `id`, as a keyboard-only user
 * would reach it. Throws after `maxPresses` presses.
 */
export async function tabTo(
  page: Page,
  id: string,
  options: { backwards?: boolean; maxPresses?: number } = {},
): Promise<void> {
  await waitForTestId(page, id);
  const maxPresses = options.maxPresses ?? 60;
  for (let press = 0; press < maxPresses; press += 1) {
    if ((await focusedTestId(page)) === id) {
      return;
    }
    if (options.backwards === true) {
      await page.keyboard.down("Shift");
      await page.keyboard.press("Tab");
      await page.keyboard.up("Shift");
    } else {
      await page.keyboard.press("Tab");
    }
  }
  throw new Error(`Tab did not reach ${id} in ${maxPresses} presses`);
}

/** Waits until the focused element, through shadow roots, has test id `id`. */
export async function waitForFocus(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) {
        active = active.shadowRoot.activeElement;
      }
      return active?.getAttribute("data-testid") === expected;
    },
    { timeout: 5000 },
    id,
  );
}

/** Returns the test id of the focused element, through shadow roots. */
export function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    return active?.getAttribute("data-testid") ?? null;
  });
}

async function reportFailure(
  window: PanelWindow,
  testName: string,
): Promise<void> {
  const slug = testName.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const file = path.join(
    os.tmpdir(),
    `storefloor-e2e-panel-${slug}-${Date.now()}.png`,
  );
  try {
    await window.page.screenshot({ path: file, fullPage: true });
    console.error(`Control panel: screenshot saved to ${file}`);
  } catch (error) {
    console.error(`Control panel: screenshot failed: ${error}`);
  }
  if (window.problems.length > 0) {
    console.error(`Control panel logged:\n  ${window.problems.join("\n  ")}`);
  }
}
