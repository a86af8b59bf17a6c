/**
 * Asks the browser to keep the site's storage when space runs low, and
 * returns whether it will. Undefined where the browser has no such API.
 * Chromium decides by heuristics such as an installed app, without asking.
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
