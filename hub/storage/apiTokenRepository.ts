import type { Kysely, Selectable } from "kysely";
import type { StoreId, UserId } from "../../protocol";
import type { ApiTokenTable, Database } from "./schema";

/** Scopes an API token can carry. */
export type ApiScope = "feed:read";

export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
  /** Stores the token may see; null for the whole organisation. */
  readonly storeIds: readonly StoreId[] | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
  readonly lastUsedAt: number | null;
}

/** API tokens for head-office systems, stored by hash. */
export class ApiTokenRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(
    token: Omit<ApiTokenRecord, "revokedAt" | "lastUsedAt"> & {
      tokenHash: string;
      createdBy: UserId | null;
    },
  ): Promise<void> {
    await this.#db
      .insertInto("api_tokens")
      .values({
        id: token.id,
        name: token.name,
        token_hash: token.tokenHash,
        scopes_json: JSON.stringify(token.scopes),
        store_ids_json:
          token.storeIds === null ? null : JSON.stringify(token.storeIds),
        created_by: token.createdBy,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        revoked_at: null,
        last_used_at: null,
      })
      .execute();
  }

  async getByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = await this.#db
      .selectFrom("api_tokens")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async get(id: string): Promise<ApiTokenRecord | null> {
    const row = await this.#db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async list(): Promise<ApiTokenRecord[]> {
    const rows = await this.#db
      .selectFrom("api_tokens")
      .selectAll()
      .orderBy("created_at", "desc")
      .execute();
    return rows.map(toToken);
  }

  /** Revokes a token; returns false when there is no such token. */
  async revoke(id: string, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("api_tokens")
      .set({ revoked_at: now })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markUsed(id: string, now: number): Promise<void> {
    await this.#db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", id)
      .execute();
  }
}

function toToken(row: Selectable<ApiTokenTable>): ApiTokenRecord {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes_json) as ApiScope[],
    storeIds:
      row.store_ids_json === null
        ? null
        : (JSON.parse(row.store_ids_json) as StoreId[]),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}
