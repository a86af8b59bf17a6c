import type { Kysely, Selectable } from "kysely";
import type {
  StoreId,
  TabletId,
  TabletPublicKey,
  UserId,
} from "../../protocol";
import type { Database, TabletTable } from "./schema";

export type TabletStatus = "active" | "revoked" | "stolen";

export interface TabletRecord {
  readonly id: TabletId;
  readonly storeId: StoreId;
  readonly label: string;
  readonly publicKey: TabletPublicKey;
  readonly status: TabletStatus;
  readonly enrolledAt: number;
  readonly lastSeenAt: number | null;
  /** Hub time of the last acknowledged sync, ms since the epoch. */
  readonly lastSyncAt: number | null;
  readonly lastSyncSeq: number;
  readonly revokedAt: number | null;
}

/** Enrolled tablets, enrollment codes and key challenges. */
export class TabletRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createCode(
    code: {
      codeHash: string;
      storeId: StoreId;
      createdBy: UserId | null;
      expiresAt: number;
    },
    now: number,
  ): Promise<void> {
    await this.#db
      .insertInto("enrollment_codes")
      .values({
        code_hash: code.codeHash,
        store_id: code.storeId,
        created_by: code.createdBy,
        created_at: now,
        expires_at: code.expiresAt,
        redeemed_at: null,
        tablet_id: null,
      })
      .execute();
  }

  /**
   * Marks an unused, unexpired code as redeemed by `tabletId` and returns
   * its store, or null when the code cannot be redeemed. One statement, so
   * two tablets racing for the same code cannot both win.
   */
  async redeemCode(
    codeHash: string,
    tabletId: TabletId,
    now: number,
  ): Promise<StoreId | null> {
    const row = await this.#db
      .updateTable("enrollment_codes")
      .set({ redeemed_at: now, tablet_id: tabletId })
      .where("code_hash", "=", codeHash)
      .where("redeemed_at", "is", null)
      .where("expires_at", ">", now)
      .returning("store_id")
      .executeTakeFirst();
    return row ? (row.store_id as StoreId) : null;
  }

  async create(tablet: {
    id: TabletId;
    storeId: StoreId;
    label: string;
    publicKey: TabletPublicKey;
    enrolledBy: UserId | null;
    now: number;
  }): Promise<void> {
    await this.#db
      .insertInto("tablets")
      .values({
        id: tablet.id,
        store_id: tablet.storeId,
        label: tablet.label,
        public_key_json: JSON.stringify(tablet.publicKey),
        status: "active",
        enrolled_by: tablet.enrolledBy,
        enrolled_at: tablet.now,
        last_seen_at: null,
        last_sync_at: null,
        last_sync_seq: 0,
        revoked_at: null,
      })
      .execute();
  }

  async get(id: TabletId): Promise<TabletRecord | null> {
    const row = await this.#db
      .selectFrom("tablets")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toTablet(row) : null;
  }

  async listOfStore(storeId: StoreId): Promise<TabletRecord[]> {
    const rows = await this.#db
      .selectFrom("tablets")
      .selectAll()
      .where("store_id", "=", storeId)
      .orderBy("enrolled_at")
      .execute();
    return rows.map(toTablet);
  }

  /**
   * Lists the tablets of the given stores, or of every store for null,
   * ordered by store and enrollment time.
   */
  async list(storeIds: readonly StoreId[] | null): Promise<TabletRecord[]> {
    if (storeIds !== null && storeIds.length === 0) {
      return [];
    }
    let query = this.#db
      .selectFrom("tablets")
      .selectAll()
      .orderBy("store_id")
      .orderBy("enrolled_at");
    if (storeIds !== null) {
      query = query.where("store_id", "in", storeIds);
    }
    const rows = await query.execute();
    return rows.map(toTablet);
  }

  async markSeen(id: TabletId, now: number): Promise<void> {
    await this.#db
      .updateTable("tablets")
      .set({ last_seen_at: now })
      .where("id", "=", id)
      .execute();
  }

  /** Records an acknowledged sync: the hub time and the cursor the tablet reached. */
  async markSynced(id: TabletId, now: number, seq: number): Promise<void> {
    await this.#db
      .updateTable("tablets")
      .set({ last_sync_at: now, last_seen_at: now, last_sync_seq: seq })
      .where("id", "=", id)
      .execute();
  }

  async setStatus(
    id: TabletId,
    status: TabletStatus,
    now: number,
  ): Promise<void> {
    await this.#db
      .updateTable("tablets")
      .set({ status, revoked_at: status === "active" ? null : now })
      .where("id", "=", id)
      .execute();
  }

  async createChallenge(
    challenge: string,
    tabletId: TabletId,
    expiresAt: number,
  ): Promise<void> {
    await this.#db
      .insertInto("tablet_challenges")
      .values({ challenge, tablet_id: tabletId, expires_at: expiresAt })
      .execute();
  }

  /**
   * Deletes a challenge and returns whether it existed for this tablet and
   * had not expired: each challenge serves one proof at most.
   */
  async consumeChallenge(
    challenge: string,
    tabletId: TabletId,
    now: number,
  ): Promise<boolean> {
    const row = await this.#db
      .deleteFrom("tablet_challenges")
      .where("challenge", "=", challenge)
      .returning(["tablet_id", "expires_at"])
      .executeTakeFirst();
    await this.#db
      .deleteFrom("tablet_challenges")
      .where("expires_at", "<=", now)
      .execute();
    return (
      row !== undefined &&
      row.tablet_id === tabletId &&
      Number(row.expires_at) > now
    );
  }
}

function toTablet(row: Selectable<TabletTable>): TabletRecord {
  return {
    id: row.id as TabletId,
    storeId: row.store_id as StoreId,
    label: row.label,
    publicKey: JSON.parse(row.public_key_json) as TabletPublicKey,
    status: row.status,
    enrolledAt: Number(row.enrolled_at),
    lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at),
    lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at),
    lastSyncSeq: Number(row.last_sync_seq),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}
