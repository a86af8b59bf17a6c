import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
} from "kysely";
import type {
  EmployeeNumber,
  RoleId,
  StoreGroupId,
  StoreId,
  UserId,
} from "../../protocol";
import type { Database, UserTable } from "./schema";
import type { NewUser, UserPatch, UserRecord, UserStatus } from "./records";

/** Filters and page of a user search; every filter given narrows the result. */
export interface UserSearch {
  /** Part of the name, the employee number or the e-mail address. */
  readonly text?: string | undefined;
  /** Users who belong to this store, directly or through a group. */
  readonly storeId?: StoreId | undefined;
  readonly roleId?: RoleId | undefined;
  readonly status?: UserStatus | undefined;
  /** Users whose lock holds at `now`, or users free to sign in at `now`. */
  readonly lockState?: "locked" | "unlocked" | undefined;
  /** Only users whose role's level is below this. */
  readonly levelBelow: number;
  /**
   * Null for the whole organisation. Otherwise only users with at least one
   * store, every one of which, direct or through a group, lies in this list.
   */
  readonly scopeStoreIds: readonly StoreId[] | null;
  /** Time the lock filter is evaluated at, ms since the epoch. */
  readonly now: number;
  readonly offset: number;
  readonly limit: number;
}

/** One page of a user search and the number of matches over all pages. */
export interface UserSearchPage {
  readonly users: UserRecord[];
  readonly total: number;
}

/** Users and their assignment to stores and groups of stores. */
export class UserRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async get(id: UserId): Promise<UserRecord | null> {
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? this.#withAssignments(row) : null;
  }

  /** Finds a user by employee number, ignoring letter case. */
  async getByEmployeeNumber(
    employeeNumber: string,
  ): Promise<UserRecord | null> {
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("employee_number_key", "=", employeeNumberKey(employeeNumber))
      .executeTakeFirst();
    return row ? this.#withAssignments(row) : null;
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.#db
      .selectFrom("users")
      .selectAll()
      .orderBy("last_name")
      .orderBy("first_name")
      .execute();
    return this.#withAssignmentsMany(rows);
  }

  /**
   * Lists the users who belong to a store, directly or through a group of
   * stores, active or not.
   */
  async listOfStore(storeId: StoreId): Promise<UserRecord[]> {
    const rows = await this.#db
      .selectFrom("users")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb(
            "id",
            "in",
            eb
              .selectFrom("user_stores")
              .select("user_id")
              .where("store_id", "=", storeId),
          ),
          eb(
            "id",
            "in",
            eb
              .selectFrom("user_groups")
              .innerJoin(
                "store_group_stores",
                "store_group_stores.group_id",
                "user_groups.group_id",
              )
              .select("user_groups.user_id")
              .where("store_group_stores.store_id", "=", storeId),
          ),
        ]),
      )
      .orderBy("last_name")
      .orderBy("first_name")
      .execute();
    return this.#withAssignmentsMany(rows);
  }

  /**
   * Finds the users matching `search`, sorted by last name, first name and
   * id, one page at a time. Filtering, counting and paging run in SQL.
   */
  async search(search: UserSearch): Promise<UserSearchPage> {
    if (search.scopeStoreIds !== null && search.scopeStoreIds.length === 0) {
      return { users: [], total: 0 };
    }
    const filter = (eb: ExpressionBuilder<Database, "users">) =>
      userSearchFilter(eb, search);
    const counted = await this.#db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number | bigint>().as("total"))
      .where(filter)
      .executeTakeFirstOrThrow();
    const rows = await this.#db
      .selectFrom("users")
      .selectAll()
      .where(filter)
      .orderBy("last_name")
      .orderBy("first_name")
      .orderBy("id")
      .limit(search.limit)
      .offset(search.offset)
      .execute();
    return {
      users: await this.#withAssignmentsMany(rows),
      total: Number(counted.total),
    };
  }

  /** Counts the users holding each role, active or not, by role id. */
  async countByRole(): Promise<Map<RoleId, number>> {
    const rows = await this.#db
      .selectFrom("users")
      .select((eb) => [
        "role_id",
        eb.fn.countAll<number | bigint>().as("total"),
      ])
      .groupBy("role_id")
      .execute();
    return new Map(
      rows.map((row) => [row.role_id as RoleId, Number(row.total)]),
    );
  }

  /** Lists the users holding a role, active or not. */
  async listByRole(roleId: RoleId): Promise<UserRecord[]> {
    const rows = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("role_id", "=", roleId)
      .execute();
    return this.#withAssignmentsMany(rows);
  }

  /** Lists the users assigned to a group of stores, active or not. */
  async listOfGroup(groupId: StoreGroupId): Promise<UserRecord[]> {
    const rows = await this.#db
      .selectFrom("users")
      .selectAll()
      .where(
        "id",
        "in",
        this.#db
          .selectFrom("user_groups")
          .select("user_id")
          .where("group_id", "=", groupId),
      )
      .execute();
    return this.#withAssignmentsMany(rows);
  }

  async create(user: NewUser, now: number): Promise<void> {
    await this.#db
      .insertInto("users")
      .values({
        id: user.id,
        employee_number: user.employeeNumber,
        employee_number_key: employeeNumberKey(user.employeeNumber),
        first_name: user.firstName,
        last_name: user.lastName,
        email: user.email,
        phone: user.phone,
        role_id: user.roleId,
        org_wide: user.orgWide ? 1 : 0,
        status: "active",
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await this.#replaceAssignments(user.id, user.storeIds, user.groupIds);
  }

  /** Applies `patch` and raises the user's version; returns the new record. */
  async update(id: UserId, patch: UserPatch, now: number): Promise<UserRecord> {
    await this.#db
      .updateTable("users")
      .set((eb) => ({
        ...(patch.firstName !== undefined && { first_name: patch.firstName }),
        ...(patch.lastName !== undefined && { last_name: patch.lastName }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.roleId !== undefined && { role_id: patch.roleId }),
        ...(patch.orgWide !== undefined && { org_wide: patch.orgWide ? 1 : 0 }),
        ...(patch.status !== undefined && { status: patch.status }),
        version: eb("version", "+", 1),
        updated_at: now,
      }))
      .where("id", "=", id)
      .execute();
    if (patch.storeIds !== undefined || patch.groupIds !== undefined) {
      const current = await this.get(id);
      await this.#replaceAssignments(
        id,
        patch.storeIds ?? current?.storeIds ?? [],
        patch.groupIds ?? current?.groupIds ?? [],
      );
    }
    const updated = await this.get(id);
    if (!updated) {
      throw new Error(`user ${id} vanished during an update`);
    }
    return updated;
  }

  /** Raises the user's version without other changes, e.g. after a lock. */
  async touch(id: UserId, now: number): Promise<UserRecord> {
    return this.update(id, {}, now);
  }

  async #replaceAssignments(
    userId: UserId,
    storeIds: readonly StoreId[],
    groupIds: readonly StoreGroupId[],
  ): Promise<void> {
    await this.#db
      .deleteFrom("user_stores")
      .where("user_id", "=", userId)
      .execute();
    await this.#db
      .deleteFrom("user_groups")
      .where("user_id", "=", userId)
      .execute();
    const stores = [...new Set(storeIds)];
    const groups = [...new Set(groupIds)];
    if (stores.length > 0) {
      await this.#db
        .insertInto("user_stores")
        .values(
          stores.map((storeId) => ({ user_id: userId, store_id: storeId })),
        )
        .execute();
    }
    if (groups.length > 0) {
      await this.#db
        .insertInto("user_groups")
        .values(
          groups.map((groupId) => ({ user_id: userId, group_id: groupId })),
        )
        .execute();
    }
  }

  async #withAssignments(row: Selectable<UserTable>): Promise<UserRecord> {
    const [user] = await this.#withAssignmentsMany([row]);
    if (!user) {
      throw new Error(`user ${row.id} could not be read`);
    }
    return user;
  }

  async #withAssignmentsMany(
    rows: Selectable<UserTable>[],
  ): Promise<UserRecord[]> {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map((row) => row.id);
    const storeRows: { user_id: string; store_id: string }[] = [];
    const groupRows: { user_id: string; group_id: string }[] = [];
    // SQLite limits the number of bound parameters; query in chunks.
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      storeRows.push(
        ...(await this.#db
          .selectFrom("user_stores")
          .select(["user_id", "store_id"])
          .where("user_id", "in", chunk)
          .execute()),
      );
      groupRows.push(
        ...(await this.#db
          .selectFrom("user_groups")
          .select(["user_id", "group_id"])
          .where("user_id", "in", chunk)
          .execute()),
      );
    }
    const storesByUser = groupBy(
      storeRows,
      (row) => row.user_id,
      (row) => row.store_id,
    );
    const groupsByUser = groupBy(
      groupRows,
      (row) => row.user_id,
      (row) => row.group_id,
    );
    return rows.map((row) =>
      toUser(
        row,
        storesByUser.get(row.id) ?? [],
        groupsByUser.get(row.id) ?? [],
      ),
    );
  }
}

/** Builds the WHERE condition of a user search. */
function userSearchFilter(
  eb: ExpressionBuilder<Database, "users">,
  search: UserSearch,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb(
      "users.role_id",
      "in",
      eb
        .selectFrom("roles")
        .select("id")
        .where("level", "<", search.levelBelow),
    ),
  ];

  const text = search.text?.trim().toLowerCase();
  if (text) {
    // NOTE: SQLite's lower() folds ASCII letters only, so a name stored with
    // an upper-case letter outside ASCII (Ó, Ж) matches only in that case.
    const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const like = (column: Expression<string | null>) =>
      sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
    conditions.push(
      eb.or([
        like(sql<string>`users.first_name || ' ' || users.last_name`),
        like(sql<string>`users.last_name || ' ' || users.first_name`),
        like(eb.ref("users.employee_number")),
        like(eb.ref("users.email")),
      ]),
    );
  }

  if (search.storeId !== undefined) {
    const storeId = search.storeId;
    conditions.push(
      eb.or([
        eb(
          "users.id",
          "in",
          eb
            .selectFrom("user_stores")
            .select("user_id")
            .where("store_id", "=", storeId),
        ),
        eb(
          "users.id",
          "in",
          eb
            .selectFrom("user_groups")
            .innerJoin(
              "store_group_stores",
              "store_group_stores.group_id",
              "user_groups.group_id",
            )
            .select("user_groups.user_id")
            .where("store_group_stores.store_id", "=", storeId),
        ),
      ]),
    );
  }
  if (search.roleId !== undefined) {
    conditions.push(eb("users.role_id", "=", search.roleId));
  }
  if (search.status !== undefined) {
    conditions.push(eb("users.status", "=", search.status));
  }

  if (search.lockState !== undefined) {
    const locked = eb
      .selectFrom("lockouts")
      .select("user_id")
      .where((lock) =>
        lock.or([
          lock("lock_kind", "=", "permanent"),
          lock.and([
            lock("lock_kind", "=", "timed"),
            lock("locked_until", ">", search.now),
          ]),
        ]),
      );
    conditions.push(
      search.lockState === "locked"
        ? eb("users.id", "in", locked)
        : eb("users.id", "not in", locked),
    );
  }

  if (search.scopeStoreIds !== null) {
    conditions.push(insideScope(eb, search.scopeStoreIds));
  }
  return eb.and(conditions);
}

/**
 * Builds the scope rule's store condition in SQL: the user has at least one
 * store, and every store, direct or through a group, lies in `storeIds`.
 */
function insideScope(
  eb: ExpressionBuilder<Database, "users">,
  storeIds: readonly StoreId[],
): Expression<SqlBool> {
  const direct = eb
    .selectFrom("user_stores")
    .select("user_stores.store_id")
    .whereRef("user_stores.user_id", "=", "users.id");
  const viaGroups = eb
    .selectFrom("user_groups")
    .innerJoin(
      "store_group_stores",
      "store_group_stores.group_id",
      "user_groups.group_id",
    )
    .select("store_group_stores.store_id")
    .whereRef("user_groups.user_id", "=", "users.id");
  return eb.and([
    eb.or([eb.exists(direct), eb.exists(viaGroups)]),
    eb.not(eb.exists(direct.where("user_stores.store_id", "not in", storeIds))),
    eb.not(
      eb.exists(
        viaGroups.where("store_group_stores.store_id", "not in", storeIds),
      ),
    ),
  ]);
}

/** The case-insensitive key under which employee numbers are unique. */
export function employeeNumberKey(employeeNumber: string): string {
  return employeeNumber.trim().toLowerCase();
}

function toUser(
  row: Selectable<UserTable>,
  storeIds: string[],
  groupIds: string[],
): UserRecord {
  return {
    id: row.id as UserId,
    employeeNumber: row.employee_number as EmployeeNumber,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    roleId: row.role_id as RoleId,
    orgWide: row.org_wide === 1,
    status: row.status,
    version: row.version,
    storeIds: storeIds.sort() as StoreId[],
    groupIds: groupIds.sort() as StoreGroupId[],
  };
}

function groupBy<Row>(
  rows: Row[],
  key: (row: Row) => string,
  value: (row: Row) => string,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(value(row));
    groups.set(key(row), list);
  }
  return groups;
}
