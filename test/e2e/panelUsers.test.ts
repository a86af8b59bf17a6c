import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SessionView } from "../../protocol";
import {
  byTestId,
  clickTestId,
  confirmProof,
  fillTestId,
  focusedTestId,
  givePanelPassword,
  hasTestId,
  openPanel,
  selectTestId,
  setCheckedTestId,
  signInToPanel,
  tabTo,
  TEST_ADMIN_PASSWORD,
  waitForFocus,
  textOfTestId,
  waitForTestId,
  waitForTestIdGone,
} from "../support/e2ePanel";
import { issuePasswordCode } from "../../hub/admin/passwordCodes";
import { signInAdmin } from "../support/adminAgent";
import { postSignIn, storeIdOf, userIdOf } from "../support/kioskClient";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** Password the manager E4 sets, and E5 with the code E9 issues. */
const MANAGER_PASSWORD = "a manager's long passphrase";

/** Password the administrator E9 changes to. */
const ADMIN_NEW_PASSWORD = "another long passphrase for E9";

/** Temporary PIN typed for Sofía Martínez (E3) by keyboard alone. */
const KEYBOARD_PIN = "582039";

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

    test("set a password with a one-time code", async () => {
      const manager = await hub.context.storage.users.get(userIdOf(hub, "E4"));
      if (manager === null) {
        throw new Error("the fixture has no E4");
      }
      const { code } = await issuePasswordCode(hub.context, manager, {
        actorId: null,
        via: "command line",
      });
      const { page } = await openPanel(
        chromium.browser,
        hub,
        `#/set-password?employee=E4&code=${code}`,
      );

      // A password shorter than 15 characters never reaches the hub.
      await fillTestId(page, "set-password-password", "too short");
      await fillTestId(page, "set-password-confirm", "too short");
      await clickTestId(page, "set-password-submit");
      await waitForTestId(page, "set-password-error");

      await fillTestId(page, "set-password-password", MANAGER_PASSWORD);
      await fillTestId(page, "set-password-confirm", MANAGER_PASSWORD);
      await clickTestId(page, "set-password-submit");
      await waitForTestId(page, "password-set");
      await clickTestId(page, "to-sign-in");
      await signInToPanel(page, "E4", MANAGER_PASSWORD);

      // A manager's role manages users but not roles or stores.
      await waitForTestId(page, "nav-users");
      expect(await hasTestId(page, "nav-roles")).toBe(false);
      expect(await hasTestId(page, "nav-stores")).toBe(false);
    });

    test("user create, edit and deactivate", async () => {
      const { page } = await openPanel(chromium.browser, hub, "#/users");
      await signInToPanel(page, "E9");
      await clickTestId(page, "create-user");
      await fillTestId(page, "user-employee-number", "E100");
      await fillTestId(page, "user-first-name", "Iris");
      await fillTestId(page, "user-last-name", "Vale");
      await fillTestId(page, "user-phone", "555");
      await selectTestId(page, "user-role", "employee");
      await setCheckedTestId(page, "user-store-B", true);
      await clickTestId(page, "user-save");

      // The hub names the invalid phone number; nothing was created.
      await waitForTestId(page, "field-error-phone");
      expect(await hub.context.storage.users.getByEmployeeNumber("E100")).toBe(
        null,
      );
      await fillTestId(page, "user-phone", "+15550100");
      await clickTestId(page, "user-save");

      await waitForTestId(page, "user-name");
      expect(await textOfTestId(page, "user-name")).toBe("Iris Vale");
      expect(await textOfTestId(page, "user-store-names")).toContain("Store B");

      await clickTestId(page, "edit-user");
      await fillTestId(page, "user-last-name", "Valente");
      await clickTestId(page, "user-save");
      await waitForTestId(page, "user-outcome");
      expect(await textOfTestId(page, "user-name")).toBe("Iris Valente");

      await clickTestId(page, "deactivate-user");
      await confirmProof(page);
      await waitForTestId(page, "reactivate-user");
      const deactivated =
        await hub.context.storage.users.getByEmployeeNumber("E100");
      expect(deactivated?.status).toBe("deactivated");
      expect(deactivated?.lastName).toBe("Valente");

      await clickTestId(page, "reactivate-user");
      await clickTestId(page, "confirm-accept");
      await waitForTestId(page, "deactivate-user");
      const reactivated =
        await hub.context.storage.users.getByEmployeeNumber("E100");
      expect(reactivated?.status).toBe("active");
    });

    test("issue a password code for a manager", async () => {
      const { page } = await openPanel(
        chromium.browser,
        hub,
        `#/users/${userIdOf(hub, "E5")}`,
      );
      await signInToPanel(page, "E9");
      await clickTestId(page, "issue-password-code");
      await confirmProof(page);
      const code = (await textOfTestId(page, "password-code-display")).trim();
      expect(code).toMatch(/^[0-9A-Z-]{16,}$/);

      const response = await fetch(`${hub.url}/api/admin/password`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: hub.url },
        body: JSON.stringify({
          employeeNumber: "E5",
          code,
          password: MANAGER_PASSWORD,
        }),
      });
      expect(response.status).toBeLessThan(300);
    });

    test("stores, time zones and groups", async () => {
      const { page } = await openPanel(chromium.browser, hub, "#/stores");
      await signInToPanel(page, "E9");
      await clickTestId(page, "create-store");
      await fillTestId(page, "store-code", "C");
      await fillTestId(page, "store-name", "Store C");
      await fillTestId(page, "store-time-zone", "Mars/Olympus");
      await clickTestId(page, "store-save");
      await waitForTestId(page, "field-error-timeZone");

      await fillTestId(page, "store-time-zone", "Europe/Madrid");
      await clickTestId(page, "store-save");
      await waitForTestId(page, "store-row-C");

      await clickTestId(page, "edit-store-C");
      await fillTestId(page, "store-name", "Store C North");
      await fillTestId(page, "store-time-zone", "Europe/Lisbon");
      await clickTestId(page, "store-save");
      await waitForTestId(page, "stores-notice");
      const stores = await hub.context.storage.org.listStores();
      const storeC = stores.find((store) => store.code === "C");
      expect(storeC?.name).toBe("Store C North");
      expect(storeC?.timeZone).toBe("Europe/Lisbon");

      await clickTestId(page, "create-group");
      await fillTestId(page, "group-name", "South");
      await setCheckedTestId(page, "group-store-A", true);
      await setCheckedTestId(page, "group-store-C", true);
      await clickTestId(page, "group-save");
      await waitForTestId(page, "stores-notice");
      const groups = await hub.context.storage.org.listGroups();
      const south = groups.find((group) => group.name === "South");
      expect(south).toBeDefined();
      const members = await hub.context.storage.org.storesOfGroups(
        south === undefined ? [] : [south.id],
      );
      expect([...members].sort()).toEqual(
        [storeIdOf(hub, "A"), storeC?.id].sort(),
      );
    });

    test("locked filter and unlock", async () => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const wrong = await postSignIn(hub, "E1", { pin: "000000" });
        expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
      }
      const { page } = await openPanel(chromium.browser, hub, "#/users");
      await signInToPanel(page, "E9");
      await selectTestId(page, "filter-status", "locked");
      await waitForTestIdGone(page, "user-row-E2");
      await waitForTestId(page, "user-row-E1");
      expect(await rowCount(page)).toBe(1);

      await clickTestId(page, "user-link-E1");
      expect(await textOfTestId(page, "user-lock")).toContain("Locked until");
      // Signing out everywhere ends tablet sessions too, so it has a
      // section of its own, apart from the control panel access.
      await page.waitForSelector(
        byTestId("sign-out-user-everywhere", "user-sessions"),
      );
      expect(
        await page.$(byTestId("sign-out-user-everywhere", "panel-access")),
      ).toBeNull();
      await clickTestId(page, "unlock-user");
      await confirmProof(page);
      await waitForTestId(page, "user-outcome");
      expect(await textOfTestId(page, "user-lock")).toContain("Not locked");
      const signIn = await postSignIn(hub, "E1");
      expect(signIn.statusCode).toBe(200);
    });

    test("pages through many users", async () => {
      const agent = await signInAdmin(hub, "E9");
      for (let index = 1; index <= 60; index += 1) {
        const created = await agent.inject({
          method: "POST",
          url: "/api/admin/users",
          payload: {
            employeeNumber: `P${String(index).padStart(3, "0")}`,
            firstName: "Page",
            lastName: `Tester ${index}`,
            roleId: "employee",
            storeIds: [storeIdOf(hub, "A")],
          },
        });
        expect(created.statusCode).toBe(201);
      }
      const { page } = await openPanel(chromium.browser, hub, "#/users");
      await signInToPanel(page, "E9");
      await fillTestId(page, "user-search", "Tester");
      await clickTestId(page, "user-search-submit");
      await page.waitForSelector(
        'pierce/[data-testid="users-pager-status"][data-total="60"]',
        { visible: true },
      );
      expect(await rowCount(page)).toBe(50);

      await clickTestId(page, "users-pager-next");
      await page.waitForSelector(
        'pierce/[data-testid="users-pager-status"][data-page="2"]',
        { visible: true },
      );
      expect(await rowCount(page)).toBe(10);
      expect(page.url()).toContain("page=2");
      await page.goBack();
      await page.waitForSelector(
        'pierce/[data-testid="users-pager-status"][data-page="1"]',
        { visible: true },
      );
    });

    test("PIN reset by keyboard only", async () => {
      const { page } = await openPanel(chromium.browser, hub);
      await waitForTestId(page, "sign-in-form");
      expect(await focusedTestId(page)).toBe("sign-in-employee-number");
      await page.keyboard.type("E9");
      await page.keyboard.press("Tab");
      await page.keyboard.type(TEST_ADMIN_PASSWORD);
      await page.keyboard.press("Enter");

      // The users page opens first and takes focus; the navigation is
      // before it.
      await tabTo(page, "nav-users", { backwards: true });
      await page.keyboard.press("Enter");
      await tabTo(page, "user-search");
      await page.keyboard.type("Martínez");
      await page.keyboard.press("Enter");
      await waitForTestIdGone(page, "user-row-E1");
      await tabTo(page, "user-link-E3");
      await page.keyboard.press("Enter");

      await tabTo(page, "generate-new-pin");
      await page.keyboard.press("Enter");
      await tabTo(page, "confirm-reset-notice");
      await page.keyboard.press("Enter");
      await waitForTestId(page, "temporary-pin-input");
      expect(await focusedTestId(page)).toBe("temporary-pin-input");
      await page.keyboard.type(KEYBOARD_PIN);
      await page.keyboard.press("Enter");

      // Escape closes the password dialog without a reset; focus returns.
      await tabTo(page, "save-changes");
      await page.keyboard.press("Enter");
      await waitForTestId(page, "proof-password");
      await page.keyboard.press("Escape");
      await waitForTestIdGone(page, "proof-password");
      await waitForFocus(page, "save-changes");
      expect(
        (await postSignIn(hub, "E3", { pin: KEYBOARD_PIN })).statusCode,
      ).not.toBe(200);

      await page.keyboard.press("Enter");
      await waitForFocus(page, "proof-password");
      await page.keyboard.type(TEST_ADMIN_PASSWORD);
      await page.keyboard.press("Enter");
      await waitForTestId(page, "reset-confirmation");
      await tabTo(page, "reset-done");
      await page.keyboard.press("Enter");
      await waitForTestId(page, "kiosk-access");

      const signIn = await postSignIn(hub, "E3", { pin: KEYBOARD_PIN });
      expect(signIn.statusCode).toBe(200);
    });

    test("manager sees the scope rule", async () => {
      await givePanelPassword(hub, "E4");
      const { page } = await openPanel(
        chromium.browser,
        hub,
        `#/users/${userIdOf(hub, "E6")}`,
      );
      await signInToPanel(page, "E4");

      // E6 also works in store B, outside the manager's store A.
      await waitForTestId(page, "user-load-error");
      expect(
        await page.$eval(byTestId("user-load-error"), (element) =>
          element.getAttribute("data-code"),
        ),
      ).toBe("OUT_OF_SCOPE");

      // The manager's own account is not theirs to manage here.
      await page.goto(`${hub.url}/admin/#/users/${userIdOf(hub, "E4")}`);
      await page.waitForSelector(
        'pierce/[data-testid="user-load-error"][data-code="SELF_ACTION"]',
        { visible: true },
      );

      await page.goto(`${hub.url}/admin/#/users/${userIdOf(hub, "E1")}`);
      await waitForTestId(page, "generate-new-pin");
      expect(await hasTestId(page, "access-refused")).toBe(false);

      // A role at the manager's own level is not offered.
      await clickTestId(page, "edit-user");
      const roleOptions = await page.$$eval(
        'pierce/[data-testid="user-role"] option',
        (options) => options.map((option) => option.getAttribute("value")),
      );
      expect(roleOptions).toContain("employee");
      expect(roleOptions).not.toContain("manager");
      expect(roleOptions).not.toContain("administrator");
    });

    test("change password, then sign out everywhere", async () => {
      const { page } = await openPanel(chromium.browser, hub);
      await signInToPanel(page, "E9");
      const second = await openPanel(chromium.browser, hub);
      await signInToPanel(second.page, "E9");

      await clickTestId(page, "account-menu");
      await clickTestId(page, "change-password");
      await fillTestId(page, "current-password", TEST_ADMIN_PASSWORD);
      await fillTestId(page, "new-password", ADMIN_NEW_PASSWORD);
      await fillTestId(page, "new-password-confirm", ADMIN_NEW_PASSWORD);
      await clickTestId(page, "change-password-submit");
      await waitForTestId(page, "password-changed");
      await page.keyboard.press("Escape");

      await clickTestId(page, "account-menu");
      await clickTestId(page, "sign-out-everywhere");
      await clickTestId(page, "confirm-accept");
      await waitForTestId(page, "signed-out");

      // The other window's session ended too.
      await clickTestId(second.page, "nav-roles");
      await waitForTestId(second.page, "session-expired");
      await signInToPanel(second.page, "E9", ADMIN_NEW_PASSWORD);
      await givePanelPassword(hub, "E9");
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
