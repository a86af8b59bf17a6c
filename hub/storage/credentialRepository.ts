import type { Kysely } from "kysely";
import type { LockState, TabletId, UserId } from "../../protocol";
import type { Database } from "./schema";
import type { LockoutRecord, PinCredentialRecord } from "./records";

/** The facts about a user's PIN that tablets receive: never the PIN or its hash. */
export interface CredentialSummary {
  readonly temporary: boolean;
  readonly version: number;
  /** When a temporary PIN stops working; null for none. */
  readonly expiresAt: number | null;
}

/** How many earlier PIN hashes the hub keeps to reject a reused PIN. */
export const PIN_HISTORY_LENGTH = 3;

/** The lockout state of a user with no failures and no lock. */
export const NO_LOCKOUT: LockoutRecord = {
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
      version: row.version,
    };
  }

  /**
   * Stores a new PIN hash and records it in the history, keeping only the
   * newest `PIN_HISTORY_LENGTH` entries.
   */
  async setPin(
    userId: UserId,
    credential: Omit<PinCredentialRecord, "version">,
  ): Promise<number> {
    const values = {
      hash: credential.hash,
      temporary: credential.temporary ? 1 : 0,
      expires_at: credential.expiresAt,
      set_at: credential.setAt,
    };
    const { version } = await this.#db
      .insertInto("pin_credentials")
      .values({ user_id: userId, ...values, version: 1 })
      .onConflict((oc) =>
        oc.column("user_id").doUpdateSet((eb) => ({
          ...values,
          version: eb("pin_credentials.version", "+", 1),
        })),
      )
      .returning("version")
      .executeTakeFirstOrThrow();

    // A temporary PIN is not the user's own choice, so it stays out of the history.
    if (credential.temporary) {
      return version;
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
    return version;
  }

  /** Stores the sealed offline verifier of the user's PIN of `credentialVersion`. */
  async setVerifier(
    userId: UserId,
    credentialVersion: number,
    sealedVerifier: string,
  ): Promise<void> {
    const values = {
      credential_version: credentialVersion,
      sealed_verifier: sealedVerifier,
    };
    await this.#db
      .insertInto("offline_verifiers")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
      .execute();
  }

  /** Returns the sealed offline verifiers of the given users. */
  async getVerifiers(
    userIds: readonly UserId[],
  ): Promise<
    { userId: UserId; credentialVersion: number; sealedVerifier: string }[]
  > {
    if (userIds.length === 0) {
      return [];
    }
    const rows = await this.#db
      .selectFrom("offline_verifiers")
      .selectAll()
      .where("user_id", "in", userIds)
      .execute();
    return rows.map((row) => ({
      userId: row.user_id as UserId,
      credentialVersion: row.credential_version,
      sealedVerifier: row.sealed_verifier,
    }));
  }

  /**
   * Returns, by user id, whether each user's PIN is temporary and its
   * version; users without a PIN are absent.
   */
  async summaries(
    userIds: readonly UserId[],
  ): Promise<Map<UserId, CredentialSummary>> {
    const result = new Map<UserId, CredentialSummary>();
    for (let start = 0; start < userIds.length; start += 500) {
      const rows = await this.#db
        .selectFrom("pin_credentials")
        .select(["user_id", "temporary", "version", "expires_at"])
        .where("user_id", "in", userIds.slice(start, start + 500))
        .execute();
      for (const row of rows) {
        result.set(row.user_id as UserId, {
          temporary: row.temporary === 1,
          version: row.version,
          expiresAt: row.expires_at === null ? null : Number(row.expires_at),
        });
      }
    }
    return result;
  }

  /**
   * Makes the current PIN of each user one that must be replaced at the next
   * sign-in, as if it were temporary, without an expiry. The PIN and its
   * offline verifier stay, and the verifier takes the new credential version,
   * so tablets keep verifiers that match their user list. Returns how many
   * PINs changed.
   */
  async requireChange(userIds: readonly UserId[]): Promise<number> {
    let changed = 0;
    for (let start = 0; start < userIds.length; start += 500) {
      const chunk = userIds.slice(start, start + 500);
      const result = await this.#db
        .updateTable("pin_credentials")
        .set((eb) => ({ temporary: 1, version: eb("version", "+", 1) }))
        .where("user_id", "in", chunk)
        .where("temporary", "=", 0)
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
      await this.#db
        .updateTable("offline_verifiers")
        .set((eb) => ({
          credential_version: eb
            .selectFrom("pin_credentials")
            .select("pin_credentials.version")
            .whereRef(
              "pin_credentials.user_id",
              "=",
              "offline_verifiers.user_id",
            )
            .$castTo<number>(),
        }))
        .where("user_id", "in", chunk)
        .execute();
    }
    return changed;
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
