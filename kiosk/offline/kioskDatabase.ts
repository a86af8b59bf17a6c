import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from "idb";

/** The tablet's one IndexedDB database; revoking the tablet deletes it. */
export const KIOSK_DATABASE_NAME = "storefloor-kiosk";

const KIOSK_DATABASE_VERSION = 1;

/**
 * The database's object stores. Values are typed `unknown` because every
 * read goes through a schema: a browser extension, an older build or a
 * damaged disk may have left anything there.
 *
 * - `keys`: the WebCrypto keys, stored as CryptoKey objects (structured
 *   clones keep them non-extractable): `cache` (AES-GCM) and `tablet`
 *   (the ECDSA key pair).
 * - `records`: single encrypted records, `identity` and `meta`.
 * - `users`, `verifiers`: one encrypted record per user id.
 * - `outbox`: queued mutations, encrypted, in the order they were made.
 */
export interface KioskSchema extends DBSchema {
  keys: { key: string; value: unknown };
  records: { key: string; value: unknown };
  users: { key: string; value: unknown };
  verifiers: { key: string; value: unknown };
  outbox: { key: number; value: unknown };
}

export type KioskDatabase = IDBPDatabase<KioskSchema>;

/** The stores that hold one encrypted record per key. */
export type SealedStoreName = "records" | "users" | "verifiers";

/**
 * Opens the database, creating its stores on first use. `onVersionChange`
 * runs when another tab deletes or upgrades it, so this one lets go.
 */
export function openKioskDatabase(
  onVersionChange: () => void,
  name: string = KIOSK_DATABASE_NAME,
): Promise<KioskDatabase> {
  return openDB<KioskSchema>(name, KIOSK_DATABASE_VERSION, {
    upgrade(database) {
      database.createObjectStore("keys");
      database.createObjectStore("records");
      database.createObjectStore("users");
      database.createObjectStore("verifiers");
      database.createObjectStore("outbox", { autoIncrement: true });
    },
    terminated: onVersionChange,
    blocking() {
      onVersionChange();
    },
  });
}

/** Deletes the database and everything in it, keys included. */
export function deleteKioskDatabase(
  name: string = KIOSK_DATABASE_NAME,
): Promise<void> {
  return deleteDB(name);
}
