import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, decideScope } from "../../protocol";
import type {
  Permission,
  ScopeActor,
  ScopeDecision,
  ScopeTarget,
} from "../../protocol";

const SHIFT_LEAD: RoleShape = { level: 2, permissions: ["pin.reset"] };

const ALLOWED: ScopeDecision = { allowed: true };

const CASES: ScopeCase[] = [
  // Allowed
  {
    name: "manager resets employee",
    actor: actor("manager", ["s01"]),
    target: target("employee", ["s01"]),
    permission: "pin.reset",
    expected: ALLOWED,
  },
  {
    name: "supervisor resets employee",
    actor: actor("supervisor", ["s01"]),
    target: target("employee", ["s01"]),
    permission: "pin.reset",
    expected: ALLOWED,
  },
  {
    name: "supervisor unlocks employee",
    actor: actor("supervisor", ["s01"]),
    target: target("employee", ["s01"]),
    permission: "user.unlock",
    expected: ALLOWED,
  },
  {
    name: "manager resets supervisor",
    actor: actor("manager", ["s01"]),
    target: target("supervisor", ["s01"]),
    permission: "pin.reset",
    expected: ALLOWED,
  },
  {
    name: "manager of both stores",
    actor: actor("manager", ["s01", "s02"]),
    target: target("employee", ["s01", "s02"]),
    permission: "pin.reset",
    expected: ALLOWED,
  },
  {
    name: "org-wide administrator",
    actor: actor("administrator", [], { orgWide: true }),
    target: target("manager", ["s03"]),
    permission: "pin.reset",
    expected: ALLOWED,
  },
  {
    name: "org-wide, target without stores",
    actor: actor("administrator", [], { orgWide: true }),
    target: target("employee", []),
    permission: "user.unlock",
    expected: ALLOWED,
  },

  // Missing permission
  {
    name: "employee resets employee",
    actor: actor("employee", ["s01"]),
    target: target("employee", ["s01"], { id: "other-employee" }),
    permission: "pin.reset",
    expected: { allowed: false, reason: "permission-missing" },
  },
  {
    name: "supervisor manages user",
    actor: actor("supervisor", ["s01"]),
    target: target("employee", ["s01"]),
    permission: "user.manage",
    expected: { allowed: false, reason: "permission-missing" },
  },
  {
    name: "manager manages roles",
    actor: actor("manager", ["s01"]),
    target: target("employee", ["s01"]),
    permission: "role.manage",
    expected: { allowed: false, reason: "permission-missing" },
  },
  {
    name: "employee on self",
    actor: actor("employee", ["s01"], { id: "same-user" }),
    target: target("employee", ["s01"], { id: "same-user" }),
    permission: "pin.reset",
    expected: { allowed: false, reason: "permission-missing" },
  },

  // Self-action
  {
    name: "manager resets self",
    actor: actor("manager", ["s01"], { id: "same-user" }),
    target: target("manager", ["s01"], { id: "same-user" }),
    permission: "pin.reset",
    expected: { allowed: false, reason: "self-action" },
  },
  {
    name: "administrator unlocks self",
    actor: actor("administrator", [], { id: "same-user", orgWide: true }),
    target: target("administrator", ["s01"], { id: "same-user" }),
    permission: "user.unlock",
    expected: { allowed: false, reason: "self-action" },
  },

  // Levels
  {
    name: "supervisor resets supervisor",
    actor: actor("supervisor", ["s01"]),
    target: target("supervisor", ["s01"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "level-not-higher" },
  },
  {
    name: "supervisor resets manager",
    actor: actor("supervisor", ["s01"]),
    target: target("manager", ["s01"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "level-not-higher" },
  },
  {
    name: "administrator resets administrator",
    actor: actor("administrator", [], { orgWide: true }),
    target: target("administrator", ["s01"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "level-not-higher" },
  },

  // Scope
  {
    name: "manager, other store",
    actor: actor("manager", ["s01"]),
    target: target("employee", ["s02"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "out-of-scope" },
  },
  {
    name: "target in two stores",
    actor: actor("manager", ["s01"]),
    target: target("employee", ["s01", "s02"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "out-of-scope" },
  },
  {
    name: "administrator not org-wide",
    actor: actor("administrator", ["s01"]),
    target: target("employee", ["s02"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "out-of-scope" },
  },
  {
    name: "target without stores",
    actor: actor("manager", ["s01"]),
    target: target("employee", []),
    permission: "pin.reset",
    expected: { allowed: false, reason: "out-of-scope" },
  },

  // Custom role "Shift lead", level 2 with pin.reset only
  {
    name: "shift lead resets employee",
    actor: actor(SHIFT_LEAD, ["s01"]),
    target: target("employee", ["s01"]),
    permission: "pin.reset",
    expected: ALLOWED,
  },
  {
    name: "shift lead unlocks employee",
    actor: actor(SHIFT_LEAD, ["s01"]),
    target: target("employee", ["s01"]),
    permission: "user.unlock",
    expected: { allowed: false, reason: "permission-missing" },
  },
  {
    name: "shift lead resets supervisor",
    actor: actor(SHIFT_LEAD, ["s01"]),
    target: target("supervisor", ["s01"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "level-not-higher" },
  },
  {
    name: "supervisor resets shift lead",
    actor: actor("supervisor", ["s01"]),
    target: target(SHIFT_LEAD, ["s01"]),
    permission: "pin.reset",
    expected: { allowed: false, reason: "level-not-higher" },
  },
  {
    name: "manager resets shift lead",
    actor: actor("manager", ["s01"]),
    target: target(SHIFT_LEAD, ["s01"]),
    permission: "pin.reset",
    expected: ALLOWED,
  },
];

describe("decideScope", () => {
  it.each(CASES)("$name", ({ actor, target, permission, expected }) => {
    expect(decideScope(actor, target, permission)).toEqual(expected);
  });
});

function actor(
  role: string | RoleShape,
  storeIds: string[],
  options: { id?: string; orgWide?: boolean } = {},
): ScopeActor {
  const shape = roleShape(role);
  return {
    id: options.id ?? "actor",
    level: shape.level,
    permissions: shape.permissions,
    orgWide: options.orgWide ?? false,
    storeIds,
  };
}

function target(
  role: string | RoleShape,
  storeIds: string[],
  options: { id?: string } = {},
): ScopeTarget {
  return { id: options.id ?? "target", level: roleShape(role).level, storeIds };
}

/** Looks up a built-in role by id, or passes a custom role through. */
function roleShape(role: string | RoleShape): RoleShape {
  if (typeof role !== "string") {
    return role;
  }
  const builtIn = BUILT_IN_ROLES.find((candidate) => candidate.id === role);
  if (builtIn === undefined) {
    throw new Error(
      `No built-in role "${role}". Use one of employee, supervisor, manager, administrator.`,
    );
  }
  return builtIn;
}

interface RoleShape {
  readonly level: number;
  readonly permissions: readonly Permission[];
}

interface ScopeCase {
  readonly name: string;
  readonly actor: ScopeActor;
  readonly target: ScopeTarget;
  readonly permission: Permission;
  readonly expected: ScopeDecision;
}
