import type { CDPSession, Page } from "puppeteer";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
} from "vitest";
import { issuePasskeyGrant } from "../../hub/passkeys/passkeyGrants";
import type { LogEntry } from "../../hub/storage/records";
import type { UserId } from "../../protocol";
import { fixtureUserId } from "../support/e2eFixture";
import {
  byTestId,
  clickTestId,
  confirmProof,
  fillTestId,
  givePanelPassword,
  hasTestId,
  openPanel,
  signInToPanel,
  textOfTestId,
  waitForFocus,
  waitForTestId,
  waitForTestIdGone,
} from "../support/e2ePanel";
import { freePort } from "../support/freePort";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

describe.skipIf(!browserAvailable())("control panel passkeys", () => {
  let hub: TestHub;
  let chromium: TestBrowser;

  beforeAll(async () => {
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  // Each test gets a hub of its own, so the administrator starts without
  // a passkey. WebAuthn rejects an IP address as relying party id, so the
  // hub and the panel use localhost.
  beforeEach(async () => {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const started = await startTestHub({
      env: { PORT: String(port), STOREFLOOR_PUBLIC_URL: url },
    });
    hub = { ...started, url };
    await givePanelPassword(hub, "E9");
    await givePanelPassword(hub, "E4");
  });

  afterEach(async () => {
    await hub?.stop();
  });

  test("register, sign in, prove and remove", async () => {
    const adminId = fixtureUserId(hub, "E9");
    const omarId = fixtureUserId(hub, "E2");
    const { page } = await openPanel(chromium.browser, hub);
    const cdp = await page.createCDPSession();
    const authenticatorId = await addAuthenticator(cdp);

    await signInToPanel(page, "E9");
    const admin = await hub.context.storage.users.get(adminId);
    if (admin === null) {
      throw new Error("fixture administrator E9 is missing");
    }
    const grant = await issuePasskeyGrant(hub.context, admin, {
      actorId: null,
      via: "command line",
    });

    // The account menu leads to the passkeys page; there are none yet.
    await clickTestId(page, "account-menu");
    await clickTestId(page, "account-passkeys");
    await waitForTestId(page, "passkeys-empty");

    // A first passkey needs the grant; a wrong one changes nothing.
    await fillTestId(page, "passkey-name-input", "Office laptop");
    await clickTestId(page, "passkey-register");
    await waitForTestId(page, "passkey-grant-missing");
    await fillTestId(page, "passkey-grant-input", "AAAA-BBBB-CCCC-DDDD");
    await clickTestId(page, "passkey-register");
    await confirmProof(page);
    await waitForTestId(page, "passkeys-error");
    expect(await codeOf(page, "passkeys-error")).toBe("PASSKEY_GRANT_INVALID");
    expect(await hub.context.storage.passkeys.countOfUser(adminId)).toBe(0);

    // The right grant and the password register it.
    await fillTestId(page, "passkey-grant-input", grant.code);
    await clickTestId(page, "passkey-register");
    await confirmProof(page);
    await waitForTestId(page, "passkeys-notice");
    expect(await textOfTestId(page, "passkeys-notice")).toContain(
      "Office laptop",
    );
    const stored = await hub.context.storage.passkeys.listOfUser(adminId);
    expect(stored).toHaveLength(1);
    const passkeyId = stored[0]?.id ?? "";
    await waitForTestId(page, `passkey-row-${passkeyId}`);
    expect(await credentialCount(cdp, authenticatorId)).toBe(1);

    // Signed out, the passkey alone signs in: no employee number typed.
    await signOut(page);
    await clickTestId(page, "sign-in-passkey");
    await waitForTestId(page, "panel-nav");
    expect(await textOfTestId(page, "account-menu")).toContain("Alex Morgan");

    // A PIN reset now asks for the passkey, not the password.
    await clickTestId(page, "nav-users");
    await clickTestId(page, "user-link-E2");
    await clickTestId(page, "generate-new-pin");
    await clickTestId(page, "confirm-reset-notice");
    await clickTestId(page, "generate-random-pin");
    await clickTestId(page, "save-changes");
    await waitForTestId(page, "proof-passkey");
    expect(await hasTestId(page, "proof-password")).toBe(false);

    // An authenticator that cannot verify the user leaves the dialog open.
    await cdp.send("WebAuthn.setUserVerified", {
      authenticatorId,
      isUserVerified: false,
    });
    await clickTestId(page, "proof-submit");
    await waitForTestId(page, "proof-error");
    // Chrome ends the prompt (NotAllowedError), or the hub rejects the
    // assertion without user verification.
    expect(["PASSKEY_CANCELLED", "PASSKEY_VERIFICATION_FAILED"]).toContain(
      await codeOf(page, "proof-error"),
    );
    expect(await hasTestId(page, "proof-passkey")).toBe(true);
    expect(await resetAudit(hub, omarId)).toHaveLength(0);
    await cdp.send("WebAuthn.setUserVerified", {
      authenticatorId,
      isUserVerified: true,
    });
    // Focus returns to the dialog's button, so Enter tries again.
    await waitForFocus(page, "proof-submit");
    await page.keyboard.press("Enter");
    await waitForTestId(page, "reset-confirmation");
    const resets = await resetAudit(hub, omarId);
    expect(resets).toHaveLength(1);
    expect(resets[0]?.actorId).toBe(adminId);
    await clickTestId(page, "reset-done");

    // The passkey is removed with itself as the proof.
    await clickTestId(page, "account-menu");
    await clickTestId(page, "account-passkeys");
    await waitForTestId(page, `passkey-row-${passkeyId}`);
    expect(await textOfTestId(page, "passkey-last-used")).not.toBe("Never");
    // Cancel in the proof dialog keeps the passkey.
    await clickTestId(page, `passkey-remove-${passkeyId}`);
    await waitForTestId(page, "proof-passkey");
    await clickTestId(page, "proof-cancel");
    await waitForTestIdGone(page, "proof-passkey");
    expect(await hub.context.storage.passkeys.countOfUser(adminId)).toBe(1);
    await clickTestId(page, `passkey-remove-${passkeyId}`);
    await waitForTestId(page, "proof-passkey");
    await clickTestId(page, "proof-submit");
    await waitForTestId(page, "passkeys-empty");
    expect(await textOfTestId(page, "passkeys-notice")).toContain(
      "asks for your password again",
    );
    expect(await hub.context.storage.passkeys.countOfUser(adminId)).toBe(0);

    // The authenticator still contains the credential, but sign-in fails.
    await signOut(page);
    await clickTestId(page, "sign-in-passkey");
    await waitForTestId(page, "sign-in-passkey-error");
    // The hub rejects an unknown credential with either code.
    expect([
      "ADMIN_PASSKEY_SIGN_IN_FAILED",
      "PASSKEY_VERIFICATION_FAILED",
    ]).toContain(await codeOf(page, "sign-in-passkey-error"));
    expect(await textOfTestId(page, "sign-in-passkey-error")).toContain(
      "not registered",
    );
    expect(await hasTestId(page, "panel-nav")).toBe(false);
  }, 120_000);

  test("administrator grants and removes a user's passkey", async () => {
    const managerId = fixtureUserId(hub, "E4");

    // The administrator issues a grant for the manager on their page.
    const adminWindow = await openPanel(chromium.browser, hub);
    const adminPage = adminWindow.page;
    await signInToPanel(adminPage, "E9");
    await clickTestId(adminPage, "nav-users");
    // An employee's role registers no passkeys, so no grant is offered.
    await clickTestId(adminPage, "user-link-E1");
    await waitForTestId(adminPage, "passkey-role-cannot-register");
    expect(await hasTestId(adminPage, "issue-passkey-grant")).toBe(false);
    await clickTestId(adminPage, "back-to-users");
    await clickTestId(adminPage, "user-link-E4");
    await waitForTestId(adminPage, "user-passkeys-empty");
    await clickTestId(adminPage, "issue-passkey-grant");
    await confirmProof(adminPage);
    await waitForTestId(adminPage, "passkey-grant-issued");
    const code = (await textOfTestId(adminPage, "passkey-grant-code")).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await textOfTestId(adminPage, "passkey-grant-expiry")).toContain(
      "works once",
    );
    await clickTestId(adminPage, "passkey-grant-done");
    expect(await hasTestId(adminPage, "passkey-grant-code")).toBe(false);

    // The manager registers a passkey with it in a browser of their own.
    const { page } = await openPanel(chromium.browser, hub);
    const cdp = await page.createCDPSession();
    await addAuthenticator(cdp);

    // An authenticator without a passkey for the site cannot sign in.
    await clickTestId(page, "sign-in-passkey");
    await waitForTestId(page, "sign-in-passkey-error");
    expect(await codeOf(page, "sign-in-passkey-error")).toBe(
      "PASSKEY_CANCELLED",
    );
    await signInToPanel(page, "E4");
    await clickTestId(page, "account-menu");
    await clickTestId(page, "account-passkeys");
    await fillTestId(page, "passkey-name-input", "Store phone");
    await fillTestId(page, "passkey-grant-input", code);
    await clickTestId(page, "passkey-register");
    await confirmProof(page);
    await waitForTestId(page, "passkeys-notice");
    const stored = await hub.context.storage.passkeys.listOfUser(managerId);
    expect(stored).toHaveLength(1);
    const passkeyId = stored[0]?.id ?? "";

    // The administrator sees it, then removes it with their password.
    await adminPage.reload();
    await waitForTestId(adminPage, `user-passkey-row-${passkeyId}`);
    expect(await textOfTestId(adminPage, "passkey-name")).toBe("Store phone");
    expect(await hasTestId(adminPage, "issue-passkey-grant")).toBe(false);
    await clickTestId(adminPage, `user-passkey-remove-${passkeyId}`);
    await confirmProof(adminPage);
    await waitForTestId(adminPage, "user-passkeys-empty");
    expect(await textOfTestId(adminPage, "user-passkeys-notice")).toContain(
      "Store phone",
    );
    expect(await hub.context.storage.passkeys.countOfUser(managerId)).toBe(0);
  }, 120_000);
});

/** Adds a CTAP2 platform authenticator that verifies its user at once. */
async function addAuthenticator(cdp: CDPSession): Promise<string> {
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send(
    "WebAuthn.addVirtualAuthenticator",
    {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    },
  );
  return authenticatorId;
}

async function credentialCount(
  cdp: CDPSession,
  authenticatorId: string,
): Promise<number> {
  const { credentials } = await cdp.send("WebAuthn.getCredentials", {
    authenticatorId,
  });
  return credentials.length;
}

async function signOut(page: Page): Promise<void> {
  await clickTestId(page, "account-menu");
  await clickTestId(page, "sign-out");
  await waitForTestId(page, "signed-out");
}

async function codeOf(page: Page, id: string): Promise<string | null> {
  return page.$eval(byTestId(id), (element) =>
    element.getAttribute("data-code"),
  );
}

/** Returns the hub's successful reset audit entries of `targetId`. */
async function resetAudit(hub: TestHub, targetId: UserId): Promise<LogEntry[]> {
  const entries = await hub.context.storage.log.list({
    afterSeq: 0,
    limit: 10_000,
    category: "audit",
  });
  return entries.filter(
    (entry) =>
      entry.kind === "pin.reset" &&
      entry.outcome === "success" &&
      entry.targetId === targetId,
  );
}
