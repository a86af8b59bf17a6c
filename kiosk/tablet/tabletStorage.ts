import { z } from "zod";
import type { Logger } from "../log/Logger";

/** localStorage keys of the tablet's own settings. None of them is a secret. */
export const STORAGE_KEYS = {
  locale: "storefloor.locale",
  logLevel: "storefloor.logLevel",
} as const;

/**
 * Keys that kiosks before enrollment kept: the store picked from a list and
 * a tablet id made up by the tablet. Enrollment replaced both.
 */
const RETIRED_KEYS = ["storefloor.tabletId", "storefloor.storeId"] as const;

const LocaleCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

const LogLevel = z.enum(["debug", "info", "warn", "error"]);

/**
 * Returns the console's log level that someone set in localStorage
 * `storefloor.logLevel` to look into a problem, read before the logger
 * exists, or undefined.
 */
export function storedLogLevel(
  storage: Storage | undefined,
): z.infer<typeof LogLevel> | undefined {
  try {
    const stored = LogLevel.safeParse(storage?.getItem(STORAGE_KEYS.logLevel));
    return stored.success ? stored.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tablet's settings in localStorage, each read through its schema. A
 * value that fails its schema is treated as missing. localStorage can throw
 * (storage disabled, quota), so every access is guarded and the tablet then
 * runs with in-memory values for this page load. The tablet's identity and
 * cache live in IndexedDB instead, encrypted.
 */
export class TabletStorage {
  readonly #storage: Storage | undefined;
  readonly #logger: Logger;
  readonly #fallback = new Map<string, string>();

  constructor(storage: Storage | undefined, logger: Logger) {
    this.#storage = storage;
    this.#logger = logger;
  }

  locale(): string | undefined {
    const stored = LocaleCode.safeParse(this.#read(STORAGE_KEYS.locale));
    return stored.success ? stored.data : undefined;
  }

  setLocale(locale: string): void {
    this.#write(STORAGE_KEYS.locale, locale);
  }

  /** Removes the store choice and tablet id of kiosks before enrollment. */
  forgetStoreChoice(): void {
    for (const key of RETIRED_KEYS) {
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
}
