import type { RoleId, StoreId, UserId } from "../../protocol";
import type { RosterRow } from "./rosterRow";

/**
 * Compares the rows of a roster file with the organisation's users and
 * returns what an import would create, update, leave alone and deactivate.
 * It changes nothing itself.
 *
 * Rows match users by employee number ignoring case, because HR systems and
 * spreadsheets write the same number as `E1001` or `e1001`. A matched user
 * keeps the number as stored. Store lists compare as sets, so order and
 * repeats do not count as a change. A deactivated user listed in the file is
 * reactivated, with `status` among the changed fields.
 *
 * With `deactivateMissing`, active users whose number is in no row are
 * deactivated, except those listed in `rejectedEmployeeNumbers`: pass the
 * numbers of rows that failed to parse, so that a typo in a row does not
 * deactivate its person.
 *
 * Throws when two rows share an employee number, which `parseRoster` never
 * returns, because the plan could not say which row wins.
 */
export function planRosterImport(
  rows: readonly RosterRow[],
  existingUsers: readonly ExistingRosterUser[],
  options: RosterImportOptions,
): RosterImportPlan {
  const usersByNumber = new Map<string, ExistingRosterUser>();
  for (const user of existingUsers) {
    usersByNumber.set(matchKey(user.employeeNumber), user);
  }

  const plan: RosterImportPlan = {
    create: [],
    update: [],
    unchanged: 0,
    deactivate: [],
  };
  const listedNumbers = new Map<string, number>();
  for (const row of rows) {
    const key = matchKey(row.employeeNumber);
    const firstLine = listedNumbers.get(key);
    if (firstLine !== undefined) {
      throw new Error(
        `Employee number "${row.employeeNumber}" is on lines ${firstLine} ` +
          `and ${row.line}. Remove duplicates with parseRoster before planning.`,
      );
    }
    listedNumbers.set(key, row.line);

    const user = usersByNumber.get(key);
    if (user === undefined) {
      plan.create.push(row);
      continue;
    }
    const changedFields = compareUser(user, row);
    if (changedFields.length === 0) {
      plan.unchanged += 1;
    } else {
      plan.update.push({ userId: user.id, row, changedFields });
    }
  }

  if (options.deactivateMissing) {
    const keep = new Set(
      (options.rejectedEmployeeNumbers ?? []).map((number) => matchKey(number)),
    );
    for (const user of existingUsers) {
      const key = matchKey(user.employeeNumber);
      if (
        user.status === "active" &&
        !listedNumbers.has(key) &&
        !keep.has(key)
      ) {
        plan.deactivate.push({
          userId: user.id,
          employeeNumber: user.employeeNumber,
        });
      }
    }
  }
  return plan;
}

/** Reduces an employee number to the form compared when matching. */
function matchKey(employeeNumber: string): string {
  return employeeNumber.trim().toLowerCase();
}

/** Lists the fields in which `row` differs from the stored user. */
function compareUser(user: ExistingRosterUser, row: RosterRow): ChangedField[] {
  const changed: ChangedField[] = [];
  if (user.firstName !== row.firstName) {
    changed.push("firstName");
  }
  if (user.lastName !== row.lastName) {
    changed.push("lastName");
  }
  if (user.email !== row.email) {
    changed.push("email");
  }
  if (user.phone !== row.phone) {
    changed.push("phone");
  }
  if (!haveSameMembers(user.storeIds, row.storeIds)) {
    changed.push("storeIds");
  }
  if (user.roleId !== row.roleId) {
    changed.push("roleId");
  }
  if (user.status !== "active") {
    changed.push("status");
  }
  return changed;
}

function haveSameMembers(
  left: readonly StoreId[],
  right: readonly StoreId[],
): boolean {
  const leftSet = new Set(left);
  const rightSet = new Set(right);
  return (
    leftSet.size === rightSet.size &&
    [...leftSet].every((id) => rightSet.has(id))
  );
}

/** A user as the import compares them with a roster row. */
export interface ExistingRosterUser {
  readonly id: UserId;
  readonly employeeNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly storeIds: readonly StoreId[];
  readonly roleId: RoleId;
  readonly status: "active" | "deactivated";
}

export interface RosterImportOptions {
  /** Whether active users missing from the file are deactivated. */
  readonly deactivateMissing: boolean;
  /** Employee numbers of rejected rows, whose users are never deactivated. */
  readonly rejectedEmployeeNumbers?: readonly string[];
}

/** A field of a user that an import can change. */
export type ChangedField =
  | "firstName"
  | "lastName"
  | "email"
  | "phone"
  | "storeIds"
  | "roleId"
  | "status";

export interface RosterImportPlan {
  /** Rows whose employee number matches no user. */
  create: RosterRow[];
  /** Matched users that differ from their row, with the differing fields. */
  update: { userId: UserId; row: RosterRow; changedFields: ChangedField[] }[];
  /** Number of matched users that already equal their row. */
  unchanged: number;
  /** Active users missing from the file, when `deactivateMissing` is set. */
  deactivate: { userId: UserId; employeeNumber: string }[];
}
