import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueEnrollmentCode } from "../../hub/tablets/enrollmentCodes";
import { revokeTablet } from "../../hub/tablets/revokeTablet";
import type { StoreId } from "../../protocol";
import {
  clickTestId,
  fillTestId,
  hasTestId,
  openTablet,
  textOfTestId,
  waitForSignInScreen,
  waitForTestId,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { readKioskDatabase, waitForFullSync } from "../support/offlineTablet";
import { startTestHub, type TestHub } from "../support/startTestHub";

describe.skipIf(!browserAvailable())("tablet enrollment", () => {
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

  async function newCode(storeCode: string): Promise<string> {
    const storeId = hub.fixture.stores[storeCode] as StoreId;
    const { code } = await issueEnrollmentCode(hub.context, storeId, {
      actorId: null,
      via: "test",
    });
    return code;
  }

  test("code enrolls a tablet for its store", async () => {
    const context = await chromium.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.goto(hub.url);
      await waitForTestId(page, "enrollment-code-input");

      // A code in the wrong shape is refused before anything is sent.
      await fillTestId(page, "enrollment-code-input", "12AB");
      await clickTestId(page, "enroll-submit");
      await page.waitForSelector('pierce/#code[aria-invalid="true"]', {
        visible: true,
      });

      // A well-formed code the hub never issued is refused by the hub.
      await fillTestId(page, "enrollment-code-input", "ZZZZ-ZZZZ-ZZZZ");
      await clickTestId(page, "enroll-submit");
      expect(await textOfTestId(page, "enrollment-error")).toContain(
        "unknown, used or expired",
      );

      const code = await newCode("B");
      await fillTestId(page, "enrollment-code-input", code.toLowerCase());
      await fillTestId(page, "enrollment-name-input", "Counter left");
      await clickTestId(page, "enroll-submit");
      await waitForSignInScreen(page);
      await waitForFullSync(page);
      expect((await textOfTestId(page, "store-name")).trim()).toBe("Store B");
      // Wei Chen works in store B only, Ana Lima in store A only.
      expect(await hasTestId(page, "user-E5")).toBe(true);
      expect(await hasTestId(page, "user-E1")).toBe(false);

      const tablets = await hub.context.storage.tablets.listOfStore(
        hub.fixture.stores.B as StoreId,
      );
      expect(tablets.map((tablet) => tablet.label)).toContain("Counter left");

      // The code works once.
      const again = await chromium.browser.createBrowserContext();
      try {
        const page2 = await again.newPage();
        await page2.goto(hub.url);
        await fillTestId(page2, "enrollment-code-input", code);
        await clickTestId(page2, "enroll-submit");
        await waitForTestId(page2, "enrollment-error");
      } finally {
        await again.close();
      }
    } finally {
      await context.close();
    }
  });

  test("cache holds nothing in plain text", async () => {
    const { page } = await openTablet(chromium.browser, hub, "A");
    await waitForFullSync(page);
    const contents = await readKioskDatabase(page);

    expect(contents.stores.keys?.values.sort()).toEqual([
      "CryptoKey AES-GCM extractable=false",
      "CryptoKeyPair ECDSA extractable=false",
    ]);
    const sealed = ["records", "users", "verifiers"].flatMap(
      (store) => contents.stores[store]?.values ?? [],
    );
    expect(sealed.length).toBeGreaterThan(6);
    for (const value of sealed) {
      expect(value.startsWith("encrypted ")).toBe(true);
      expect(value).not.toContain("Lima");
      expect(value).not.toContain("argon2id");
    }
  });

  test("revocation wipes the tablet", async () => {
    const { page, label } = await openTablet(chromium.browser, hub, "A");
    await waitForFullSync(page);
    const tablets = await hub.context.storage.tablets.listOfStore(
      hub.fixture.stores.A as StoreId,
    );
    const tablet = tablets.find((each) => each.label === `Tablet ${label}`);
    if (tablet === undefined) {
      throw new Error(`The hub has no tablet named "Tablet ${label}".`);
    }

    await revokeTablet(hub.context, tablet.id, {
      stolen: false,
      actorId: null,
      via: "test",
    });

    await waitForTestId(page, "enrollment-notice");
    await waitForTestId(page, "enrollment-code-input");
    const contents = await readKioskDatabase(page);
    for (const store of ["records", "users", "verifiers", "outbox"]) {
      expect(contents.stores[store]?.keys).toEqual([]);
    }
    // Only a new cache key is left; the tablet's key pair is gone.
    expect(contents.stores.keys?.keys).toEqual(["cache"]);
    expect(await hasTestId(page, "user-search")).toBe(false);
  });
});
