import { z } from "zod";
import { StoreId, TabletId } from "../../protocol";
import type { Logger } from "../log/Logger";

/** localStorage keys of the tablet's own settings. None of them is a secret. */
export const STORAGE_KEYS = {
  tabletId: "storefloor.tabletId",
  storeId: "storefloor.storeId",
  locale: "storefloor.locale",
} as const;

const LocaleCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

/**
 * The tablet's settings in localStorage, each read through its schema. A
 * value that fails its schema is treated as missing. localStorage can throw
 * (storage disabled, quota), so every access is guarded and the tablet then
 * runs with in-memory values for this page load.
 */
export class TabletStorage {
  readonly #storage: Storage | undefined;
  readonly #logger: Logger;
  readonly #fallback = new Map<string, string>();

  constructor(storage: Storage | undefined, logger: Logger) {
    this.#storage = storage;
    this.#logger = logger;
  }

  /** Returns the tablet's id, creating and storing one on first use. */
  tabletId(): TabletId {
    const stored = TabletId.safeParse(this.#read(STORAGE_KEYS.tabletId));
    if (stored.success) {
      return stored.data;
    }
    const created = TabletId.parse(createUuid());
    this.#write(STORAGE_KEYS.tabletId, created);
    this.#logger.info({ tabletId: created }, "created tablet id");
    return created;
  }

  storeId(): StoreId | undefined {
    const stored = StoreId.safeParse(this.#read(STORAGE_KEYS.storeId));
    return stored.success ? stored.data : undefined;
  }

  setStoreId(storeId: StoreId | undefined): void {
    if (storeId === undefined) {
      this.#remove(STORAGE_KEYS.storeId);
    } else {
      this.#write(STORAGE_KEYS.storeId, storeId);
    }
  }

  locale(): string | undefined {
    const stored = LocaleCode.safeParse(this.#read(STORAGE_KEYS.locale));
    return stored.success ? stored.data : undefined;
  }

  setLocale(locale: string): void {
    this.#write(STORAGE_KEYS.locale, locale);
  }

  #read(key: string): string | undefined {
    try {
      return this.#storage?.getItem(key) ?? this.#fallback.get(key);
    } catch (error) {
      this.#logger.warn(
        { key, error: String(error) },
        "localStorage read failed",
      );
      return this.#fallback.get(key);
    }
  }

  #write(key: string, value: string): void {
    this.#fallback.set(key, value);
    try {
      this.#storage?.setItem(key, value);
    } catch (error) {
      this.#logger.warn(
        { key, error: String(error) },
        "localStorage write failed",
      );
    }
  }

  #remove(key: string): void {
    this.#fallback.delete(key);
    try {
      this.#storage?.removeItem(key);
    } catch (error) {
      this.#logger.warn(
        { key, error: String(error) },
        "localStorage write failed",
      );
    }
  }
}

/**
 * Returns a random version 4 UUID. `crypto.randomUUID` exists only in secure
 * contexts (https or localhost), and a store's hub may be reached over plain
 * http on the local network, so the fallback builds one from
 * `crypto.getRandomValues`, which every context has.
 */
function createUuid(): string {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0"));
  return [
    hex.slice(0, 4).join(""),
    hex.slice(4, 6).join(""),
    hex.slice(6, 8).join(""),
    hex.slice(8, 10).join(""),
    hex.slice(10, 16).join(""),
  ].join("-");
}
