import { z } from "zod";

/** Lowercase letters, digits and dashes: a UUID or a built-in role's key. */
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

function idSchema<Brand extends string>(brand: Brand) {
  return z
    .string()
    .regex(ID_PATTERN, `must be an id of lowercase letters, digits and dashes`)
    .brand<Brand>();
}

export const UserId = idSchema("UserId");
export type UserId = z.infer<typeof UserId>;

export const StoreId = idSchema("StoreId");
export type StoreId = z.infer<typeof StoreId>;

export const StoreGroupId = idSchema("StoreGroupId");
export type StoreGroupId = z.infer<typeof StoreGroupId>;

export const RoleId = idSchema("RoleId");
export type RoleId = z.infer<typeof RoleId>;

/** A tablet's own id, made by the tablet on first start. */
export const TabletId = idSchema("TabletId");
export type TabletId = z.infer<typeof TabletId>;

/**
 * Employee number as HR systems issue it: unique in the organisation and the
 * key that matches roster rows to users.
 */
export const EmployeeNumber = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/,
    "must be 1 to 32 letters, digits, dots, dashes or underscores",
  );
export type EmployeeNumber = z.infer<typeof EmployeeNumber>;
