import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readLocalOutbox } from "../../hub/delivery/readLocalOutbox";
import { fixturePin, fixtureUserId } from "../support/e2eFixture";
import { openUserAccess } from "../support/e2eManager";
import {
  chooseNewPin,
  clickTestId,
  fillTestId,
  hasTestId,
  openTablet,
  signIn,
  submitSignInPin,
  textOfTestId,
  typePin,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** Temporary PIN the manager types for a user without contact details. */
const TEMPORARY_PIN = "730164";

describe.skipIf(!browserAvailable())("PIN reset in the browser", () => {
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

  test("typed PIN handed over in person", async () => {
    const { page: counter } = await openTablet(chromium.browser, hub, "A");
    const { page: other } = await openTablet(chromium.browser, hub, "A");
    const managerPin = fixturePin(hub, "E4");
    await signIn(counter, "E4", managerPin);
    await waitForTestId(counter, "home");

    // Steps 1 to 3: Settings, Users, the user.
    await clickTestId(counter, "open-settings");
    await clickTestId(counter, "open-users");
    await clickTestId(counter, "user-E2");

    // Step 4: "Access to the kiosk", Generate New PIN.
    await waitForTestId(counter, "kiosk-access");
    await clickTestId(counter, "generate-new-pin");

    // Step 5: the notice.
    await waitForTestId(counter, "reset-notice");
    await clickTestId(counter, "confirm-reset-notice");

    // Step 6: the temporary PIN.
    await fillTestId(counter, "temporary-pin-input", TEMPORARY_PIN);
    await clickTestId(counter, "temporary-pin-next");

    // Step 7: the manager's own PIN, Save Changes.
    await typePin(counter, managerPin);
    await clickTestId(counter, "save-changes");
    await waitForTestId(counter, "reset-confirmation");
    const displayedPin = await textOfTestId(counter, "temporary-pin-display");
    expect(displayedPin.trim()).toBe(TEMPORARY_PIN);
    const credential = await hub.context.storage.credentials.getPin(
      fixtureUserId(hub, "E2"),
    );
    expect(credential?.temporary).toBe(true);

    // The user signs in on another tablet and must choose a PIN first.
    const temporary = await signIn(other, "E2", TEMPORARY_PIN);
    expect(temporary.session?.mustChangePin).toBe(true);
    await other.waitForSelector('pierce/sf-pin-pad[data-step="new"]', {
      visible: true,
    });
    expect(await hasTestId(other, "home")).toBe(false);
    const newPin = "264917";
    await chooseNewPin(other, newPin);
    expect(await textOfTestId(other, "home-user-name")).toContain(
      "Omar Haddad",
    );

    // Only the new PIN signs the user in from now on.
    await clickTestId(other, "sign-out");
    await waitForSignInScreen(other);
    const old = await signIn(other, "E2", fixturePin(hub, "E2"));
    expect(old.errorCode).toBe("PIN_INCORRECT");
    await waitForTestId(other, "sign-in-error");
    const reused = await submitSignInPin(other, TEMPORARY_PIN);
    expect(reused.errorCode).toBe("PIN_INCORRECT");
    const chosen = await submitSignInPin(other, newPin);
    expect(chosen.session?.mustChangePin).toBe(false);
    await waitForTestId(other, "home");
  });

  test("generated PIN sent by e-mail", async () => {
    const { page: counter } = await openTablet(chromium.browser, hub, "A");
    const { page: other } = await openTablet(chromium.browser, hub, "A");
    const managerPin = fixturePin(hub, "E4");
    await signIn(counter, "E4", managerPin);
    await waitForTestId(counter, "home");

    await openUserAccess(counter, "E1");
    await clickTestId(counter, "generate-new-pin");
    await clickTestId(counter, "confirm-reset-notice");
    await clickTestId(counter, "generate-random-pin");
    await typePin(counter, managerPin);
    await clickTestId(counter, "save-changes");
    await waitForTestId(counter, "reset-confirmation");
    expect(await hasTestId(counter, "temporary-pin-display")).toBe(false);

    const outbox = await readLocalOutbox(
      hub.context.storage,
      hub.context.secretBox,
      10,
    );
    const message = outbox.find((each) => each.employeeNumber === "E1");
    expect(message?.channel).toBe("email");
    expect(message?.recipient).toBe("ana@example.com");
    const pin = message?.pin ?? "";
    expect(pin).toMatch(/^\d{6,8}$/);
    const confirmation = await textOfTestId(counter, "reset-confirmation");
    expect(confirmation).not.toContain(pin);

    const temporary = await signIn(other, "E1", pin);
    expect(temporary.session?.mustChangePin).toBe(true);
    await chooseNewPin(other, "593184");
    expect(await textOfTestId(other, "home-user-name")).toContain("Ana Lima");
  });
});
