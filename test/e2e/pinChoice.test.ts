import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixturePin, fixtureUserId } from "../support/e2eFixture";
import { openUserAccess } from "../support/e2eManager";
import {
  clickTestId,
  hasTestId,
  openTablet,
  signIn,
  textOfTestId,
  typePin,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** The PIN the employee chooses on the tablet. */
const CHOSEN_PIN = "582946";

describe.skipIf(!browserAvailable())(
  "employee chooses PIN in the browser",
  () => {
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

    /**
     * Signs manager E4 in and takes them through steps 1 to 6 of the reset
     * of `employeeNumber`, up to the choice of how the user gets a PIN.
     */
    async function openResetChoice(page: Page, employeeNumber: string) {
      await signIn(page, "E4", fixturePin(hub, "E4"));
      await waitForTestId(page, "home");
      await openUserAccess(page, employeeNumber);
      await clickTestId(page, "generate-new-pin");
      await clickTestId(page, "confirm-reset-notice");
      await waitForTestId(page, "let-employee-choose");
    }

    /** Chooses "Let the employee choose" and approves with E4's PIN. */
    async function approveChoice(page: Page) {
      await clickTestId(page, "let-employee-choose");
      await typePin(page, fixturePin(hub, "E4"));
      await clickTestId(page, "approve-pin-choice");
    }

    test("employee chooses, then signs in", async () => {
      const { page } = await openTablet(chromium.browser, hub, "A");
      await openResetChoice(page, "E2");
      await approveChoice(page);

      // The hand-over screen speaks to the employee, and the manager is out.
      await waitForTestId(page, "pin-choice-hand-over");
      expect(await textOfTestId(page, "pin-choice-title")).toContain(
        "Omar Haddad, choose your new PIN",
      );
      expect(await hasTestId(page, "signed-in-user")).toBe(false);

      // A PIN against the policy is refused before it leaves the tablet.
      await typePin(page, "123456");
      await clickTestId(page, "pin-choice-submit");
      await waitForTestId(page, "pin-choice-policy-error");

      // Twice, with a mistake in the second entry first.
      await typePin(page, CHOSEN_PIN);
      await clickTestId(page, "pin-choice-submit");
      await page.waitForSelector('pierce/sf-pin-pad[data-step="confirm"]', {
        visible: true,
      });
      await typePin(page, "582947");
      await clickTestId(page, "pin-choice-submit");
      await waitForTestId(page, "pin-choice-error");
      await typePin(page, CHOSEN_PIN);
      await clickTestId(page, "pin-choice-submit");
      await page.waitForSelector('pierce/sf-pin-pad[data-step="confirm"]', {
        visible: true,
      });
      await typePin(page, CHOSEN_PIN);
      await clickTestId(page, "pin-choice-submit");

      await waitForTestId(page, "pin-choice-done");
      const credential = await hub.context.storage.credentials.getPin(
        fixtureUserId(hub, "E2"),
      );
      expect(credential?.temporary).toBe(false);
      await clickTestId(page, "pin-choice-finish");
      await waitForSignInScreen(page);

      // The chosen PIN signs the employee in with no change required.
      const chosen = await signIn(page, "E2", CHOSEN_PIN);
      expect(chosen.session?.mustChangePin).toBe(false);
      await waitForTestId(page, "home");
      expect(await textOfTestId(page, "home-user-name")).toContain(
        "Omar Haddad",
      );
    });

    test("cancel keeps the current PIN", async () => {
      const { page } = await openTablet(chromium.browser, hub, "A");
      await openResetChoice(page, "E1");
      await approveChoice(page);
      await waitForTestId(page, "pin-choice-hand-over");

      await clickTestId(page, "pin-choice-cancel");

      await waitForSignInScreen(page);
      const current = await signIn(page, "E1", fixturePin(hub, "E1"));
      expect(current.session?.mustChangePin).toBe(false);
    });

    test("needs the hub, offers temporary PIN", async () => {
      const { page } = await openTablet(chromium.browser, hub, "A");
      await openResetChoice(page, "E1");
      await clickTestId(page, "let-employee-choose");
      await typePin(page, fixturePin(hub, "E4"));

      // The network goes just before the approval.
      await page.setOfflineMode(true);
      await clickTestId(page, "approve-pin-choice");

      // Back at step 6: the tablet shows why, and the temporary PIN remains.
      await waitForTestId(page, "employee-choice-offline");
      expect(await hasTestId(page, "let-employee-choose")).toBe(false);
      expect(await hasTestId(page, "generate-random-pin")).toBe(true);
      expect(await hasTestId(page, "temporary-pin-input")).toBe(true);
      expect(await hasTestId(page, "pin-choice-hand-over")).toBe(false);
      await page.setOfflineMode(false);
    });
  },
);
