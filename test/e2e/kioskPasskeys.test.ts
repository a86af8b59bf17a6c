import fs from "node:fs";
import type { CDPSession, HTTPRequest, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issuePasskeyGrant } from "../../hub/passkeys/passkeyGrants";
import { issueChallenge } from "../../hub/passkeys/passkeyChallenges";
import { verifyPasskeyProof } from "../../hub/passkeys/verifyPasskeyProof";
import type { RunningHub } from "../../hub/startHub";
import type { LogEntry } from "../../hub/storage/records";
import { AuthenticationResponseJSON, type UserId } from "../../protocol";
import { fixturePin, fixtureUserId } from "../support/e2eFixture";
import { openUserAccess } from "../support/e2eManager";
import {
  clickTestId,
  fillTestId,
  hasTestId,
  openTablet,
  signIn,
  textOfTestId,
  typePin,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { freePort } from "../support/freePort";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { pendingCount, waitForFullSync } from "../support/offlineTablet";
import { startHubAt } from "../support/startHubAt";
import { startTestHub } from "../support/startTestHub";

/**
 * How long a tablet may take to reconnect after the hub returns: socket.io
 * backs off up to 30 s between attempts, with jitter.
 */
const RECONNECT_TIMEOUT_MS = 45_000;

describe.skipIf(!browserAvailable())("kiosk passkeys", () => {
  let chromium: TestBrowser;

  beforeAll(async () => {
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  test("register, prove online and offline, remove", async () => {
    // WebAuthn rejects an IP address as relying party id, so the hub and
    // the pages use localhost.
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const started = await startTestHub({
      env: { PORT: String(port), STOREFLOOR_PUBLIC_URL: url },
    });
    const hub = { ...started, url };
    const managerPin = fixturePin(hub, "E4");
    const managerId = fixtureUserId(hub, "E4");
    const omarId = fixtureUserId(hub, "E2");
    const annaId = fixtureUserId(hub, "E1");
    let restarted: Awaited<ReturnType<typeof startHubAt>> | undefined;
    try {
      const { page } = await openTablet(chromium.browser, hub, "A");
      const cdp = await page.createCDPSession();
      const authenticatorId = await addAuthenticator(cdp);

      // An administrator issues a registration grant from the hub.
      const manager = await hub.context.storage.users.get(managerId);
      if (manager === null) {
        throw new Error("fixture manager E4 is missing");
      }
      const grant = await issuePasskeyGrant(hub.context, manager, {
        actorId: null,
        via: "command line",
      });

      // The manager registers a passkey with the grant and their PIN.
      const signedIn = await signIn(page, "E4", managerPin);
      expect(signedIn.session?.user.id).toBe(managerId);
      await waitForTestId(page, "home");
      await clickTestId(page, "open-settings");
      await clickTestId(page, "open-passkeys");
      await waitForTestId(page, "passkeys-none");
      await clickTestId(page, "open-register-passkey");
      await fillTestId(page, "passkey-name-input", "Counter key");
      await fillTestId(page, "passkey-grant-input", grant.code);
      await typePin(page, managerPin);
      await clickTestId(page, "register-passkey");
      await waitForTestId(page, "passkeys-status");
      await waitForTestId(page, "passkey-item");
      const credentials = await virtualCredentials(cdp, authenticatorId);
      expect(credentials).toHaveLength(1);
      expect(await hub.context.storage.passkeys.countOfUser(managerId)).toBe(1);

      // Online, the reset asks for the passkey instead of the PIN.
      await clickTestId(page, "manager-back");
      await clickTestId(page, "open-users");
      await clickTestId(page, "user-E2");
      await waitForTestId(page, "kiosk-access");
      await startRandomReset(page);
      await waitForTestId(page, "passkey-proof");
      await clickTestId(page, "save-changes");
      await waitForTestId(page, "reset-confirmation");
      const onlineReset = await resetAudit(hub, omarId);
      expect(onlineReset).toHaveLength(1);
      expect(onlineReset[0]?.actorId).toBe(managerId);
      expect(onlineReset[0]?.payload.offline).toBeUndefined();
      await clickTestId(page, "reset-done");

      // The tablet has the passkey's public key before the network goes.
      await waitForFullSync(page);

      // Offline, the tablet checks the passkey itself and queues the reset.
      await page.setOfflineMode(true);
      await hub.close();
      await page.waitForSelector(
        'pierce/[data-testid="connection-status"][data-state="offline"]',
        { visible: true, timeout: RECONNECT_TIMEOUT_MS },
      );
      await clickTestId(page, "manager-back");
      await clickTestId(page, "user-E1");
      await waitForTestId(page, "kiosk-access");
      await startRandomReset(page);
      await waitForTestId(page, "passkey-proof");
      await clickTestId(page, "save-changes");
      await waitForTestId(page, "reset-confirmation");
      const temporaryPin = (
        await textOfTestId(page, "temporary-pin-display")
      ).trim();
      expect(temporaryPin).toMatch(/^\d{6,8}$/);
      expect(await pendingCount(page)).toBe(1);
      await clickTestId(page, "reset-done");

      // The network returns: the hub checks the assertion again and applies.
      restarted = await startHubAt({
        port,
        dataDir: hub.dataDir,
        publicUrl: url,
      });
      await page.setOfflineMode(false);
      await waitForFullSync(page, { timeout: RECONNECT_TIMEOUT_MS });
      const offlineReset = await resetAudit(restarted, annaId);
      expect(offlineReset).toHaveLength(1);
      expect(offlineReset[0]?.actorId).toBe(managerId);
      expect(offlineReset[0]?.payload.offline).toBe(true);
      const credential =
        await restarted.context.storage.credentials.getPin(annaId);
      expect(credential?.temporary).toBe(true);
      expect(await rejections(restarted)).toEqual([]);

      // The manager signs in again online and removes the passkey with it.
      await clickTestId(page, "manager-back");
      await clickTestId(page, "manager-back");
      await clickTestId(page, "manager-back");
      await clickTestId(page, "sign-out");
      await waitForSignInScreen(page);
      await signIn(page, "E4", managerPin);
      await waitForTestId(page, "home");
      await clickTestId(page, "open-settings");
      await clickTestId(page, "open-passkeys");
      await clickTestId(page, "remove-passkey");
      await waitForTestId(page, "passkey-proof");
      await clickTestId(page, "confirm-remove-passkey");
      await waitForTestId(page, "passkeys-none");
      expect(
        await restarted.context.storage.passkeys.countOfUser(managerId),
      ).toBe(0);

      // The authenticator still holds the credential, but it proves nothing.
      const challenge = await issueChallenge(restarted.context, {
        purpose: "proof",
        userId: managerId,
        tabletId: null,
        sessionKey: "kiosk-passkeys-test",
      });
      const response = await assert(page, challenge.challenge);
      const proof = verifyPasskeyProof(
        restarted.context,
        manager,
        { challengeId: challenge.id, response },
        { sessionKey: "kiosk-passkeys-test", tabletId: null, storeIds: [] },
        "pin.reset",
      );
      await expect(proof).rejects.toMatchObject({
        code: "PASSKEY_VERIFICATION_FAILED",
      });
    } finally {
      await restarted?.close();
      await started.close().catch(() => undefined);
      fs.rmSync(started.dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  test("proof errors stay at the proof step", async () => {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const started = await startTestHub({
      env: { PORT: String(port), STOREFLOOR_PUBLIC_URL: url },
    });
    const hub = { ...started, url };
    const managerPin = fixturePin(hub, "E4");
    const managerId = fixtureUserId(hub, "E4");
    try {
      const { page } = await openTablet(chromium.browser, hub, "A");
      await page.setViewport({ width: 1024, height: 768 });
      const cdp = await page.createCDPSession();
      await addAuthenticator(cdp);
      const manager = await hub.context.storage.users.get(managerId);
      if (manager === null) {
        throw new Error("fixture manager E4 is missing");
      }
      const grant = await issuePasskeyGrant(hub.context, manager, {
        actorId: null,
        via: "command line",
      });

      // The whole registration step fits a 1024x768 tablet screen.
      await signIn(page, "E4", managerPin);
      await waitForTestId(page, "home");
      await clickTestId(page, "open-settings");
      await clickTestId(page, "open-passkeys");
      await waitForTestId(page, "passkeys-none");
      await clickTestId(page, "open-register-passkey");
      await waitForTestId(page, "register-passkey");
      expect(await insideViewport(page, "register-passkey")).toBe(true);
      await fillTestId(page, "passkey-name-input", "Counter key");
      await fillTestId(page, "passkey-grant-input", grant.code);
      await typePin(page, managerPin);
      await clickTestId(page, "register-passkey");
      await waitForTestId(page, "passkey-item");

      // A stored counter ahead of the authenticator's makes every proof
      // with this passkey fail as a possible copy.
      const [passkey] =
        await hub.context.storage.passkeys.listOfUser(managerId);
      await hub.context.storage.passkeys.raiseCounter(
        passkey?.id ?? "",
        1_000_000,
        Date.now(),
      );

      // Removing: the error shows at the proof, not in the list.
      await clickTestId(page, "remove-passkey");
      await waitForTestId(page, "passkey-proof");
      await clickTestId(page, "confirm-remove-passkey");
      await waitForTestId(page, "passkey-error");
      expect(await hasTestId(page, "passkey-proof")).toBe(true);
      expect(await hasTestId(page, "passkey-list")).toBe(false);
      expect(await textOfTestId(page, "passkey-error")).toContain("counter");

      // A proof that fails after the manager went back to the list shows
      // no error there, because the list did not raise it.
      await page.setRequestInterception(true);
      let releaseRemoval: (() => Promise<void>) | undefined;
      let removalSent: () => void = () => undefined;
      const removalHeld = new Promise<void>((resolve) => {
        removalSent = resolve;
      });
      const hold = (request: HTTPRequest): void => {
        if (
          request.method() === "DELETE" &&
          request.url().includes("/api/kiosk/passkeys/")
        ) {
          releaseRemoval = () => request.continue();
          removalSent();
          return;
        }
        void request.continue();
      };
      page.on("request", hold);
      await clickTestId(page, "confirm-remove-passkey");
      await removalHeld;
      await clickTestId(page, "pin-back");
      await waitForTestId(page, "passkey-list");
      const removalRejected = page.waitForResponse(
        (response) => response.request().method() === "DELETE",
      );
      await releaseRemoval?.();
      expect((await removalRejected).status()).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await hasTestId(page, "passkey-error")).toBe(false);
      page.off("request", hold);
      await page.setRequestInterception(false);
      await clickTestId(page, "remove-passkey");
      await waitForTestId(page, "passkey-proof");

      // Resetting a PIN: the error shows at the reset's proof step.
      await clickTestId(page, "pin-back");
      await clickTestId(page, "manager-back");
      await clickTestId(page, "open-users");
      await clickTestId(page, "user-E2");
      await waitForTestId(page, "kiosk-access");
      await startRandomReset(page);
      await waitForTestId(page, "passkey-proof");
      await clickTestId(page, "save-changes");
      await waitForTestId(page, "reset-error");
      expect(await hasTestId(page, "passkey-proof")).toBe(true);
      expect(await hasTestId(page, "passkey-error")).toBe(false);
      expect(await hasTestId(page, "passkey-list")).toBe(false);
    } finally {
      await started.stop();
    }
  }, 120_000);

  test("reset refused without a required passkey", async () => {
    const hub = await startTestHub();
    try {
      const settings = await hub.context.storage.org.getSettings();
      await hub.context.storage.org.saveSettings({
        ...settings,
        requirePasskeyForReset: true,
      });
      const { page } = await openTablet(chromium.browser, hub, "A");
      await signIn(page, "E4", fixturePin(hub, "E4"));
      await waitForTestId(page, "home");
      await openUserAccess(page, "E2");
      await clickTestId(page, "generate-new-pin");

      await waitForTestId(page, "passkey-required");
      expect(await hasTestId(page, "confirm-reset-notice")).toBe(false);
      expect(await textOfTestId(page, "passkey-required")).toContain(
        "Register a passkey first",
      );
    } finally {
      await hub.stop();
    }
  }, 60_000);
});

/** Returns whether the element with `testId` lies wholly inside the viewport. */
async function insideViewport(page: Page, testId: string): Promise<boolean> {
  const element = await page.$(`pierce/[data-testid="${testId}"]`);
  const box = await element?.boundingBox();
  const viewport = page.viewport();
  if (box === null || box === undefined || viewport === null) {
    return false;
  }
  return box.y >= 0 && box.y + box.height <= viewport.height;
}

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

async function virtualCredentials(
  cdp: CDPSession,
  authenticatorId: string,
): Promise<unknown[]> {
  const { credentials } = await cdp.send("WebAuthn.getCredentials", {
    authenticatorId,
  });
  return credentials;
}

/** Steps 5 and 6 of a reset: confirm the notice, choose a random PIN. */
async function startRandomReset(page: Page): Promise<void> {
  await clickTestId(page, "generate-new-pin");
  await waitForTestId(page, "reset-notice");
  await clickTestId(page, "confirm-reset-notice");
  await clickTestId(page, "generate-random-pin");
}

/** Asks the page's authenticator for an assertion over `challenge`. */
async function assert(
  page: Page,
  challenge: string,
): Promise<AuthenticationResponseJSON> {
  const raw = await page.evaluate(async (challengeText) => {
    const bytes = Uint8Array.from(
      atob(challengeText.replace(/-/g, "+").replace(/_/g, "/")),
      (char) => char.charCodeAt(0),
    );
    const credential = await navigator.credentials.get({
      publicKey: {
        challenge: bytes,
        rpId: location.hostname,
        userVerification: "required",
      },
    });
    return (credential as PublicKeyCredential).toJSON();
  }, challenge);
  return AuthenticationResponseJSON.parse(raw);
}

/** Returns the hub's successful reset audit entries of `targetId`. */
async function resetAudit(
  hub: RunningHub,
  targetId: UserId,
): Promise<LogEntry[]> {
  const entries = await auditEntries(hub);
  return entries.filter(
    (entry) =>
      entry.kind === "pin.reset" &&
      entry.outcome === "success" &&
      entry.targetId === targetId,
  );
}

/** Returns the hub's audited rejections of offline resets. */
async function rejections(hub: RunningHub): Promise<LogEntry[]> {
  const entries = await auditEntries(hub);
  return entries.filter((entry) => entry.kind === "offline.pin.reset");
}

async function auditEntries(hub: RunningHub): Promise<LogEntry[]> {
  return hub.context.storage.log.list({
    afterSeq: 0,
    limit: 10_000,
    category: "audit",
  });
}
