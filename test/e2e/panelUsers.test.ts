import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SessionView } from "../../protocol";
import {
  byTestId,
  clickTestId,
  confirmProof,
  fillTestId,
  givePanelPassword,
  hasTestId,
  openPanel,
  selectTestId,
  setCheckedTestId,
  signInToPanel,
  textOfTestId,
  waitForTestId,
  waitForTestIdGone,
} from "../support/e2ePanel";
import { postSignIn, storeIdOf, userIdOf } from "../support/kioskClient";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** Temporary PIN the administrator types for Omar Haddad (E2). */
const TEMPORARY_PIN = "730164";

describe.skipIf(!browserAvailable())(
  "control panel users in the browser",
  () => {
    let hub: TestHub;
    let chromium: TestBrowser;

    beforeAll(async () => {
      hub = await startTestHub();
      chromium = await launchBrowser();
      await givePanelPassword(hub, "E9");
    });

    afterAll(async () => {
      await chromium?.close();
      await hub?.stop();
    });

    test("sign-in rejects a wrong password", async () => {
      const { page } = await openPanel(chromium.browser, hub);
      await fillTestId(page, "sign-in-employee-number", "E9");
      await fillTestId(page, "sign-in-password", "not the password at all");
      await clickTestId(page, "sign-in-submit");
      await waitForTestId(page, "sign-in-error");
      expect(
        await page.$eval(byTestId("sign-in-error"), (element) =>
          element.getAttribute("data-code"),
        ),
      ).toBe("ADMIN_SIGN_IN_FAILED");
      expect(await hasTestId(page, "panel-nav")).toBe(false);
    });

    test("search and filter users", async () => {
      const { page } = await openPanel(chromium.browser, hub);
      await signInToPanel(page, "E9");
      await clickTestId(page, "nav-users");
      await waitForTestId(page, "user-row-E1");

      await fillTestId(page, "user-search", "Haddad");
      await clickTestId(page, "user-search-submit");
      await waitForTestIdGone(page, "user-row-E1");
      await waitForTestId(page, "user-row-E2");
      expect(await rowCount(page)).toBe(1);

      // The filters live in the hash, so they survive a reload.
      await fillTestId(page, "user-search", "");
      await selectTestId(page, "filter-store", storeIdOf(hub, "B"));
      await waitForTestIdGone(page, "user-row-E1");
      await waitForTestId(page, "user-row-E5");
      await waitForTestId(page, "user-row-E6");
      expect(page.url()).toContain(`storeId=${storeIdOf(hub, "B")}`);
      await page.reload();
      await waitForTestId(page, "user-row-E5");
      expect(await hasTestId(page, "user-row-E1")).toBe(false);
    });

    test("PIN reset in seven steps", async () => {
      const { page } = await openPanel(chromium.browser, hub);
      await signInToPanel(page, "E9");

      // Step 1: Users. Step 2, Settings, is the panel's navigation itself.
      await clickTestId(page, "nav-users");

      // Step 3: the user, found with the search.
      await fillTestId(page, "user-search", "E2");
      await clickTestId(page, "user-search-submit");
      await clickTestId(page, "user-link-E2");

      // Step 4: "Access to the kiosk", Generate New PIN.
      await waitForTestId(page, "kiosk-access");
      await clickTestId(page, "generate-new-pin");

      // Step 5: the notice; E2 has no e-mail or phone, so it is in person.
      const notice = await textOfTestId(page, "reset-notice");
      expect(notice).toContain("in person");
      await clickTestId(page, "confirm-reset-notice");

      // Step 6: a PIN the rules reject, then a good one.
      await fillTestId(page, "temporary-pin-input", "1234");
      await clickTestId(page, "temporary-pin-next");
      await waitForTestId(page, "temporary-pin-error");
      await fillTestId(page, "temporary-pin-input", TEMPORARY_PIN);
      await clickTestId(page, "temporary-pin-next");

      // Step 7: Save Changes, with a wrong password first.
      await clickTestId(page, "save-changes");
      await confirmProof(page, "a wrong password entirely");
      await waitForTestId(page, "proof-error");
      await confirmProof(page);

      await waitForTestId(page, "reset-confirmation");
      expect(await textOfTestId(page, "reset-confirmation")).toContain(
        "Omar Haddad now has a new PIN.",
      );
      // E2 has no e-mail or phone, so the PIN is shown once for handover.
      expect((await textOfTestId(page, "temporary-pin-display")).trim()).toBe(
        TEMPORARY_PIN,
      );

      // The temporary PIN opens a tablet session that must change it.
      const signIn = await postSignIn(hub, "E2", { pin: TEMPORARY_PIN });
      expect(signIn.statusCode).toBe(200);
      expect(SessionView.parse(signIn.json()).mustChangePin).toBe(true);

      await clickTestId(page, "reset-done");
      await waitForTestId(page, "kiosk-access");
      expect(await textOfTestId(page, "user-pin-state")).toContain("Temporary");
    });

    test("random PIN shown once", async () => {
      const { page } = await openPanel(
        chromium.browser,
        hub,
        `#/users/${userIdOf(hub, "E6")}`,
      );
      await signInToPanel(page, "E9");
      await clickTestId(page, "generate-new-pin");
      await clickTestId(page, "confirm-reset-notice");
      await clickTestId(page, "generate-random-pin");
      await clickTestId(page, "save-changes");
      await confirmProof(page);

      const temporaryPin = (
        await textOfTestId(page, "temporary-pin-display")
      ).trim();
      expect(temporaryPin).toMatch(/^\d{4,8}$/);
      const signIn = await postSignIn(hub, "E6", { pin: temporaryPin });
      expect(signIn.statusCode).toBe(200);

      await clickTestId(page, "reset-done");
      expect(await hasTestId(page, "temporary-pin-display")).toBe(false);
    });

    test("create a custom role", async () => {
      const { page } = await openPanel(chromium.browser, hub);
      await signInToPanel(page, "E9");
      await clickTestId(page, "nav-roles");
      await clickTestId(page, "create-role");

      // An empty name gets the hub's field error.
      await clickTestId(page, "role-save");
      await waitForTestId(page, "field-error-name");

      await fillTestId(page, "role-name", "Night lead");
      await selectTestId(page, "role-level", "2");
      await setCheckedTestId(page, "role-permission-pin.reset", true);
      await setCheckedTestId(page, "role-permission-user.unlock", true);
      await clickTestId(page, "role-save");

      await waitForTestId(page, "roles-notice");
      const roles = await hub.context.storage.org.listRoles();
      const created = roles.find((role) => role.name === "Night lead");
      expect(created?.level).toBe(2);
      expect([...(created?.permissions ?? [])].sort()).toEqual([
        "pin.reset",
        "user.unlock",
      ]);
      await waitForTestId(page, `role-row-${created?.id ?? ""}`);
    });

    test("deleting a built-in role shows why not", async () => {
      const { page } = await openPanel(chromium.browser, hub, "#/roles");
      await signInToPanel(page, "E9");
      await clickTestId(page, "delete-role-employee");
      await clickTestId(page, "confirm-accept");
      await waitForTestId(page, "roles-error");
      expect(await hasTestId(page, "role-row-employee")).toBe(true);
    });

    test("ended session returns to sign-in", async () => {
      const { page } = await openPanel(chromium.browser, hub, "#/users");
      await signInToPanel(page, "E9");
      await waitForTestId(page, "user-row-E1");
      const cookies = await page.browserContext().cookies();
      await page.browserContext().deleteCookie(...cookies);
      await clickTestId(page, "nav-roles");
      await waitForTestId(page, "session-expired");
      await waitForTestId(page, "sign-in-form");
    });
  },
);

/** Number of user rows in the users table. */
function rowCount(page: Page): Promise<number> {
  return page.$$eval(
    'pierce/[data-testid^="user-row-"]',
    (rows) => rows.length,
  );
}
