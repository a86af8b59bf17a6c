import { TABLET_TOKEN_HEADER } from "../../protocol";
import type { HTTPResponse } from "puppeteer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixturePin } from "../support/e2eFixture";
import {
  hasTestId,
  openTablet,
  signIn,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** The shortest idle time the settings allow. */
const IDLE_SECONDS = 15;

describe.skipIf(!browserAvailable())("idle sign-out in the browser", () => {
  let hub: TestHub;
  let chromium: TestBrowser;

  beforeAll(async () => {
    hub = await startTestHub();
    const { org } = hub.context.storage;
    await org.saveSettings({
      ...(await org.getSettings()),
      idleTimeoutSeconds: IDLE_SECONDS,
    });
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await hub?.stop();
  });

  test("idle session signs out", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    const signOut = page.waitForResponse(isSignOut, {
      timeout: (IDLE_SECONDS + 15) * 1000,
    });
    // Every input of the sign-in comes after this moment, so the idle time
    // cannot end earlier than IDLE_SECONDS after it.
    const beforeInputAt = Date.now();
    const result = await signIn(page, "E1", fixturePin(hub, "E1"));
    await waitForTestId(page, "home");

    await waitForSignInScreen(page, { timeout: (IDLE_SECONDS + 15) * 1000 });
    const idleMs = Date.now() - beforeInputAt;
    expect(await hasTestId(page, "home")).toBe(false);
    expect(idleMs).toBeGreaterThanOrEqual(IDLE_SECONDS * 1000);

    // The tablet also ends the session at the hub.
    expect((await signOut).status()).toBe(204);
    const session = await hub.app.inject({
      method: "GET",
      url: "/api/kiosk/session",
      headers: {
        authorization: `Bearer ${result.session?.token ?? ""}`,
        [TABLET_TOKEN_HEADER]: result.tabletToken,
      },
    });
    expect(session.statusCode).toBe(401);
  });
});

function isSignOut(response: HTTPResponse): boolean {
  return (
    response.request().method() === "POST" &&
    new URL(response.url()).pathname === "/api/kiosk/sign-out"
  );
}
