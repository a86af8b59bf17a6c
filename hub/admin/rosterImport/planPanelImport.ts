import { createHash } from "node:crypto";
import type {
  RoleId,
  RosterFieldChange,
  RosterImportPlanView,
  RosterImportRowError,
  UserId,
} from "../../../protocol";
import { countBadRows } from "../../roster/countBadRows";
import { parseRoster } from "../../roster/parseRoster";
import { readRosterCsv } from "../../roster/readRosterCsv";
import {
  planRosterImport,
  type ChangedField,
  type RosterImportPlan,
} from "../../roster/planRosterImport";
import type { RosterRow } from "../../roster/rosterRow";
import type { HubContext } from "../../services/hubContext";
import type { UserRecord } from "../../storage/records";
import type { AdminPrincipal } from "../adminPrincipal";

/** A roster file read and compared with the users, as the panel shows it. */
export interface PanelImportPlan {
  readonly rowCount: number;
  readonly readyRowCount: number;
  readonly badRowCount: number;
  readonly errors: RosterImportRowError[];
  readonly plan: RosterImportPlan;
  readonly view: RosterImportPlanView;
  /** SHA-256 of the view and the options, base64url: names what would be applied. */
  readonly fingerprint: string;
}

/**
 * Reads a roster file and plans the import as the actor may run it. On top
 * of the file's own problems, a row is an error when it gives a role at or
 * above the actor's level, or when it changes a user at or above that level.
 * Users at or above the actor's level, the actor, and people whose row is
 * bad are never deactivated.
 */
export async function planPanelImport(
  context: HubContext,
  principal: AdminPrincipal,
  request: { csv: string; deactivateMissing: boolean },
): Promise<PanelImportPlan> {
  const { storage } = context;
  const roles = await storage.org.listRoles();
  const parsed = parseRoster(request.csv, {
    stores: await storage.org.listStores(),
    roles,
  });
  const users = await storage.users.list();
  const levelOfRole = new Map(roles.map((role) => [role.id, role.level]));
  const actorLevel = principal.actor.role.level;
  const levelOf = (roleId: RoleId): number => levelOfRole.get(roleId) ?? 0;
  const usersByNumber = new Map(
    users.map((user) => [user.employeeNumber.toLowerCase(), user]),
  );

  const errors: RosterImportRowError[] = [...parsed.errors];
  const rows: RosterRow[] = [];
  for (const row of parsed.rows) {
    const problem = levelProblem(
      row,
      usersByNumber.get(row.employeeNumber.toLowerCase()),
      actorLevel,
      levelOf,
    );
    if (problem === null) {
      rows.push(row);
    } else {
      errors.push({
        line: row.line,
        employeeNumber: row.employeeNumber,
        field: "role",
        column: parsed.headers?.role ?? "role",
        message: problem,
      });
    }
  }
  errors.sort((left, right) => left.line - right.line);

  const protectedNumbers = users
    .filter(
      (user) =>
        levelOf(user.roleId) >= actorLevel ||
        user.id === principal.actor.user.id,
    )
    .map((user) => user.employeeNumber);
  const plan = planRosterImport(rows, users, {
    deactivateMissing: request.deactivateMissing,
    rejectedEmployeeNumbers: [
      ...errors.flatMap((error) => error.employeeNumber ?? []),
      ...protectedNumbers,
    ],
  });
  const view = toPlanView(plan, new Map(users.map((user) => [user.id, user])));
  return {
    rowCount: countDataRows(request.csv),
    readyRowCount: rows.length,
    badRowCount: countBadRows(errors),
    errors,
    plan,
    view,
    fingerprint: fingerprintOf(view, request.deactivateMissing),
  };
}

/** Returns why the actor may not import `row`, or null when they may. */
function levelProblem(
  row: RosterRow,
  existing: UserRecord | undefined,
  actorLevel: number,
  levelOf: (roleId: RoleId) => number,
): string | null {
  if (levelOf(row.roleId) >= actorLevel) {
    return `Role level ${levelOf(row.roleId)} is not below your own level (${actorLevel}). Give the person a lower role, or ask someone with a higher role to import this row.`;
  }
  if (existing && levelOf(existing.roleId) >= actorLevel) {
    return `${existing.firstName} ${existing.lastName} holds a role at or above your own level (${actorLevel}), so you cannot change them. Remove the row, or ask someone with a higher role.`;
  }
  return null;
}

/** Counts the file's non-blank data rows, good and bad; 0 for an unreadable file. */
function countDataRows(text: string): number {
  const csv = readRosterCsv(text);
  return csv.ok ? Math.max(csv.records.length - 1, 0) : 0;
}

function toPlanView(
  plan: RosterImportPlan,
  usersById: ReadonlyMap<UserId, UserRecord>,
): RosterImportPlanView {
  return {
    create: plan.create.map((row) => ({
      line: row.line,
      employeeNumber: row.employeeNumber,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      phone: row.phone,
      storeIds: [...row.storeIds],
      roleId: row.roleId,
    })),
    update: plan.update.map(({ userId, row, changedFields }) => {
      const user = usersById.get(userId);
      return {
        line: row.line,
        userId,
        employeeNumber: user?.employeeNumber ?? row.employeeNumber,
        name: user ? `${user.firstName} ${user.lastName}` : "",
        changes: changedFields.map((field) => changeOf(field, user, row)),
      };
    }),
    deactivate: plan.deactivate.map(({ userId, employeeNumber }) => {
      const user = usersById.get(userId);
      return {
        userId,
        employeeNumber,
        name: user ? `${user.firstName} ${user.lastName}` : "",
      };
    }),
    unchanged: plan.unchanged,
  };
}

function changeOf(
  field: ChangedField,
  user: UserRecord | undefined,
  row: RosterRow,
): RosterFieldChange {
  switch (field) {
    case "storeIds":
      return {
        field,
        from: [...(user?.storeIds ?? [])].sort(),
        to: [...row.storeIds].sort(),
      };
    case "status":
      return { field, from: user?.status ?? null, to: "active" };
    default:
      return { field, from: user?.[field] ?? null, to: row[field] };
  }
}

/** Hashes the plan's view and options, so equal plans get equal fingerprints. */
function fingerprintOf(
  view: RosterImportPlanView,
  deactivateMissing: boolean,
): string {
  return createHash("sha256")
    .update(JSON.stringify({ deactivateMissing, view }))
    .digest("base64url");
}
