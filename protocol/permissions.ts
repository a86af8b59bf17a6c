import { z } from "zod";

/** Every permission a role can carry. */
export const PERMISSIONS = [
  "pin.reset",
  "user.unlock",
  "user.manage",
  "role.manage",
  "store.manage",
  "kiosk.enroll",
  "audit.read",
  "control-panel.access",
  "settings.manage",
] as const;

export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Role levels: 1 employee, 2 supervisor, 3 manager, 4 administrator. */
export const RoleLevel = z.number().int().min(1).max(4);
export type RoleLevel = z.infer<typeof RoleLevel>;

export const MAX_ROLE_LEVEL = 4;

export interface BuiltInRole {
  readonly id: string;
  readonly name: string;
  readonly level: RoleLevel;
  readonly permissions: readonly Permission[];
}

const SUPERVISOR_PERMISSIONS: readonly Permission[] = [
  "pin.reset",
  "user.unlock",
];

const MANAGER_PERMISSIONS: readonly Permission[] = [
  ...SUPERVISOR_PERMISSIONS,
  "kiosk.enroll",
  "audit.read",
  "user.manage",
  "control-panel.access",
];

/** The four roles every organisation has; they cannot be deleted. */
export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  { id: "employee", name: "Employee", level: 1, permissions: [] },
  {
    id: "supervisor",
    name: "Supervisor",
    level: 2,
    permissions: SUPERVISOR_PERMISSIONS,
  },
  {
    id: "manager",
    name: "Manager",
    level: 3,
    permissions: MANAGER_PERMISSIONS,
  },
  {
    id: "administrator",
    name: "Administrator",
    level: 4,
    permissions: PERMISSIONS,
  },
];
