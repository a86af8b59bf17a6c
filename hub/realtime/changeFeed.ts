import type { LogEntry } from "../storage/records";

type Listener = (entries: readonly LogEntry[]) => void;

/**
 * Passes committed log entries to whoever fans them out (the tablets'
 * socket.io namespace). Services publish only after their transaction
 * committed, so a listener never sees an entry that was rolled back.
 */
export class ChangeFeed {
  readonly #listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(entries: readonly LogEntry[]): void {
    if (entries.length === 0) {
      return;
    }
    for (const listener of this.#listeners) {
      listener(entries);
    }
  }
}

/**
 * A feed that holds back what is published until `flush`, for work that runs
 * inside a caller's transaction: the entries go out only after the commit.
 */
export class DeferredChangeFeed extends ChangeFeed {
  readonly #pending: LogEntry[] = [];

  override publish(entries: readonly LogEntry[]): void {
    this.#pending.push(...entries);
  }

  /** Publishes the held entries on `target` and forgets them. */
  flushTo(target: ChangeFeed): void {
    target.publish(this.#pending.splice(0));
  }
}
