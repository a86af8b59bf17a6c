import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, HTTPResponse, Page } from "puppeteer";
import { onTestFinished } from "vitest";
import { issueEnrollmentCode } from "../../hub/tablets/enrollmentCodes";
import { ErrorBody, SessionView, TABLET_TOKEN_HEADER } from "../../protocol";
import type { TestHub } from "./startTestHub";

/** Path of the kiosk's sign-in request. */
const SIGN_IN_PATH = "/api/kiosk/sign-in";

/** One tablet: its own browser context, so its localStorage is its own. */
export interface Tablet {
  /** Label in screenshot names and failure output, such as `A-1`. */
  readonly label: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught page errors and console errors, printed when a test fails. */
  readonly problems: readonly string[];
}

/** What the hub returned for one sign-in request. */
export interface SignInResult {
  readonly status: number;
  /** The session when the PIN was accepted. */
  readonly session: SessionView | undefined;
  /** The error code when it was not, such as `PIN_INCORRECT`. */
  readonly errorCode: string | undefined;
  /** Values behind the error message, such as `attemptsBeforeLock`. */
  readonly errorDetails: ErrorBody["error"]["details"];
  /** The tablet token the kiosk sent, for calling the hub as this tablet. */
  readonly tabletToken: string;
}

let openedTablets = 0;

/**
 * Opens a new tablet of store `storeCode`: a fresh browser context, the
 * kiosk at `hub.url`, enrolled for the store, and the sign-in screen on show with
 * the tablet online. Call it inside a test: the tablet closes when the test
 * finishes, after a screenshot into the OS temp directory if the test failed.
 */
export async function openTablet(
  browser: Browser,
  hub: TestHub,
  storeCode: string,
): Promise<Tablet> {
  const stores = await hub.context.storage.org.listStores();
  const store = stores.find((each) => each.code === storeCode);
  if (store === undefined) {
    throw new Error(
      `Store "${storeCode}" not found on the hub; it has ${stores.map((each) => each.code).join(", ")}.`,
    );
  }

  openedTablets += 1;
  const label = `${storeCode}-${openedTablets}`;
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
  const tablet: Tablet = { label, context, page, problems };
  onTestFinished(async ({ task }) => {
    // A test marked `fails` is expected to fail, so it gets no report.
    if (task.result?.state === "fail" && task.fails !== true) {
      await reportFailure(tablet, task.name);
    }
    await context.close();
  });

  // The tablet enrolls for the store with a one-time code, as a manager
  // would issue it, and names itself after its label.
  const { code } = await issueEnrollmentCode(hub.context, store.id, {
    actorId: null,
    via: "test",
  });
  await page.goto(hub.url);
  await fillTestId(page, "enrollment-code-input", code);
  await fillTestId(page, "enrollment-name-input", `Tablet ${label}`);
  await clickTestId(page, "enroll-submit");

  await waitForSignInScreen(page);
  await page.waitForSelector(
    'pierce/[data-testid="connection-status"][data-state="online"]',
    { visible: true },
  );
  const storeName = await textOfTestId(page, "store-name");
  if (storeName.trim() !== store.name) {
    throw new Error(
      `Tablet ${label} shows store "${storeName.trim()}", expected "${store.name}".`,
    );
  }
  return tablet;
}

/** Waits until the sign-in screen lists the store's users. */
export async function waitForSignInScreen(
  page: Page,
  options: { timeout?: number } = {},
): Promise<void> {
  await waitForTestId(page, "user-search", options);
}

/**
 * Picks `employeeNumber` from the user list, types `pin` on the pad and
 * submits it. Returns the hub's response, and the caller awaits the screen
 * that should follow.
 */
export async function signIn(
  page: Page,
  employeeNumber: string,
  pin: string,
): Promise<SignInResult> {
  await chooseUser(page, employeeNumber);
  return submitSignInPin(page, pin);
}

/** Picks a user's tile on the sign-in screen and waits for the PIN pad. */
export async function chooseUser(
  page: Page,
  employeeNumber: string,
): Promise<void> {
  await clickTestId(page, `user-${employeeNumber}`);
  await waitForTestId(page, "pin-input");
}

/** Types `pin` on the open sign-in pad and submits it. */
export async function submitSignInPin(
  page: Page,
  pin: string,
): Promise<SignInResult> {
  await typePin(page, pin);
  const [response] = await Promise.all([
    page.waitForResponse(isSignInResponse),
    clickTestId(page, "pin-submit"),
  ]);
  return readSignInResult(response);
}

/**
 * Completes the forced change that follows a sign-in with a temporary PIN:
 * types `newPin` with the keyboard and Enter, then again with the on-screen
 * keys, and returns to home from the confirmation.
 */
export async function chooseNewPin(page: Page, newPin: string): Promise<void> {
  await page.waitForSelector('pierce/sf-pin-pad[data-step="new"]', {
    visible: true,
  });
  await typePin(page, newPin, { keyboard: true });
  await page.keyboard.press("Enter");

  await page.waitForSelector('pierce/sf-pin-pad[data-step="confirm"]', {
    visible: true,
  });
  await typePin(page, newPin);
  await clickTestId(page, "pin-submit");

  await waitForTestId(page, "pin-changed");
  await clickTestId(page, "change-pin-done");
  await waitForTestId(page, "home");
}

/**
 * Types `pin` on the PIN pad on show: with its on-screen keys, or with the
 * keyboard into the focused field. Waits for each key to be enabled, so it
 * may be called while the pad still waits for the hub.
 */
export async function typePin(
  page: Page,
  pin: string,
  options: { keyboard?: boolean } = {},
): Promise<void> {
  if (options.keyboard === true) {
    await clickTestId(page, "pin-input");
    await page.keyboard.type(pin);
    return;
  }
  for (const digit of pin) {
    await clickTestId(page, `pin-key-${digit}`);
  }
}

/**
 * Waits until the element with test id `id` is visible, in any shadow root.
 * With `visible`, puppeteer polls on every animation frame. Without it, it
 * waits for mutations of the light DOM only, which never come for an element
 * that a shadow root renders later.
 */
export async function waitForTestId(
  page: Page,
  id: string,
  options: { timeout?: number } = {},
): Promise<void> {
  const handle = await page.waitForSelector(byTestId(id), {
    visible: true,
    ...options,
  });
  await handle?.dispose();
}

/** Waits until no element with test id `id` is visible. */
export async function waitForTestIdGone(
  page: Page,
  id: string,
  options: { timeout?: number } = {},
): Promise<void> {
  await page.waitForSelector(byTestId(id), { hidden: true, ...options });
}

/** Returns whether an element with test id `id` is in the page now. */
export async function hasTestId(page: Page, id: string): Promise<boolean> {
  const handle = await page.$(byTestId(id));
  await handle?.dispose();
  return handle !== null;
}

/**
 * Clicks the element with test id `id` once it is visible and enabled. It
 * waits for visibility before the locator runs, because a locator finds its
 * element like `waitForSelector` without `visible` and so can miss one that
 * a shadow root renders a moment later (seen with puppeteer 24.43).
 */
export async function clickTestId(page: Page, id: string): Promise<void> {
  await waitForTestId(page, id);
  await page.locator(byTestId(id)).click();
}

/** Types `text` into the input with test id `id`, waiting as clickTestId. */
export async function fillTestId(
  page: Page,
  id: string,
  text: string,
): Promise<void> {
  await waitForTestId(page, id);
  await page.locator(byTestId(id)).fill(text);
}

/** Returns the text of the element with test id `id`, once it is visible. */
export async function textOfTestId(page: Page, id: string): Promise<string> {
  await waitForTestId(page, id);
  return page
    .locator(byTestId(id))
    .map((element) => element.textContent ?? "")
    .wait();
}

/** Builds the pierce selector of test id `id`, or of `id` inside `within`. */
export function byTestId(id: string, within?: string): string {
  const target = `[data-testid="${id}"]`;
  return within === undefined
    ? `pierce/${target}`
    : `pierce/[data-testid="${within}"] ${target}`;
}

/**
 * Matches the hub's final response to a sign-in. A response that rejects an
 * expired tablet token does not match, because the kiosk then renews the
 * token and sends the sign-in again.
 */
async function isSignInResponse(response: HTTPResponse): Promise<boolean> {
  if (
    response.request().method() !== "POST" ||
    new URL(response.url()).pathname !== SIGN_IN_PATH
  ) {
    return false;
  }
  if (response.ok()) {
    return true;
  }
  const body = ErrorBody.safeParse(await response.json());
  return !body.success || body.data.error.code !== "TABLET_NOT_ENROLLED";
}

async function readSignInResult(response: HTTPResponse): Promise<SignInResult> {
  const body: unknown = await response.json();
  const tabletToken = response.request().headers()[TABLET_TOKEN_HEADER] ?? "";
  if (response.ok()) {
    return {
      status: response.status(),
      session: SessionView.parse(body),
      errorCode: undefined,
      errorDetails: undefined,
      tabletToken,
    };
  }
  const { error } = ErrorBody.parse(body);
  return {
    status: response.status(),
    session: undefined,
    errorCode: error.code,
    errorDetails: error.details,
    tabletToken,
  };
}

async function reportFailure(tablet: Tablet, testName: string): Promise<void> {
  const slug = testName.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const file = path.join(
    os.tmpdir(),
    `storefloor-e2e-${slug}-${tablet.label}-${Date.now()}.png`,
  );
  try {
    await tablet.page.screenshot({ path: file, fullPage: true });
    console.error(`Tablet ${tablet.label}: screenshot saved to ${file}`);
  } catch (error) {
    console.error(`Tablet ${tablet.label}: screenshot failed: ${error}`);
  }
  if (tablet.problems.length > 0) {
    console.error(
      `Tablet ${tablet.label} logged:\n  ${tablet.problems.join("\n  ")}`,
    );
  }
}
