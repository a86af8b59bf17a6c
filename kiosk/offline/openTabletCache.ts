import type { Logger } from "../log/Logger";
import { openKioskDatabase } from "./kioskDatabase";
import { loadCache, openCacheCipher } from "./loadCache";
import { TabletCache } from "./TabletCache";

/**
 * Opens the tablet's cache from IndexedDB. `onReplaced` runs when another
 * tab of the kiosk deletes or upgrades the database. This tab's connection
 * is closed by then, so the page must start over.
 */
export async function openTabletCache(
  logger: Logger,
  onReplaced: () => void,
): Promise<TabletCache> {
  let cache: TabletCache | undefined;
  const database = await openKioskDatabase(() => {
    cache?.close();
    onReplaced();
  });
  const cipher = await openCacheCipher(database);
  const loaded = await loadCache(database, cipher, logger);
  cache = new TabletCache(database, cipher, loaded, logger);
  return cache;
}
