import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ErrorBody, TABLET_TOKEN_HEADER } from "../../protocol";
import { fixturePin, fixtureUserId } from "../support/e2eFixture";
import { openUserAccess } from "../support/e2eManager";
import {
  hasTestId,
  openTablet,
  signIn,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

describe.skipIf(!browserAvailable())("manager tools in the browser", () => {
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

  test("employee has no manager tools", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    const pin = fixturePin(hub, "E1");
    const result = await signIn(page, "E1", pin);
    await waitForTestId(page, "home");
    expect(await hasTestId(page, "open-settings")).toBe(false);

    // The hub rejects the reset too, not only the screen.
    const reset = await hub.app.inject({
      method: "POST",
      url: `/api/kiosk/users/${fixtureUserId(hub, "E2")}/pin-reset`,
      headers: {
        authorization: `Bearer ${result.session?.token ?? ""}`,
        [TABLET_TOKEN_HEADER]: result.tabletToken,
      },
      payload: { proof: { pin } },
    });
    expect(reset.statusCode).toBe(403);
    expect(ErrorBody.parse(reset.json()).error.code).toBe("PERMISSION_MISSING");
  });

  test("supervisor cannot reset a manager", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await signIn(page, "E3", fixturePin(hub, "E3"));
    await waitForTestId(page, "home");

    await openUserAccess(page, "E4");
    await waitForTestId(page, "access-refused");
    expect(await hasTestId(page, "generate-new-pin")).toBe(false);
    expect(await hasTestId(page, "unlock-user")).toBe(false);
  });

  // E6 works in stores A and B, so a manager of store A only is out of scope.
  test("manager sees no reset outside scope", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await signIn(page, "E4", fixturePin(hub, "E4"));
    await waitForTestId(page, "home");

    await openUserAccess(page, "E6");
    expect(await hasTestId(page, "generate-new-pin")).toBe(false);
  });
});
