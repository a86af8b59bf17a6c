import { z } from "zod";
import { RoleId } from "../ids";
import { Permission, RoleLevel } from "../permissions";

export const ROLE_NAME_MAX_CHARACTERS = 60;

/** A role's name: trimmed, 1 to 60 characters, unique ignoring letter case. */
export const RoleName = z
  .string()
  .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, { error: "must not be empty" })
      .max(ROLE_NAME_MAX_CHARACTERS, {
        error: `must have at most ${ROLE_NAME_MAX_CHARACTERS} characters`,
      })
      .refine((value) => !/\p{Cc}/u.test(value), {
        error: "must not contain control characters",
      }),
  );

/** A set of permissions, each named once. */
const PermissionSet = z
  .array(Permission)
  .refine((permissions) => new Set(permissions).size === permissions.length, {
    error: "must name each permission once",
  });

/** Path parameters of routes under `/api/admin/roles/:roleId`. */
export const AdminRoleParams = z.object({ roleId: RoleId });
export type AdminRoleParams = z.infer<typeof AdminRoleParams>;

/** A role as the control panel shows it. */
export const AdminRole = z.object({
  id: RoleId,
  name: z.string(),
  level: RoleLevel,
  permissions: z.array(Permission),
  /** Built-in roles cannot be deleted and keep their level. */
  builtIn: z.boolean(),
  /** Users holding the role, active or not. */
  userCount: z.number().int().min(0),
});
export type AdminRole = z.infer<typeof AdminRole>;

export const AdminRoleListResponse = z.object({ roles: z.array(AdminRole) });
export type AdminRoleListResponse = z.infer<typeof AdminRoleListResponse>;

/**
 * Body of `POST /api/admin/roles`. The level must be below the actor's, and
 * the actor must hold every permission granted.
 */
export const AdminRoleCreateRequest = z.object({
  name: RoleName,
  level: RoleLevel,
  permissions: PermissionSet,
});
export type AdminRoleCreateRequest = z.infer<typeof AdminRoleCreateRequest>;

/** Body of `PATCH /api/admin/roles/:roleId`: the fields to change. */
export const AdminRolePatchRequest = z
  .object({
    name: RoleName.optional(),
    level: RoleLevel.optional(),
    permissions: PermissionSet.optional(),
  })
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    {
      error: "must change at least one field",
    },
  );
export type AdminRolePatchRequest = z.infer<typeof AdminRolePatchRequest>;

/** Response of `DELETE /api/admin/roles/:roleId`. */
export const AdminRoleDeleteResponse = z.object({ id: RoleId });
export type AdminRoleDeleteResponse = z.infer<typeof AdminRoleDeleteResponse>;
