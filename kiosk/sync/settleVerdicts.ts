import type { MutationResult } from "../../protocol";
import type { QueuedEntry } from "../offline/cacheRecords";

/** The effect of the hub's verdicts on one pushed batch on the outbox. */
export interface Settlement {
  /** Keys of entries the hub applied: they leave the outbox. */
  readonly applied: readonly number[];
  /** Entries the hub rejected, oldest first: undone, then removed. */
  readonly rejected: ReadonlyArray<{
    readonly entry: QueuedEntry;
    readonly result: MutationResult;
  }>;
  /** Keys of entries without a verdict: they stay for the next push. */
  readonly unanswered: readonly number[];
}

/**
 * Matches the hub's verdicts to the pushed entries by mutation id. A verdict
 * for an id that was not pushed is ignored. An entry without a verdict stays
 * queued, and sending it again is safe because the hub applies each id once.
 */
export function settleVerdicts(
  pushed: readonly QueuedEntry[],
  results: readonly MutationResult[],
): Settlement {
  const verdicts = new Map(results.map((result) => [result.id, result]));
  const applied: number[] = [];
  const rejected: Array<{ entry: QueuedEntry; result: MutationResult }> = [];
  const unanswered: number[] = [];
  for (const entry of pushed) {
    const result = verdicts.get(entry.mutation.id);
    if (result === undefined) {
      unanswered.push(entry.key);
    } else if (result.status === "applied") {
      applied.push(entry.key);
    } else {
      rejected.push({ entry, result });
    }
  }
  return { applied, rejected, unanswered };
}
