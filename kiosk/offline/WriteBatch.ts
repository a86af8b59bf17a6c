import type { CacheCipher } from "../crypto/CacheCipher";
import type { OutboxEntry } from "./cacheRecords";
import type { KioskDatabase, SealedStoreName } from "./kioskDatabase";

type Write =
  | {
      readonly kind: "put";
      readonly store: SealedStoreName;
      readonly key: string;
      readonly value: unknown;
    }
  | {
      readonly kind: "delete";
      readonly store: SealedStoreName | "outbox";
      readonly key: string | number;
    }
  | {
      readonly kind: "put-outbox";
      readonly key: number | undefined;
      readonly value: OutboxEntry;
    };

/** Additional data of every outbox record; its key is known only once added. */
export const OUTBOX_CONTEXT = "outbox";

/** Returns the additional data that binds a record to its place. */
export function recordContext(store: SealedStoreName, key: string): string {
  return `${store}:${key}`;
}

/**
 * Writes to the cache that commit together: all of them or none. Values are
 * encrypted before the IndexedDB transaction opens, because a transaction
 * commits by itself as soon as it waits on anything but its own requests.
 */
export class WriteBatch {
  readonly #writes: Write[] = [];

  put(store: SealedStoreName, key: string, value: unknown): this {
    this.#writes.push({ kind: "put", store, key, value });
    return this;
  }

  delete(store: SealedStoreName | "outbox", key: string | number): this {
    this.#writes.push({ kind: "delete", store, key });
    return this;
  }

  /** Adds an entry at the end of the outbox. */
  addOutbox(value: OutboxEntry): this {
    this.#writes.push({ kind: "put-outbox", key: undefined, value });
    return this;
  }

  /** Replaces a queued entry, keeping its place. */
  replaceOutbox(key: number, value: OutboxEntry): this {
    this.#writes.push({ kind: "put-outbox", key, value });
    return this;
  }

  get isEmpty(): boolean {
    return this.#writes.length === 0;
  }

  async commit(database: KioskDatabase, cipher: CacheCipher): Promise<void> {
    if (this.isEmpty) {
      return;
    }
    const sealed = await Promise.all(
      this.#writes.map((write) => {
        switch (write.kind) {
          case "put":
            return cipher.seal(
              write.value,
              recordContext(write.store, write.key),
            );
          case "put-outbox":
            return cipher.seal(write.value, OUTBOX_CONTEXT);
          case "delete":
            return Promise.resolve(undefined);
        }
      }),
    );
    const transaction = database.transaction(
      ["records", "users", "verifiers", "outbox"],
      "readwrite",
    );
    const requests = this.#writes.map((write, index) => {
      const value = sealed[index];
      switch (write.kind) {
        case "put":
          return transaction.objectStore(write.store).put(value, write.key);
        case "put-outbox":
          return write.key === undefined
            ? transaction.objectStore("outbox").add(value)
            : transaction.objectStore("outbox").put(value, write.key);
        case "delete":
          return write.store === "outbox"
            ? transaction.objectStore("outbox").delete(Number(write.key))
            : transaction.objectStore(write.store).delete(String(write.key));
      }
    });
    await Promise.all([...requests, transaction.done]);
  }
}
