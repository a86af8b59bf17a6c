/**
 * Requests that the browser keep the site's storage when space runs low,
 * and returns whether it will, or undefined where the browser has no such
 * API. The browser decides by rules of its own and may deny the request
 * without asking anyone, as headless Chromium does for a fresh profile.
 */
export async function requestPersistentStorage(): Promise<boolean | undefined> {
  const storage = navigator.storage as StorageManager | undefined;
  if (storage?.persist === undefined) {
    return undefined;
  }
  if (await storage.persisted()) {
    return true;
  }
  return storage.persist();
}
