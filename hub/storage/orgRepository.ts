import { sql, type Kysely } from "kysely";
import {
  OrgSettings,
  Permission,
  type RoleId,
  type StoreGroupId,
  type StoreId,
} from "../../protocol";
import { z } from "zod";
import type { Database } from "./schema";
import type { RoleRecord, StoreRecord } from "./records";

const ORGANISATION_ID = "organisation";

/** A group of stores with its stores. */
export interface StoreGroupRecord {
  readonly id: StoreGroupId;
  readonly name: string;
  readonly storeIds: readonly StoreId[];
}
const PermissionList = z.array(Permission);

/** The organisation, its settings, stores, groups of stores and roles. */
export class OrgRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Returns the organisation's name, or null before the first start. */
  async getOrganisationName(): Promise<string | null> {
    const row = await this.#db
      .selectFrom("organisation")
      .select("name")
      .where("id", "=", ORGANISATION_ID)
      .executeTakeFirst();
    return row?.name ?? null;
  }

  async createOrganisation(
    name: string,
    settings: OrgSettings,
    now: number,
  ): Promise<void> {
    await this.#db
      .insertInto("organisation")
      .values({
        id: ORGANISATION_ID,
        name,
        settings_json: JSON.stringify(settings),
        created_at: now,
      })
      .execute();
  }

  /** Returns the settings, with defaults filled in for fields added since they were saved. */
  async getSettings(): Promise<OrgSettings> {
    const row = await this.#db
      .selectFrom("organisation")
      .select("settings_json")
      .where("id", "=", ORGANISATION_ID)
      .executeTakeFirst();
    return OrgSettings.parse(row ? JSON.parse(row.settings_json) : {});
  }

  async saveSettings(settings: OrgSettings): Promise<void> {
    await this.#db
      .updateTable("organisation")
      .set({ settings_json: JSON.stringify(settings) })
      .where("id", "=", ORGANISATION_ID)
      .execute();
  }

  async listStores(): Promise<StoreRecord[]> {
    const rows = await this.#db
      .selectFrom("stores")
      .selectAll()
      .orderBy("code")
      .execute();
    return rows.map(toStore);
  }

  async getStore(id: StoreId): Promise<StoreRecord | null> {
    const row = await this.#db
      .selectFrom("stores")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toStore(row) : null;
  }

  async createStore(store: StoreRecord, now: number): Promise<void> {
    await this.#db
      .insertInto("stores")
      .values({
        id: store.id,
        code: store.code,
        name: store.name,
        time_zone: store.timeZone,
        created_at: now,
      })
      .execute();
  }

  /** Finds a store by its code, ignoring letter case. */
  async findStoreByCode(code: string): Promise<StoreRecord | null> {
    const row = await this.#db
      .selectFrom("stores")
      .selectAll()
      .where(sql<string>`lower(code)`, "=", code.toLowerCase())
      .executeTakeFirst();
    return row ? toStore(row) : null;
  }

  async updateStore(
    id: StoreId,
    patch: Partial<Pick<StoreRecord, "name" | "timeZone">>,
  ): Promise<StoreRecord | null> {
    if (patch.name !== undefined || patch.timeZone !== undefined) {
      await this.#db
        .updateTable("stores")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
        })
        .where("id", "=", id)
        .execute();
    }
    return this.getStore(id);
  }

  /** Lists the groups of stores with their stores, sorted by name. */
  async listGroups(): Promise<StoreGroupRecord[]> {
    const rows = await this.#db
      .selectFrom("store_groups")
      .select(["id", "name"])
      .orderBy("name")
      .execute();
    const stores = await this.groupStores();
    return rows.map((row) => ({
      id: row.id as StoreGroupId,
      name: row.name,
      storeIds: [...(stores.get(row.id as StoreGroupId) ?? [])].sort(),
    }));
  }

  async getGroup(id: StoreGroupId): Promise<StoreGroupRecord | null> {
    const row = await this.#db
      .selectFrom("store_groups")
      .select(["id", "name"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    const storeIds = await this.storesOfGroups([id]);
    return { id, name: row.name, storeIds: storeIds.sort() };
  }

  /** Finds a group of stores by name, ignoring letter case. */
  async findGroupByName(name: string): Promise<StoreGroupRecord | null> {
    const row = await this.#db
      .selectFrom("store_groups")
      .select("id")
      .where(sql<string>`lower(name)`, "=", name.toLowerCase())
      .executeTakeFirst();
    return row ? this.getGroup(row.id as StoreGroupId) : null;
  }

  /** Renames a group of stores or replaces its stores, or both. */
  async updateGroup(
    id: StoreGroupId,
    patch: {
      name?: string | undefined;
      storeIds?: readonly StoreId[] | undefined;
    },
  ): Promise<StoreGroupRecord | null> {
    if (patch.name !== undefined) {
      await this.#db
        .updateTable("store_groups")
        .set({ name: patch.name })
        .where("id", "=", id)
        .execute();
    }
    if (patch.storeIds !== undefined) {
      await this.#db
        .deleteFrom("store_group_stores")
        .where("group_id", "=", id)
        .execute();
      const storeIds = [...new Set(patch.storeIds)];
      if (storeIds.length > 0) {
        await this.#db
          .insertInto("store_group_stores")
          .values(
            storeIds.map((storeId) => ({ group_id: id, store_id: storeId })),
          )
          .execute();
      }
    }
    return this.getGroup(id);
  }

  async createGroup(
    group: { id: StoreGroupId; name: string; storeIds: readonly StoreId[] },
    now: number,
  ): Promise<void> {
    await this.#db
      .insertInto("store_groups")
      .values({ id: group.id, name: group.name, created_at: now })
      .execute();
    if (group.storeIds.length > 0) {
      await this.#db
        .insertInto("store_group_stores")
        .values(
          group.storeIds.map((storeId) => ({
            group_id: group.id,
            store_id: storeId,
          })),
        )
        .execute();
    }
  }

  /** Returns the stores of the given groups, each once. */
  async storesOfGroups(groupIds: readonly StoreGroupId[]): Promise<StoreId[]> {
    if (groupIds.length === 0) {
      return [];
    }
    const rows = await this.#db
      .selectFrom("store_group_stores")
      .select("store_id")
      .distinct()
      .where("group_id", "in", groupIds)
      .execute();
    return rows.map((row) => row.store_id as StoreId);
  }

  /** Returns the stores of every group of stores, by group id. */
  async groupStores(): Promise<Map<StoreGroupId, StoreId[]>> {
    const rows = await this.#db
      .selectFrom("store_group_stores")
      .select(["group_id", "store_id"])
      .execute();
    const groups = new Map<StoreGroupId, StoreId[]>();
    for (const row of rows) {
      const list = groups.get(row.group_id as StoreGroupId) ?? [];
      list.push(row.store_id as StoreId);
      groups.set(row.group_id as StoreGroupId, list);
    }
    return groups;
  }

  async listRoles(): Promise<RoleRecord[]> {
    const rows = await this.#db
      .selectFrom("roles")
      .selectAll()
      .orderBy("level")
      .orderBy("name")
      .execute();
    return rows.map(toRole);
  }

  async getRole(id: RoleId): Promise<RoleRecord | null> {
    const row = await this.#db
      .selectFrom("roles")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toRole(row) : null;
  }

  /** Finds a role by name, ignoring letter case. */
  async findRoleByName(name: string): Promise<RoleRecord | null> {
    const row = await this.#db
      .selectFrom("roles")
      .selectAll()
      .where(sql<string>`lower(name)`, "=", name.toLowerCase())
      .executeTakeFirst();
    return row ? toRole(row) : null;
  }

  async updateRole(
    id: RoleId,
    patch: Partial<Pick<RoleRecord, "name" | "level" | "permissions">>,
  ): Promise<RoleRecord | null> {
    if (
      patch.name !== undefined ||
      patch.level !== undefined ||
      patch.permissions !== undefined
    ) {
      await this.#db
        .updateTable("roles")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.level !== undefined && { level: patch.level }),
          ...(patch.permissions !== undefined && {
            permissions_json: JSON.stringify(patch.permissions),
          }),
        })
        .where("id", "=", id)
        .execute();
    }
    return this.getRole(id);
  }

  /** Deletes a role. The foreign key of `users.role_id` rejects it while a user has the role. */
  async deleteRole(id: RoleId): Promise<void> {
    await this.#db.deleteFrom("roles").where("id", "=", id).execute();
  }

  async createRole(role: RoleRecord, now: number): Promise<void> {
    await this.#db
      .insertInto("roles")
      .values({
        id: role.id,
        name: role.name,
        level: role.level,
        permissions_json: JSON.stringify(role.permissions),
        built_in: role.builtIn ? 1 : 0,
        created_at: now,
      })
      .execute();
  }
}

function toStore(row: Database["stores"]): StoreRecord {
  return {
    id: row.id as StoreId,
    code: row.code,
    name: row.name,
    timeZone: row.time_zone,
  };
}

function toRole(row: Database["roles"]): RoleRecord {
  return {
    id: row.id as RoleId,
    name: row.name,
    level: row.level,
    permissions: PermissionList.parse(JSON.parse(row.permissions_json)),
    builtIn: row.built_in === 1,
  };
}
