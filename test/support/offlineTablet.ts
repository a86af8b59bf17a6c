import type { Page } from "puppeteer";
import { byTestId } from "./e2eTablet";

/**
 * Waits until the tablet finished a sync: online, nothing waiting in the
 * outbox, and a last-sync time on show. The time is set only after the
 * verifiers arrived, so the tablet can sign its users in offline from then.
 */
export async function waitForFullSync(
  page: Page,
  options: { timeout?: number } = {},
): Promise<void> {
  await page.waitForSelector(
    'pierce/[data-testid="connection-status"][data-state="online"]',
    { visible: true, ...options },
  );
  await page.waitForSelector(
    'pierce/[data-testid="pending-count"][data-count="0"]',
    { visible: true, ...options },
  );
  await page.waitForSelector(
    'pierce/[data-testid="last-sync"]:not([data-time=""])',
    { visible: true, ...options },
  );
}

/** Waits until the service worker controls the page, so the shell loads offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker.controller !== null,
    { timeout: 15_000 },
  );
}

/** Returns the number of offline actions the tablet shows as waiting. */
export async function pendingCount(page: Page): Promise<number> {
  const handle = await page.waitForSelector(byTestId("pending-count"), {
    visible: true,
  });
  const count = await handle?.evaluate((element) =>
    element.getAttribute("data-count"),
  );
  await handle?.dispose();
  return Number(count);
}

/** What the kiosk's IndexedDB holds: each store's keys and values. */
export interface KioskDatabaseContents {
  readonly exists: boolean;
  readonly stores: Readonly<
    Record<string, { readonly keys: string[]; readonly values: string[] }>
  >;
}

/**
 * Reads the kiosk's IndexedDB from the page and describes each value as
 * text: JSON where it can be, else its type, so a test can look for data in
 * plain text.
 */
export async function readKioskDatabase(
  page: Page,
): Promise<KioskDatabaseContents> {
  return page.evaluate(async () => {
    const databases = await indexedDB.databases();
    if (!databases.some((each) => each.name === "storefloor-kiosk")) {
      return { exists: false, stores: {} };
    }
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("storefloor-kiosk");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores: Record<string, { keys: string[]; values: string[] }> = {};
    for (const name of Array.from(database.objectStoreNames)) {
      const store = database.transaction(name).objectStore(name);
      const [keys, values] = await Promise.all(
        [store.getAllKeys(), store.getAll()].map(
          (request) =>
            new Promise<unknown[]>((resolve, reject) => {
              request.onsuccess = () => resolve(request.result as unknown[]);
              request.onerror = () => reject(request.error);
            }),
        ),
      );
      stores[name] = {
        keys: (keys ?? []).map(String),
        values: (values ?? []).map((value) => {
          if (value instanceof CryptoKey) {
            return `CryptoKey ${value.algorithm.name} extractable=${value.extractable}`;
          }
          if (
            typeof value === "object" &&
            value !== null &&
            "privateKey" in value &&
            value.privateKey instanceof CryptoKey
          ) {
            return `CryptoKeyPair ${value.privateKey.algorithm.name} extractable=${value.privateKey.extractable}`;
          }
          if (
            typeof value === "object" &&
            value !== null &&
            "data" in value &&
            value.data instanceof ArrayBuffer
          ) {
            return `encrypted ${new TextDecoder("latin1").decode(value.data)}`;
          }
          return JSON.stringify(value);
        }),
      };
    }
    database.close();
    return { exists: true, stores };
  });
}
