import { KioskUser, type UserId } from "../../protocol";
import { CacheCipher } from "../crypto/CacheCipher";
import type { Logger } from "../log/Logger";
import {
  CachedPasskeys,
  CachedVerifier,
  CacheMeta,
  TabletIdentity,
  TabletKeys,
} from "./cacheRecords";
import type { KioskDatabase } from "./kioskDatabase";
import { recordContext } from "./WriteBatch";

/** Everything the cache holds, decrypted, except verifiers and the outbox. */
export interface LoadedCache {
  readonly identity: TabletIdentity | undefined;
  readonly keys: TabletKeys | undefined;
  readonly meta: CacheMeta | undefined;
  readonly users: readonly KioskUser[];
  /** Credential version of each cached verifier, by user id. */
  readonly verifierVersions: ReadonlyMap<UserId, number>;
  /** Passkey public keys of the users who may reset PINs. */
  readonly passkeys: CachedPasskeys;
  readonly pendingCount: number;
}

/**
 * Returns the cipher of the cache, creating its non-extractable key on the
 * first start. Records sealed under a lost key read as missing afterwards.
 */
export async function openCacheCipher(
  database: KioskDatabase,
): Promise<CacheCipher> {
  const stored = await database.get("keys", "cache");
  if (stored instanceof CryptoKey) {
    return new CacheCipher(stored);
  }
  const key = await CacheCipher.createKey();
  await database.put("keys", key, "cache");
  return new CacheCipher(key);
}

/**
 * Reads and decrypts the cache. A record that fails to decrypt or to parse
 * is skipped with a warning, so the tablet starts from what is sound and the
 * next sync fills the rest.
 */
export async function loadCache(
  database: KioskDatabase,
  cipher: CacheCipher,
  logger: Logger,
): Promise<LoadedCache> {
  const keys = TabletKeys.safeParse(await database.get("keys", "tablet"));
  const identity = await cipher.open(
    await database.get("records", "identity"),
    recordContext("records", "identity"),
    TabletIdentity,
  );
  const meta = await cipher.open(
    await database.get("records", "meta"),
    recordContext("records", "meta"),
    CacheMeta,
  );

  const passkeys = await cipher.open(
    await database.get("records", "passkeys"),
    recordContext("records", "passkeys"),
    CachedPasskeys,
  );

  const users: KioskUser[] = [];
  for (const [key, stored] of await readAll(database, "users")) {
    const user = await cipher.open(
      stored,
      recordContext("users", key),
      KioskUser,
    );
    if (user === undefined || user.id !== key) {
      logger.warn({ store: "users" }, "cached record unreadable, skipped");
      continue;
    }
    users.push(user);
  }

  const verifierVersions = new Map<UserId, number>();
  for (const [key, stored] of await readAll(database, "verifiers")) {
    const verifier = await cipher.open(
      stored,
      recordContext("verifiers", key),
      CachedVerifier,
    );
    if (verifier === undefined || verifier.userId !== key) {
      logger.warn({ store: "verifiers" }, "cached record unreadable, skipped");
      continue;
    }
    verifierVersions.set(verifier.userId, verifier.credentialVersion);
  }

  return {
    identity,
    keys: keys.success ? keys.data : undefined,
    meta,
    users,
    verifierVersions,
    passkeys: passkeys ?? [],
    pendingCount: await database.count("outbox"),
  };
}

/** Returns every record of a store with its key, in key order. */
async function readAll(
  database: KioskDatabase,
  store: "users" | "verifiers",
): Promise<Array<[string, unknown]>> {
  const transaction = database.transaction(store, "readonly");
  const [keys, values] = await Promise.all([
    transaction.store.getAllKeys(),
    transaction.store.getAll(),
    transaction.done,
  ]);
  return keys.map((key, index) => [key, values[index]]);
}
