import type { LogEntry } from "../storage/records";

type Listener = (entries: readonly LogEntry[]) => void;

/**
 * Passes committed log entries to whoever fans them out (the tablets'
 * socket.io namespace). Services publish only after their transaction
 * committed, so a listener never sees an entry that was rolled back; the log
 * tailer publishes what other processes wrote. Each entry goes out once, in
 * sequence order: an entry at or below the highest one published is
 * dropped, and tablets that miss it notice the gap by `previousSeq` and pull.
 */
export class ChangeFeed {
  readonly #listeners = new Set<Listener>();
  #highestPublished = 0;

  /** Sequence number of the newest entry published so far. */
  get highestPublished(): number {
    return this.#highestPublished;
  }

  /** Starts the feed at `seq`, so entries up to it are never published. */
  startAt(seq: number): void {
    this.#highestPublished = Math.max(this.#highestPublished, seq);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(entries: readonly LogEntry[]): void {
    const fresh = entries
      .filter((entry) => entry.seq > this.#highestPublished)
      .sort((a, b) => a.seq - b.seq);
    const newest = fresh.at(-1);
    if (!newest) {
      return;
    }
    this.#highestPublished = newest.seq;
    for (const listener of this.#listeners) {
      listener(fresh);
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

  /** Publishes the held entries on `target` and clears them. */
  flushTo(target: ChangeFeed): void {
    target.publish(this.#pending.splice(0));
  }
}
