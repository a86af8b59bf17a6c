import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, RoleId, StoreId, UserId } from "../../protocol";
import { parseRoster } from "../../hub/roster/parseRoster";
import type { RosterRow } from "../../hub/roster/parseRoster";
import { planRosterImport } from "../../hub/roster/planRosterImport";
import type {
  ChangedField,
  ExistingRosterUser,
} from "../../hub/roster/planRosterImport";

const S01 = StoreId.parse("s01");
const S02 = StoreId.parse("s02");
const S03 = StoreId.parse("s03");
const EMPLOYEE = RoleId.parse("employee");
const MANAGER = RoleId.parse("manager");

const ANA_ROW: RosterRow = {
  line: 2,
  employeeNumber: "E1001",
  firstName: "Ana",
  lastName: "Lima",
  email: "ana.lima@example.com",
  phone: null,
  storeIds: [S01, S02],
  roleId: EMPLOYEE,
};

const ANA_USER: ExistingRosterUser = {
  id: UserId.parse("user-ana"),
  employeeNumber: "E1001",
  firstName: "Ana",
  lastName: "Lima",
  email: "ana.lima@example.com",
  phone: null,
  storeIds: [S01, S02],
  roleId: EMPLOYEE,
  status: "active",
};

const OMAR_USER: ExistingRosterUser = {
  ...ANA_USER,
  id: UserId.parse("user-omar"),
  employeeNumber: "E1002",
  firstName: "Omar",
  lastName: "Haddad",
  email: null,
};

const KEEP = { deactivateMissing: false };

describe("planRosterImport", () => {
  it("creates a new person", () => {
    const plan = planRosterImport([ANA_ROW], [], KEEP);
    expect(plan.create).toEqual([ANA_ROW]);
  });

  it("counts an unchanged person", () => {
    const plan = planRosterImport([ANA_ROW], [ANA_USER], KEEP);
    expect(plan).toEqual({
      create: [],
      update: [],
      unchanged: 1,
      deactivate: [],
    });
  });

  it.each([
    ["first name", "firstName", { firstName: "Ana María" }],
    ["last name", "lastName", { lastName: "Lima Souza" }],
    ["e-mail removed", "email", { email: null }],
    ["e-mail changed", "email", { email: "ana@example.org" }],
    ["phone added", "phone", { phone: "+15550100" }],
    ["store removed", "storeIds", { storeIds: [S01] }],
    ["store swapped", "storeIds", { storeIds: [S01, S03] }],
    ["role changed", "roleId", { roleId: MANAGER }],
  ] satisfies [string, ChangedField, Partial<RosterRow>][])(
    "updates %s",
    (_name, field, change) => {
      const row: RosterRow = { ...ANA_ROW, ...change };
      const plan = planRosterImport([row], [ANA_USER], KEEP);
      expect(plan.update).toEqual([
        { userId: ANA_USER.id, row, changedFields: [field] },
      ]);
    },
  );

  it("lists several changed fields", () => {
    const row = { ...ANA_ROW, lastName: "Souza", roleId: MANAGER };
    const plan = planRosterImport([row], [ANA_USER], KEEP);
    expect(plan.update[0]?.changedFields).toEqual(["lastName", "roleId"]);
  });

  it("ignores store order", () => {
    const row = { ...ANA_ROW, storeIds: [S02, S01] };
    const plan = planRosterImport([row], [ANA_USER], KEEP);
    expect(plan.unchanged).toBe(1);
  });

  it("ignores repeated stores", () => {
    const user = { ...ANA_USER, storeIds: [S01, S02, S01] };
    const plan = planRosterImport([ANA_ROW], [user], KEEP);
    expect(plan.unchanged).toBe(1);
  });

  it("reactivates a listed user", () => {
    const user: ExistingRosterUser = { ...ANA_USER, status: "deactivated" };
    const plan = planRosterImport([ANA_ROW], [user], KEEP);
    expect(plan.update).toEqual([
      { userId: ANA_USER.id, row: ANA_ROW, changedFields: ["status"] },
    ]);
  });

  it("reactivates with changes", () => {
    const user: ExistingRosterUser = { ...ANA_USER, status: "deactivated" };
    const row = { ...ANA_ROW, firstName: "Anna" };
    const plan = planRosterImport([row], [user], KEEP);
    expect(plan.update[0]?.changedFields).toEqual(["firstName", "status"]);
  });

  it("matches numbers ignoring case", () => {
    const row = { ...ANA_ROW, employeeNumber: "e1001" };
    const plan = planRosterImport([row], [ANA_USER], KEEP);
    expect(plan.unchanged).toBe(1);
  });

  it("creates nothing for other case", () => {
    const row = { ...ANA_ROW, employeeNumber: "e1001" };
    const plan = planRosterImport([row], [ANA_USER], KEEP);
    expect(plan.create).toEqual([]);
  });

  it("keeps missing users by default", () => {
    const plan = planRosterImport([ANA_ROW], [ANA_USER, OMAR_USER], KEEP);
    expect(plan.deactivate).toEqual([]);
  });

  it("deactivates missing users", () => {
    const plan = planRosterImport([ANA_ROW], [ANA_USER, OMAR_USER], {
      deactivateMissing: true,
    });
    expect(plan.deactivate).toEqual([
      { userId: OMAR_USER.id, employeeNumber: "E1002" },
    ]);
  });

  it("skips already deactivated users", () => {
    const omar: ExistingRosterUser = { ...OMAR_USER, status: "deactivated" };
    const plan = planRosterImport([ANA_ROW], [ANA_USER, omar], {
      deactivateMissing: true,
    });
    expect(plan.deactivate).toEqual([]);
  });

  it("keeps users of rejected rows", () => {
    const plan = planRosterImport([ANA_ROW], [ANA_USER, OMAR_USER], {
      deactivateMissing: true,
      rejectedEmployeeNumbers: ["e1002"],
    });
    expect(plan.deactivate).toEqual([]);
  });

  it("keeps a user listed in other case", () => {
    const row = { ...ANA_ROW, employeeNumber: "e1001" };
    const plan = planRosterImport([row], [ANA_USER], {
      deactivateMissing: true,
    });
    expect(plan.deactivate).toEqual([]);
  });

  it("rejects repeated employee numbers", () => {
    const again = { ...ANA_ROW, line: 7, employeeNumber: "E1001" };
    expect(() => planRosterImport([ANA_ROW, again], [], KEEP)).toThrow(
      'Employee number "E1001" is on lines 2 and 7.',
    );
  });
});

describe("planRosterImport, demo roster", () => {
  const text = readFileSync(
    new URL("../../hub/demo/roster.csv", import.meta.url),
    "utf8",
  );
  const lookup = {
    stores: [
      { id: S01, code: "S01", name: "Downtown" },
      { id: S02, code: "S02", name: "Harbour" },
      { id: S03, code: "S03", name: "Airport" },
    ],
    roles: BUILT_IN_ROLES.map((role) => ({
      id: RoleId.parse(role.id),
      name: role.name,
      level: role.level,
    })),
  };
  const { rows } = parseRoster(text, lookup);

  it("creates everyone the first time", () => {
    const plan = planRosterImport(rows, [], KEEP);
    expect(plan.create).toHaveLength(120);
  });

  it("changes nothing the second time", () => {
    const users = rows.map((row, index) => ({
      ...row,
      id: UserId.parse(`user-${index}`),
      status: "active" as const,
    }));
    const plan = planRosterImport(rows, users, { deactivateMissing: true });
    expect(plan).toEqual({
      create: [],
      update: [],
      unchanged: 120,
      deactivate: [],
    });
  });
});
