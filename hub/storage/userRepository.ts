import type { Kysely, Selectable } from "kysely";
import type {
  EmployeeNumber,
  RoleId,
  StoreGroupId,
  StoreId,
  UserId,
} from "../../protocol";
import type { Database, UserTable } from "./schema";
import type { NewUser, UserPatch, UserRecord } from "./records";

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
