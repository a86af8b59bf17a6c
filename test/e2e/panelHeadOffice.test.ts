import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ElementHandle, Page } from "puppeteer";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AUDIT_CSV_COLUMNS } from "../../protocol";
import {
  byTestId,
  clickTestId,
  confirmProof,
  fillTestId,
  givePanelPassword,
  openPanel,
  selectTestId,
  setCheckedTestId,
  signInToPanel,
  TEST_ADMIN_PASSWORD,
  textOfTestId,
  waitForTestId,
  waitForTestIdGone,
} from "../support/e2ePanel";
import { chooseNewPin, openTablet, signIn } from "../support/e2eTablet";
import { audit } from "../../hub/services/audit";
import { fixtureUserId } from "../support/e2eFixture";
import { postSignIn } from "../support/kioskClient";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** The fixture's administrator, who works organisation-wide. */
const ADMINISTRATOR = "E9";

/**
 * A roster as Excel saves it: byte-order mark, semicolons, CRLF, a quoted
 * field with a semicolon, names outside ASCII. Line 3 has two problems: an
 * invalid e-mail address and a store that does not exist.
 */
const ROSTER_WITH_BAD_ROW = [
  "\uFEFFEmployee number;First name;Last name;E-mail;Phone;Store;Role",
  "E20;Inés;Ortega;ines.ortega@example.com;;A;Employee",
  'E21;"Łukasz; Jr.";Nowak;not-an-email;;Z;Employee',
].join("\r\n");

/** The same roster with line 3 fixed. */
const ROSTER_FIXED = ROSTER_WITH_BAD_ROW.replace(";not-an-email;;Z;", ";;;A;");

/** E-mail address of E1, the store-A employee whose PIN the panel resets. */
const E1_EMAIL = "ana@example.com";

describe.skipIf(!browserAvailable())("control panel for head office", () => {
  let hub: TestHub;
  let receiver: SmtpReceiver;
  let chromium: TestBrowser;

  beforeAll(async () => {
    receiver = await startSmtpReceiver();
    hub = await startTestHub({
      env: {
        STOREFLOOR_DELIVERY: "smtp",
        STOREFLOOR_SMTP_URL: `smtp://127.0.0.1:${receiver.port}`,
        STOREFLOOR_SMTP_TLS: "none",
        STOREFLOOR_MAIL_FROM: "Storefloor <storefloor@example.com>",
        STOREFLOOR_DELIVERY_POLL_MS: "200",
      },
    });
    await givePanelPassword(hub, ADMINISTRATOR);
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await hub?.stop();
    await receiver?.close();
  });

  test("roster, role, reset, mail and audit", async () => {
    const tablet = await openTablet(chromium.browser, hub, "A");
    const { page } = await openPanel(chromium.browser, hub);
    await signInToPanel(page, ADMINISTRATOR);

    // A second panel window follows the live feed during the test.
    const feed = await openPanel(chromium.browser, hub, "#/feed");
    await signInToPanel(feed.page, ADMINISTRATOR);
    await waitForLiveFeed(feed.page);

    // Roster import: the bad row is reported with its line number and
    // nothing can be applied.
    await navigateTo(page, "#/import");
    await chooseFile(page, "import-file", "roster.csv", ROSTER_WITH_BAD_ROW);
    await clickTestId(page, "import-preview");
    await waitForTestId(page, "import-error-line-3");
    const reasons = await textsOfTestId(page, "import-error-message");
    expect(reasons).toHaveLength(2);
    expect(reasons[1]).toContain("Z");
    expect(await textsOfTestId(page, "import-error-column")).toEqual([
      "E-mail",
      "Store",
    ]);
    expect(await textOfTestId(page, "import-summary")).toContain(
      "2 rows read: 1 ready, 1 with problems (2 problems).",
    );
    expect((await textOfTestId(page, "import-bad-rows")).trim()).toBe(
      "1 row has problems, so nothing can be imported. Fix it and preview again.",
    );
    expect(await isDisabled(page, "import-apply")).toBe(true);
    expect(await rowExists(page, "import-create-E20")).toBe(true);

    // The fixed file previews clean and applies after the password.
    await chooseFile(page, "import-file", "roster-fixed.csv", ROSTER_FIXED);
    await clickTestId(page, "import-preview");
    await waitForTestId(page, "import-create-E21");
    expect(await rowExists(page, "import-error-line-3")).toBe(false);
    expect(await isDisabled(page, "import-apply")).toBe(false);
    await clickTestId(page, "import-apply");
    await confirmProof(page);
    const summary = await textOfTestId(page, "import-result-summary");
    expect(summary).toMatch(/^\s*2 users created/);

    // The tablet of store A shows the imported users without a reload.
    await waitForTestId(tablet.page, "user-E20", { timeout: 5_000 });
    await waitForTestId(tablet.page, "user-E21", { timeout: 5_000 });

    // A custom role.
    await navigateTo(page, "#/roles");
    await clickTestId(page, "create-role");
    await fillTestId(page, "role-name", "Floor captain");
    await selectTestId(page, "role-level", "2");
    await setCheckedTestId(page, "role-permission-user.unlock", true);
    await clickTestId(page, "role-save");
    await waitForTestId(page, "roles-notice");
    const roles = await hub.context.storage.org.listRoles();
    const created = roles.find((role) => role.name === "Floor captain");
    expect(created?.level).toBe(2);
    expect(created?.permissions).toEqual(["user.unlock"]);

    // The live feed is paused before the reset, so the reset waits.
    await clickTestId(feed.page, "feed-pause");

    // PIN reset of E1 from the users page, delivered by e-mail.
    await navigateTo(page, "#/users");
    await fillTestId(page, "user-search", "E1");
    await clickTestId(page, "user-search-submit");
    await clickTestId(page, "user-link-E1");
    await clickTestId(page, "generate-new-pin");
    await waitForTestId(page, "reset-notice");
    await clickTestId(page, "confirm-reset-notice");
    await clickTestId(page, "generate-random-pin");
    await clickTestId(page, "save-changes");
    await confirmProof(page);
    await waitForTestId(page, "reset-confirmation");

    // The paused feed holds the reset back until resumed, then shows it
    // with the user it concerns.
    await waitForTestId(feed.page, "feed-held");
    expect(await textsOfTestId(feed.page, "feed-kind")).not.toContain(
      "pin.reset",
    );
    await clickTestId(feed.page, "feed-pause");
    await waitForFeedRow(feed.page, "pin.reset", "(E1)");

    // The temporary PIN reaches the SMTP server, and it opens the tablet
    // into the forced PIN change.
    const mail = await waitForMail(receiver, E1_EMAIL);
    expect(mail.subject).toBe("Your temporary Storefloor PIN");
    const temporaryPin = /^\s+(\d{4,8})\s*$/m.exec(mail.body)?.[1];
    expect(temporaryPin).toBeDefined();
    const signedIn = await signIn(tablet.page, "E1", temporaryPin ?? "");
    expect(signedIn.session?.mustChangePin).toBe(true);
    await chooseNewPin(tablet.page, "418305");

    // The imported users with e-mail got their temporary PIN too.
    await waitForMail(receiver, "ines.ortega@example.com");

    // The outbox page lists the delivered message to E1.
    await navigateTo(page, "#/outbox");
    await waitForText(page, "outbox-table", E1_EMAIL);

    // The audit export lists the reset, fetched with the panel's session.
    const csv = await page.evaluate(async () => {
      const response = await fetch("/api/admin/audit.csv?kind=pin.reset", {
        credentials: "same-origin",
      });
      return { status: response.status, text: await response.text() };
    });
    expect(csv.status).toBe(200);
    const records: Record<string, string>[] = parse(csv.text, {
      bom: true,
      columns: true,
    });
    expect(Object.keys(records[0] ?? {})).toEqual([...AUDIT_CSV_COLUMNS]);
    const reset = records.find(
      (record) =>
        record["kind"] === "pin.reset" &&
        record["target_employee_number"] === "E1",
    );
    expect(reset).toBeDefined();
    expect(reset?.["actor_employee_number"]).toBe(ADMINISTRATOR);
    expect(reset?.["outcome"]).toBe("success");
    expect(csv.text).not.toContain(temporaryPin);

    // The tablets page lists the tablet of store A as online.
    await navigateTo(page, "#/tablets");
    await page.waitForSelector(
      byTestId("tablet-online", "tablets-table-A") + '[data-online="true"]',
      { visible: true, timeout: 5_000 },
    );
  });

  test("settings, alerts, tablets, tokens and audit", async () => {
    const tablet = await openTablet(chromium.browser, hub, "A");
    const { page } = await openPanel(chromium.browser, hub);
    await signInToPanel(page, ADMINISTRATOR);

    // Settings: a rule between two fields is shown at the field, and
    // nothing is saved. A valid change asks the password: cancelling saves
    // nothing, a wrong password is asked again, the right one saves.
    const before = await hub.context.storage.org.getSettings();
    await navigateTo(page, "#/settings");
    await fillTestId(page, "setting-lockoutPermanentAt", "3");
    await clickTestId(page, "settings-save");
    const ruleMessage = await textOfTestId(
      page,
      "field-error-lockoutPermanentAt",
    );
    expect(ruleMessage).toContain("greater than lockoutThreshold");
    expect(await hub.context.storage.org.getSettings()).toEqual(before);
    await fillTestId(page, "setting-lockoutPermanentAt", "12");
    await fillTestId(page, "setting-idleTimeoutSeconds", "90");
    await clickTestId(page, "settings-save");
    await waitForTestId(page, "proof-password");
    await clickTestId(page, "proof-cancel");
    await waitForTestIdGone(page, "proof-password");
    expect(await hub.context.storage.org.getSettings()).toEqual(before);
    await clickTestId(page, "settings-save");
    await confirmProof(page, "a wrong password entirely");
    await waitForTestId(page, "proof-error");
    expect(await hub.context.storage.org.getSettings()).toEqual(before);
    await confirmProof(page);
    expect(await textOfTestId(page, "settings-saved")).toContain(
      "2 settings changed",
    );
    const after = await hub.context.storage.org.getSettings();
    expect(after.lockoutPermanentAt).toBe(12);
    expect(after.idleTimeoutSeconds).toBe(90);

    // Alerts: E2 locked out by wrong PINs, unlocked with the password.
    for (let attempt = 0; attempt < before.lockoutThreshold; attempt += 1) {
      await postSignIn(hub, "E2", { pin: "000000" });
    }
    await navigateTo(page, "#/alerts");
    // With the keyboard only: Tab to Unlock, Enter, type the password into
    // the focused proof field, Enter.
    await waitForTestId(page, "lock-row-E2");
    await tabTo(page, "unlock-E2");
    await page.keyboard.press("Enter");
    await waitForTestId(page, "proof-password");
    expect(await focusedTestId(page)).toBe("proof-password");
    await page.keyboard.type(TEST_ADMIN_PASSWORD);
    await page.keyboard.press("Enter");
    await waitForTestId(page, "alerts-notice");
    expect(await rowExists(page, "lock-row-E2")).toBe(false);
    expect((await postSignIn(hub, "E2")).statusCode).toBe(200);

    // Tablets: an enrollment code for store B, shown once.
    await navigateTo(page, "#/tablets");
    await selectTestId(page, "enroll-store", hub.fixture.stores["B"] ?? "");
    await clickTestId(page, "enroll-create");
    await confirmProof(page);
    expect(await textOfTestId(page, "enroll-code")).toMatch(
      /^\s*[0-9A-Z]{4}(-[0-9A-Z]{4})+\s*$/,
    );

    // Reporting the open tablet stolen revokes it and raises an alert.
    const tablets = await hub.context.storage.tablets.list(null);
    const stolen = tablets.find(
      (record) => record.label === `Tablet ${tablet.label}`,
    );
    expect(stolen).toBeDefined();
    const stolenId = stolen?.id ?? "";
    await clickTestId(page, `tablet-stolen-${stolenId}`);
    expect(await textOfTestId(page, "confirm-dialog")).toContain(
      "must choose a new PIN",
    );
    await clickTestId(page, "confirm-accept");
    await confirmProof(page);
    await waitForTestId(page, "tablets-notice");
    await page.waitForSelector(
      byTestId("tablet-status", `tablet-row-${stolenId}`) +
        '[data-status="stolen"]',
      { visible: true },
    );
    await navigateTo(page, "#/alerts");
    await waitForTestId(page, `stolen-row-${stolenId}`);

    // Feed API tokens: the token is shown once, reads the feed, and stops
    // working once revoked.
    await page.setViewport({ width: 1280, height: 800 });
    await navigateTo(page, "#/tokens");
    await fillTestId(page, "token-name", "Payroll export");
    await setCheckedTestId(
      page,
      `token-store-${hub.fixture.stores["A"] ?? ""}`,
      true,
    );
    await fillTestId(page, "token-expiry", "30");
    await clickTestId(page, "token-create");
    await confirmProof(page);
    const secret = (await textOfTestId(page, "token-secret")).trim();
    expect(secret.length).toBeGreaterThan(20);
    // The form sits below the fold, so the page scrolls the secret back
    // into view and focuses its heading for screen readers.
    await page.waitForSelector(byTestId("token-created-title") + ":focus", {
      timeout: 5_000,
    });
    const secretBox = await page.$(byTestId("token-secret"));
    expect(await secretBox?.isIntersectingViewport()).toBe(true);
    expect(await readFeedStatus(hub, secret)).toBe(200);
    const [token] = await hub.context.storage.apiTokens.list();
    expect(token?.name).toBe("Payroll export");
    await clickTestId(page, `token-revoke-${token?.id ?? ""}`);
    await clickTestId(page, "confirm-accept");
    await page.waitForSelector(
      byTestId("token-state", `token-row-${token?.id ?? ""}`) +
        '[data-state="revoked"]',
      { visible: true },
    );
    expect(await readFeedStatus(hub, secret)).toBe(401);

    // Audit log: filters by kind and by user, and names an unknown user.
    await navigateTo(page, "#/audit");
    await fillTestId(page, "audit-filter-kind", "tablet.*");
    await clickTestId(page, "audit-apply");
    await waitForText(page, "audit-kind", "tablet.stolen");
    // Details read as labelled values with the zone, tablets by label.
    expect(await textsOfTestId(page, "audit-tablet")).toContain(
      stolen?.label ?? "",
    );
    for (const details of await textsOfTestId(page, "audit-details")) {
      expect(details).not.toContain("{");
    }
    const [codeExpiry] = await textsOfTestId(page, "audit-detail-expiresAt");
    expect(codeExpiry).toMatch(/\d{2}:\d{2} UTC/);
    expect(await textsOfTestId(page, "audit-kind")).not.toContain(
      "user.unlock",
    );
    await fillTestId(page, "audit-filter-kind", "");
    await fillTestId(page, "audit-filter-user", "E2");
    await clickTestId(page, "audit-apply");
    await waitForText(page, "audit-kind", "user.unlock");
    await fillTestId(page, "audit-filter-user", "E404");
    await clickTestId(page, "audit-apply");
    expect(await textOfTestId(page, "field-error-user")).toContain("E404");

    // More entries than one page: "load more" appends the older ones.
    const e3 = fixtureUserId(hub, "E3");
    for (let index = 0; index < 150; index += 1) {
      await audit(
        hub.context.storage,
        {
          kind: "sign-in",
          outcome: "failure",
          targetId: e3,
          reason: "PIN_INCORRECT",
        },
        Date.now(),
      );
    }
    await fillTestId(page, "audit-filter-user", "E3");
    await fillTestId(page, "audit-filter-kind", "sign-in");
    await clickTestId(page, "audit-apply");
    await waitForTestId(page, "audit-load-more");
    expect(await textsOfTestId(page, "audit-kind")).toHaveLength(100);
    await clickTestId(page, "audit-load-more");
    await waitForTestIdGone(page, "audit-load-more");
    expect(await textsOfTestId(page, "audit-kind")).toHaveLength(150);
  });
});

/** Presses Tab until the element with test id `testId` has the focus. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press("Tab");
    if ((await focusedTestId(page)) === testId) {
      return;
    }
  }
  throw new Error(`Tab never reached the element with test id ${testId}.`);
}

/** Returns the test id of the focused element, inside shadow roots too. */
async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    return active?.getAttribute("data-testid") ?? null;
  });
}

/** Returns the status of a one-off read of the feed with an API token. */
async function readFeedStatus(hub: TestHub, token: string): Promise<number> {
  const response = await fetch(`${hub.url}/api/feed?follow=false`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.status;
}

/**
 * Waits up to 5 s for a live feed row of `kind` whose "Concerns" cell
 * contains `concerns`.
 */
async function waitForFeedRow(
  page: Page,
  kind: string,
  concerns: string,
): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const rows = await page.$$('pierce/[data-testid^="feed-row-"]');
    const cells = await Promise.all(
      rows.map((row) =>
        row.evaluate((element) => ({
          kind: element
            .querySelector('[data-testid="feed-kind"]')
            ?.textContent?.trim(),
          concerns: element
            .querySelector('[data-testid="feed-summary"]')
            ?.textContent?.trim(),
        })),
      ),
    );
    await Promise.all(rows.map((row) => row.dispose()));
    const found = cells.some(
      (cell) =>
        cell.kind === kind && cell.concerns?.includes(concerns) === true,
    );
    if (found) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No live feed row of ${kind} concerning "${concerns}" within 5 s; rows: ${JSON.stringify(cells)}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Returns the text of every element with test id `testId`. */
async function textsOfTestId(page: Page, testId: string): Promise<string[]> {
  const handles = await page.$$(byTestId(testId));
  const texts = await Promise.all(
    handles.map((handle) =>
      handle.evaluate((element) => element.textContent?.trim() ?? ""),
    ),
  );
  await Promise.all(handles.map((handle) => handle.dispose()));
  return texts;
}

/** Shows a panel page through its hash route. */
async function navigateTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
  await page.waitForFunction(
    (target) => window.location.hash === target,
    {},
    hash,
  );
}

/** Waits until the live feed page reports its socket as connected. */
async function waitForLiveFeed(page: Page): Promise<void> {
  await page.waitForSelector(
    'pierce/[data-testid="feed-connection"][data-state="live"]',
    { visible: true, timeout: 10_000 },
  );
}

/** Writes `content` to a temporary file and chooses it in a file input. */
async function chooseFile(
  page: Page,
  testId: string,
  name: string,
  content: string,
): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-csv-"));
  const file = path.join(directory, name);
  fs.writeFileSync(file, content, "utf8");
  const input = (await page.waitForSelector(byTestId(testId), {
    visible: true,
  })) as ElementHandle<HTMLInputElement> | null;
  if (input === null) {
    throw new Error(`no file input with test id ${testId}`);
  }
  await input.uploadFile(file);
  await input.dispose();
  await page.waitForSelector(
    `pierce/[data-testid="${testId}"][data-file-name="${name}"]`,
  );
  fs.rmSync(directory, { recursive: true, force: true });
}

/** Waits up to 5 s until an element with test id `testId` contains `text`. */
async function waitForText(
  page: Page,
  testId: string,
  text: string,
): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const handles = await page.$$(byTestId(testId));
    const texts = await Promise.all(
      handles.map((handle) =>
        handle.evaluate((element) => element.textContent),
      ),
    );
    await Promise.all(handles.map((handle) => handle.dispose()));
    if (texts.some((each) => each?.includes(text) === true)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No element with test id ${testId} contains "${text}" within 5 s; found ${JSON.stringify(texts)}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function isDisabled(page: Page, testId: string): Promise<boolean> {
  await waitForTestId(page, testId);
  return page
    .locator(byTestId(testId))
    .map((element) => (element as HTMLButtonElement).disabled)
    .wait();
}

async function rowExists(page: Page, testId: string): Promise<boolean> {
  const handle = await page.$(byTestId(testId));
  await handle?.dispose();
  return handle !== null;
}

/** Waits up to 10 s for a message to `recipient` and returns the newest. */
async function waitForMail(receiver: SmtpReceiver, recipient: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mail = [...receiver.messages]
      .reverse()
      .find((message) => message.rcptTo.includes(recipient));
    if (mail !== undefined) {
      return mail;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No mail to ${recipient} within 10 s; the SMTP server received ${receiver.messages.length} messages, to ${receiver.messages.map((message) => message.rcptTo.join(" ")).join(", ")}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
