import type {
  KioskUser,
  Mutation,
  MutationResult,
  UserId,
} from "../../protocol";
import type { CacheCipher } from "../crypto/CacheCipher";
import type { Logger } from "../log/Logger";
import { settleVerdicts } from "../sync/settleVerdicts";
import {
  OutboxEntry,
  type CachedVerifier,
  type QueuedEntry,
} from "./cacheRecords";
import type { KioskDatabase } from "./kioskDatabase";
import { planUndo } from "./planUndo";
import { OUTBOX_CONTEXT, WriteBatch } from "./WriteBatch";

/** An offline action the hub rejected, as the tablet reports it. */
export interface RejectedAction {
  readonly mutationId: string;
  readonly kind: Mutation["kind"];
  /** The hub's error code, which the kiosk localises. */
  readonly code: string;
  /** The hub's English message, shown for a code this kiosk does not know. */
  readonly message: string;
  /** The user the action was about, as the tablet knew them. */
  readonly subject: Pick<KioskUser, "firstName" | "lastName"> | undefined;
}

/** The outcome of settling one pushed batch. */
export interface SettleOutcome {
  readonly rejected: RejectedAction[];
  readonly restoredUsers: KioskUser[];
  readonly restoredVerifiers: Array<{
    readonly userId: UserId;
    readonly verifier: CachedVerifier | null;
  }>;
}

/**
 * The outbox in IndexedDB. It reads the oldest entries and removes pushed
 * ones once the hub returned their verdicts, undoing each rejected one.
 * `TabletCache` calls it from inside its queue.
 */
export class OutboxStore {
  readonly #database: KioskDatabase;
  readonly #cipher: CacheCipher;
  readonly #logger: Logger;

  constructor(database: KioskDatabase, cipher: CacheCipher, logger: Logger) {
    this.#database = database;
    this.#cipher = cipher;
    this.#logger = logger;
  }

  /**
   * Returns up to `max` entries, oldest first. An entry that no longer
   * decrypts can never be sent, so it is deleted with a warning.
   */
  async oldest(max: number): Promise<QueuedEntry[]> {
    return this.#read(null, max);
  }

  async settle(options: {
    readonly pushed: readonly QueuedEntry[];
    readonly results: readonly MutationResult[];
    readonly users: readonly KioskUser[];
    readonly readVerifier: (
      userId: UserId,
    ) => Promise<CachedVerifier | undefined>;
  }): Promise<SettleOutcome> {
    const settlement = settleVerdicts(options.pushed, options.results);
    const batch = new WriteBatch();
    for (const key of settlement.applied) {
      batch.delete("outbox", key);
    }
    const first = settlement.rejected[0];
    if (first === undefined) {
      await batch.commit(this.#database, this.#cipher);
      return { rejected: [], restoredUsers: [], restoredVerifiers: [] };
    }

    // Undo each rejection in order against the state the previous ones
    // left, so a chain of rejected actions on one user unwinds fully.
    const applied = new Set(settlement.applied);
    let queued = (
      await this.#read(IDBKeyRange.lowerBound(first.entry.key, true))
    ).filter((entry) => !applied.has(entry.key));
    const users = new Map(options.users.map((user) => [user.id, user]));
    const verifiers = new Map<UserId, CachedVerifier | null>();
    const restoredVerifierIds = new Set<UserId>();
    const deleted = new Set<number>();
    const rejected: RejectedAction[] = [];

    for (const { entry, result } of settlement.rejected) {
      const current = queued.find((each) => each.key === entry.key) ?? entry;
      for (const { userId } of current.undo.verifiers) {
        if (!verifiers.has(userId)) {
          verifiers.set(userId, (await options.readVerifier(userId)) ?? null);
        }
      }
      const plan = planUndo({
        rejected: current,
        later: queued.filter((each) => each.key > entry.key),
        users,
        verifiers: presentOnly(verifiers),
      });
      for (const user of plan.users) {
        users.set(user.id, user);
      }
      for (const { userId, verifier } of plan.verifiers) {
        verifiers.set(userId, verifier);
        restoredVerifierIds.add(userId);
      }
      const rewritten = new Map(
        plan.laterEntries.map((each) => [each.key, each]),
      );
      queued = queued.map((each) => rewritten.get(each.key) ?? each);
      deleted.add(entry.key);
      batch.delete("outbox", entry.key);
      rejected.push(describeRejection(current, result, users));
      this.#logger.warn(
        {
          mutationId: entry.mutation.id,
          kind: entry.mutation.kind,
          code: result.reason,
        },
        "offline action rejected and undone",
      );
    }

    const restoredUsers = collectRestoredUsers(options.users, users);
    for (const user of restoredUsers) {
      batch.put("users", user.id, user);
    }
    const restoredVerifiers = [...restoredVerifierIds].map((userId) => ({
      userId,
      verifier: verifiers.get(userId) ?? null,
    }));
    for (const { userId, verifier } of restoredVerifiers) {
      if (verifier === null) {
        batch.delete("verifiers", userId);
      } else {
        batch.put("verifiers", userId, verifier);
      }
    }
    for (const entry of queued) {
      if (!deleted.has(entry.key)) {
        batch.replaceOutbox(entry.key, {
          mutation: entry.mutation,
          undo: entry.undo,
        });
      }
    }
    await batch.commit(this.#database, this.#cipher);
    return { rejected, restoredUsers, restoredVerifiers };
  }

  async #read(range: IDBKeyRange | null, max?: number): Promise<QueuedEntry[]> {
    const transaction = this.#database.transaction("outbox", "readonly");
    const [keys, values] = await Promise.all([
      transaction.store.getAllKeys(range, max),
      transaction.store.getAll(range, max),
      transaction.done,
    ]);
    const entries: QueuedEntry[] = [];
    const unreadable: number[] = [];
    for (const [index, key] of keys.entries()) {
      const entry = await this.#cipher.open(
        values[index],
        OUTBOX_CONTEXT,
        OutboxEntry,
      );
      if (entry === undefined) {
        unreadable.push(key);
      } else {
        entries.push({ ...entry, key });
      }
    }
    if (unreadable.length > 0) {
      this.#logger.warn(
        { count: unreadable.length },
        "outbox entries unreadable, deleted",
      );
      const batch = new WriteBatch();
      for (const key of unreadable) {
        batch.delete("outbox", key);
      }
      await batch.commit(this.#database, this.#cipher);
    }
    return entries;
  }
}

function presentOnly(
  verifiers: ReadonlyMap<UserId, CachedVerifier | null>,
): Map<UserId, CachedVerifier> {
  const present = new Map<UserId, CachedVerifier>();
  for (const [userId, verifier] of verifiers) {
    if (verifier !== null) {
      present.set(userId, verifier);
    }
  }
  return present;
}

/** Users whose object the undo replaced, compared with the cache before. */
function collectRestoredUsers(
  before: readonly KioskUser[],
  after: ReadonlyMap<UserId, KioskUser>,
): KioskUser[] {
  return before
    .map((user) => after.get(user.id))
    .filter(
      (user, index): user is KioskUser =>
        user !== undefined && user !== before[index],
    );
}

function describeRejection(
  entry: QueuedEntry,
  result: MutationResult,
  users: ReadonlyMap<UserId, KioskUser>,
): RejectedAction {
  const { mutation } = entry;
  const subjectId =
    mutation.kind === "pin.reset" ? mutation.targetId : mutation.userId;
  const subject =
    users.get(subjectId) ??
    entry.undo.users.find((undo) => undo.before.id === subjectId)?.before;
  return {
    mutationId: mutation.id,
    kind: mutation.kind,
    code: result.reason ?? "INTERNAL",
    message: result.message ?? "The hub rejected the offline action.",
    subject:
      subject === undefined
        ? undefined
        : { firstName: subject.firstName, lastName: subject.lastName },
  };
}
