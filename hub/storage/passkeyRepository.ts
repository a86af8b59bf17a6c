import type { Kysely } from "kysely";
import type { TabletId, UserId } from "../../protocol";
import type { Database } from "./schema";

/** A registered passkey of a user. */
export interface PasskeyRecord {
  readonly id: string;
  /** The WebAuthn credential id, base64url. */
  readonly credentialId: string;
  readonly userId: UserId;
  /** The COSE public key, base64url. */
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: readonly string[];
  readonly name: string;
  readonly deviceType: "singleDevice" | "multiDevice";
  readonly backedUp: boolean;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

/** The purpose a WebAuthn challenge may be used for. */
export type ChallengePurpose = "registration" | "sign-in" | "proof";

/** A challenge the hub issued, with what it is bound to. */
export interface ChallengeRecord {
  readonly id: string;
  readonly challenge: string;
  readonly purpose: ChallengePurpose;
  readonly userId: UserId | null;
  readonly tabletId: TabletId | null;
  /** Hash of the kiosk or panel session that asked for the challenge. */
  readonly sessionKey: string | null;
  readonly grantHash: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

/** A one-time registration grant, by the SHA-256 of its code. */
export interface PasskeyGrantRecord {
  readonly grantHash: string;
  readonly userId: UserId;
  readonly issuedBy: UserId | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

/** How many passkeys a user has, and the version of their passkey list. */
export interface PasskeyCount {
  readonly count: number;
  readonly version: number;
}

type CredentialRow = Database["passkey_credentials"];
type ChallengeRow = Database["webauthn_challenges"];

function toPasskey(row: CredentialRow): PasskeyRecord {
  return {
    id: row.id,
    credentialId: row.credential_id,
    userId: row.user_id as UserId,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: JSON.parse(row.transports) as string[],
    name: row.name,
    deviceType:
      row.device_type === "multiDevice" ? "multiDevice" : "singleDevice",
    backedUp: row.backed_up === 1,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

function toChallenge(row: ChallengeRow): ChallengeRecord {
  return {
    id: row.id,
    challenge: row.challenge,
    purpose: row.purpose as ChallengePurpose,
    userId: row.user_id as UserId | null,
    tabletId: row.tablet_id as TabletId | null,
    sessionKey: row.session_key,
    grantHash: row.grant_hash,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
  };
}

/**
 * Passkeys, WebAuthn challenges, registration grants and the offline
 * assertions already accepted.
 */
export class PasskeyRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(passkey: PasskeyRecord): Promise<void> {
    await this.#db
      .insertInto("passkey_credentials")
      .values({
        id: passkey.id,
        credential_id: passkey.credentialId,
        user_id: passkey.userId,
        public_key: passkey.publicKey,
        counter: passkey.counter,
        transports: JSON.stringify(passkey.transports),
        name: passkey.name,
        device_type: passkey.deviceType,
        backed_up: passkey.backedUp ? 1 : 0,
        created_at: passkey.createdAt,
        last_used_at: passkey.lastUsedAt,
      })
      .execute();
  }

  async get(id: string): Promise<PasskeyRecord | null> {
    const row = await this.#db
      .selectFrom("passkey_credentials")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toPasskey(row) : null;
  }

  async getByCredentialId(credentialId: string): Promise<PasskeyRecord | null> {
    const row = await this.#db
      .selectFrom("passkey_credentials")
      .selectAll()
      .where("credential_id", "=", credentialId)
      .executeTakeFirst();
    return row ? toPasskey(row) : null;
  }

  /** Lists a user's passkeys, oldest first. */
  async listOfUser(userId: UserId): Promise<PasskeyRecord[]> {
    const rows = await this.#db
      .selectFrom("passkey_credentials")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(toPasskey);
  }

  /** Lists the passkeys of several users, grouped by user. */
  async listOfUsers(
    userIds: readonly UserId[],
  ): Promise<Map<UserId, PasskeyRecord[]>> {
    const result = new Map<UserId, PasskeyRecord[]>();
    if (userIds.length === 0) {
      return result;
    }
    const rows = await this.#db
      .selectFrom("passkey_credentials")
      .selectAll()
      .where("user_id", "in", [...userIds])
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    for (const row of rows) {
      const passkey = toPasskey(row);
      const list = result.get(passkey.userId) ?? [];
      list.push(passkey);
      result.set(passkey.userId, list);
    }
    return result;
  }

  /** Counts the passkeys of several users, with each list's version. */
  async countsOf(
    userIds: readonly UserId[],
  ): Promise<Map<UserId, PasskeyCount>> {
    const result = new Map<UserId, PasskeyCount>();
    if (userIds.length === 0) {
      return result;
    }
    const ids = [...userIds];
    const counts = await this.#db
      .selectFrom("passkey_credentials")
      .select(["user_id", (eb) => eb.fn.countAll<number>().as("count")])
      .where("user_id", "in", ids)
      .groupBy("user_id")
      .execute();
    const versions = await this.#db
      .selectFrom("passkey_versions")
      .selectAll()
      .where("user_id", "in", ids)
      .execute();
    for (const row of versions) {
      result.set(row.user_id as UserId, {
        count: 0,
        version: Number(row.version),
      });
    }
    for (const row of counts) {
      const userId = row.user_id as UserId;
      result.set(userId, {
        count: Number(row.count),
        version: result.get(userId)?.version ?? 0,
      });
    }
    return result;
  }

  /** Counts one user's passkeys. */
  async countOfUser(userId: UserId): Promise<number> {
    const row = await this.#db
      .selectFrom("passkey_credentials")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /**
   * Stores a newer signature counter and the time of use. The counter only
   * rises, except that 0 may stay 0, so of two racing assertions with the
   * same counter only one succeeds. Returns false when it did not apply.
   */
  async recordUse(id: string, counter: number, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("passkey_credentials")
      .set({ counter, last_used_at: now })
      .where("id", "=", id)
      .where((eb) =>
        counter === 0 ? eb("counter", "=", 0) : eb("counter", "<", counter),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Raises the stored counter to `counter` unless it is already as high,
   * and records the time of use: for offline proofs, which may arrive after
   * newer online uses.
   */
  async raiseCounter(id: string, counter: number, now: number): Promise<void> {
    await this.#db
      .updateTable("passkey_credentials")
      .set((eb) => ({
        counter: eb.fn<number>("max", [eb.ref("counter"), eb.val(counter)]),
        last_used_at: now,
      }))
      .where("id", "=", id)
      .execute();
  }

  /** Deletes one passkey of a user. Returns false when there was none. */
  async delete(id: string, userId: UserId): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("passkey_credentials")
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Raises the version of a user's passkey list and returns the new one. */
  async bumpVersion(userId: UserId): Promise<number> {
    const row = await this.#db
      .insertInto("passkey_versions")
      .values({ user_id: userId, version: 1 })
      .onConflict((oc) =>
        oc
          .column("user_id")
          .doUpdateSet((eb) => ({ version: eb("version", "+", 1) })),
      )
      .returning("version")
      .executeTakeFirstOrThrow();
    return Number(row.version);
  }

  async createChallenge(
    challenge: Omit<ChallengeRecord, "usedAt">,
  ): Promise<void> {
    await this.#db
      .insertInto("webauthn_challenges")
      .values({
        id: challenge.id,
        challenge: challenge.challenge,
        purpose: challenge.purpose,
        user_id: challenge.userId,
        tablet_id: challenge.tabletId,
        session_key: challenge.sessionKey,
        grant_hash: challenge.grantHash,
        created_at: challenge.createdAt,
        expires_at: challenge.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async getChallenge(id: string): Promise<ChallengeRecord | null> {
    const row = await this.#db
      .selectFrom("webauthn_challenges")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toChallenge(row) : null;
  }

  /**
   * Marks an unused challenge as used. Returns false when it was used
   * already, so two requests racing with one challenge cannot both pass.
   */
  async useChallenge(id: string, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("webauthn_challenges")
      .set({ used_at: now })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Deletes challenges that expired before `before`. */
  async deleteOldChallenges(before: number): Promise<number> {
    const result = await this.#db
      .deleteFrom("webauthn_challenges")
      .where("expires_at", "<", before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async createGrant(grant: Omit<PasskeyGrantRecord, "usedAt">): Promise<void> {
    await this.#db
      .insertInto("passkey_grants")
      .values({
        grant_hash: grant.grantHash,
        user_id: grant.userId,
        issued_by: grant.issuedBy,
        created_at: grant.createdAt,
        expires_at: grant.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async getGrant(grantHash: string): Promise<PasskeyGrantRecord | null> {
    const row = await this.#db
      .selectFrom("passkey_grants")
      .selectAll()
      .where("grant_hash", "=", grantHash)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    return {
      grantHash: row.grant_hash,
      userId: row.user_id as UserId,
      issuedBy: row.issued_by as UserId | null,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
      usedAt: row.used_at === null ? null : Number(row.used_at),
    };
  }

  /**
   * Marks an unused, unexpired grant as used. Returns false when it was used
   * already or has expired.
   */
  async useGrant(grantHash: string, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("passkey_grants")
      .set({ used_at: now })
      .where("grant_hash", "=", grantHash)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Voids every unused grant of a user, when a newer one replaces them. */
  async voidUnusedGrants(userId: UserId, now: number): Promise<void> {
    await this.#db
      .updateTable("passkey_grants")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
  }

  /**
   * Records an accepted offline assertion under its mutation id. Returns
   * false when that mutation already had one, so it is never accepted twice.
   */
  async recordOfflineAssertion(assertion: {
    mutationId: string;
    credentialId: string;
    userId: UserId;
    tabletId: TabletId;
    counter: number;
    acceptedAt: number;
  }): Promise<boolean> {
    const result = await this.#db
      .insertInto("offline_passkey_assertions")
      .values({
        mutation_id: assertion.mutationId,
        credential_id: assertion.credentialId,
        user_id: assertion.userId,
        tablet_id: assertion.tabletId,
        counter: assertion.counter,
        accepted_at: assertion.acceptedAt,
      })
      .onConflict((oc) => oc.column("mutation_id").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}
