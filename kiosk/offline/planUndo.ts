import type { KioskUser, UserId } from "../../protocol";
import type { CachedVerifier, QueuedEntry, UndoRecord } from "./cacheRecords";

/** The changes to the cache that undo a rejected mutation. */
export interface UndoPlan {
  /** Users to put back as they were before the mutation. */
  readonly users: readonly KioskUser[];
  /** Verifiers to put back; `verifier: null` deletes the cached one. */
  readonly verifiers: ReadonlyArray<{
    readonly userId: UserId;
    readonly verifier: CachedVerifier | null;
  }>;
  /** Later queued entries whose undo record now reaches further back. */
  readonly laterEntries: readonly QueuedEntry[];
}

export interface UndoInput {
  /** The rejected entry. */
  readonly rejected: QueuedEntry;
  /** Entries queued after it, oldest first. */
  readonly later: readonly QueuedEntry[];
  /** The cache's users now. */
  readonly users: ReadonlyMap<UserId, KioskUser>;
  /** The cache's verifiers now, for the users the rejected entry touched. */
  readonly verifiers: ReadonlyMap<UserId, CachedVerifier>;
}

/**
 * Plans how to undo a mutation the hub rejected, without undoing anything
 * newer:
 *
 * - When a later queued entry changed the same user or verifier again, the
 *   cache keeps its current value, and that entry's undo record takes over
 *   the rejected one's "before". Should the later entry be rejected too, its
 *   undo then reaches back past both.
 * - Otherwise a user goes back to the "before" copy only while the cache
 *   still contains the version the mutation was made on. A newer copy came
 *   from the hub and is right. A verifier goes back only while the
 *   cache still holds the one the mutation wrote.
 */
export function planUndo(input: UndoInput): UndoPlan {
  const { rejected, users, verifiers } = input;
  const later = input.later.map((entry) => ({
    ...entry,
    undo: copyUndo(entry.undo),
  }));
  const touched = new Set<number>();
  const restoredUsers: KioskUser[] = [];
  const restoredVerifiers: Array<{
    userId: UserId;
    verifier: CachedVerifier | null;
  }> = [];

  for (const { before } of rejected.undo.users) {
    const successor = later.find((entry) =>
      entry.undo.users.some((undo) => undo.before.id === before.id),
    );
    if (successor !== undefined) {
      successor.undo.users = successor.undo.users.map((undo) =>
        undo.before.id === before.id ? { before } : undo,
      );
      touched.add(successor.key);
      continue;
    }
    const current = users.get(before.id);
    if (current !== undefined && current.version === before.version) {
      restoredUsers.push(before);
    }
  }

  for (const undo of rejected.undo.verifiers) {
    const successor = later.find((entry) =>
      entry.undo.verifiers.some((each) => each.userId === undo.userId),
    );
    if (successor !== undefined) {
      successor.undo.verifiers = successor.undo.verifiers.map((each) =>
        each.userId === undo.userId ? { ...each, before: undo.before } : each,
      );
      touched.add(successor.key);
      continue;
    }
    if (verifiers.get(undo.userId)?.verifier === undo.written) {
      restoredVerifiers.push({ userId: undo.userId, verifier: undo.before });
    }
  }

  return {
    users: restoredUsers,
    verifiers: restoredVerifiers,
    laterEntries: later.filter((entry) => touched.has(entry.key)),
  };
}

/** A copy of an undo record whose lists the planner may replace. */
interface MutableUndo {
  users: UndoRecord["users"];
  verifiers: UndoRecord["verifiers"];
}

function copyUndo(undo: UndoRecord): MutableUndo {
  return { users: [...undo.users], verifiers: [...undo.verifiers] };
}
