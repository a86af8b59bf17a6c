import type { Kysely } from "kysely";
import type { LockState, TabletId, UserId } from "../../protocol";
import type { Database } from "./schema";
import type { LockoutRecord, PinCredentialRecord } from "./records";

/** How many earlier PIN hashes the hub keeps to reject a reused PIN. */
export const PIN_HISTORY_LENGTH = 3;

const NO_LOCKOUT: LockoutRecord = {
  failures: 0,
  lock: { kind: "none" },
  lastFailureAt: null,
  lastTabletId: null,
};

/** PIN hashes, the history of earlier PINs, and failed-attempt counters. */
export class CredentialRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async getPin(userId: UserId): Promise<PinCredentialRecord | null> {
    const row = await this.#db
      .selectFrom("pin_credentials")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    return {
      hash: row.hash,
      temporary: row.temporary === 1,
      expiresAt: row.expires_at,
      setAt: row.set_at,
    };
  }

  /**
   * Stores a new PIN hash and records it in the history, keeping only the
   * newest `PIN_HISTORY_LENGTH` entries.
   */
  async setPin(userId: UserId, credential: PinCredentialRecord): Promise<void> {
    const values = {
      hash: credential.hash,
      temporary: credential.temporary ? 1 : 0,
      expires_at: credential.expiresAt,
      set_at: credential.setAt,
    };
    await this.#db
      .insertInto("pin_credentials")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
      .execute();

    // A temporary PIN is not the user's own choice, so it stays out of the history.
    if (credential.temporary) {
      return;
    }
    await this.#db
      .insertInto("pin_history")
      .values({
        user_id: userId,
        hash: credential.hash,
        set_at: credential.setAt,
      })
      .execute();
    const keep = await this.#db
      .selectFrom("pin_history")
      .select("id")
      .where("user_id", "=", userId)
      .orderBy("set_at", "desc")
      .orderBy("id", "desc")
      .limit(PIN_HISTORY_LENGTH)
      .execute();
    await this.#db
      .deleteFrom("pin_history")
      .where("user_id", "=", userId)
      .where(
        "id",
        "not in",
        keep.map((row) => row.id),
      )
      .execute();
  }

  /** Returns the hashes of the user's last PINs, newest first. */
  async pinHistory(userId: UserId): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("pin_history")
      .select("hash")
      .where("user_id", "=", userId)
      .orderBy("set_at", "desc")
      .orderBy("id", "desc")
      .limit(PIN_HISTORY_LENGTH)
      .execute();
    return rows.map((row) => row.hash);
  }

  async getLockout(userId: UserId): Promise<LockoutRecord> {
    const row = await this.#db
      .selectFrom("lockouts")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) {
      return NO_LOCKOUT;
    }
    return {
      failures: row.failures,
      lock: toLockState(row.lock_kind, row.locked_until),
      lastFailureAt: row.last_failure_at,
      lastTabletId: row.last_tablet_id as TabletId | null,
    };
  }

  /** Returns the lockout records of many users at once, by user id. */
  async getLockouts(
    userIds: readonly UserId[],
  ): Promise<Map<UserId, LockoutRecord>> {
    const result = new Map<UserId, LockoutRecord>();
    for (let start = 0; start < userIds.length; start += 500) {
      const rows = await this.#db
        .selectFrom("lockouts")
        .selectAll()
        .where("user_id", "in", userIds.slice(start, start + 500))
        .execute();
      for (const row of rows) {
        result.set(row.user_id as UserId, {
          failures: row.failures,
          lock: toLockState(row.lock_kind, row.locked_until),
          lastFailureAt: row.last_failure_at,
          lastTabletId: row.last_tablet_id as TabletId | null,
        });
      }
    }
    return result;
  }

  async saveLockout(userId: UserId, lockout: LockoutRecord): Promise<void> {
    const values = {
      failures: lockout.failures,
      lock_kind: lockout.lock.kind,
      locked_until: lockout.lock.kind === "timed" ? lockout.lock.until : null,
      last_failure_at: lockout.lastFailureAt,
      last_tablet_id: lockout.lastTabletId,
    };
    await this.#db
      .insertInto("lockouts")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
      .execute();
  }

  /** Returns whether each user has a temporary PIN, by user id. */
  async temporaryFlags(userIds: readonly UserId[]): Promise<Set<UserId>> {
    const temporary = new Set<UserId>();
    for (let start = 0; start < userIds.length; start += 500) {
      const rows = await this.#db
        .selectFrom("pin_credentials")
        .select("user_id")
        .where("user_id", "in", userIds.slice(start, start + 500))
        .where("temporary", "=", 1)
        .execute();
      for (const row of rows) {
        temporary.add(row.user_id as UserId);
      }
    }
    return temporary;
  }
}

function toLockState(
  kind: "none" | "timed" | "permanent",
  until: number | null,
): LockState {
  if (kind === "timed" && until !== null) {
    return { kind: "timed", until };
  }
  if (kind === "permanent") {
    return { kind: "permanent" };
  }
  return { kind: "none" };
}
