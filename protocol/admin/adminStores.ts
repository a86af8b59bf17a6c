import { z } from "zod";
import { StoreGroupId, StoreId } from "../ids";

export const STORE_NAME_MAX_CHARACTERS = 100;

/** Area/Location names of the IANA time zone database, plus `UTC`. */
const TIME_ZONE_PATTERN = /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/;

/** Checks whether the runtime's time zone data contains `name`. */
function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name such as `Europe/Madrid`. */
export const TimeZoneName = z
  .string()
  .trim()
  .refine((value) => TIME_ZONE_PATTERN.test(value) && isKnownTimeZone(value), {
    error: "must be an IANA time zone such as Europe/Madrid",
  });

/** A store's or group's display name. */
const DisplayName = z
  .string()
  .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, { error: "must not be empty" })
      .max(STORE_NAME_MAX_CHARACTERS, {
        error: `must have at most ${STORE_NAME_MAX_CHARACTERS} characters`,
      })
      .refine((value) => !/\p{Cc}/u.test(value), {
        error: "must not contain control characters",
      }),
  );

/**
 * A store's short code, as the roster's store column names it: 1 to 16
 * letters, digits, dots, dashes or underscores, unique ignoring case.
 */
export const StoreCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/, {
    error: "must be 1 to 16 letters, digits, dots, dashes or underscores",
  });

/** Path parameters of routes under `/api/admin/stores/:storeId`. */
export const AdminStoreParams = z.object({ storeId: StoreId });
export type AdminStoreParams = z.infer<typeof AdminStoreParams>;

/** A store as the control panel shows it. */
export const AdminStore = z.object({
  id: StoreId,
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  /** Groups of stores the store belongs to. */
  groupIds: z.array(StoreGroupId),
});
export type AdminStore = z.infer<typeof AdminStore>;

export const AdminStoreListResponse = z.object({ stores: z.array(AdminStore) });
export type AdminStoreListResponse = z.infer<typeof AdminStoreListResponse>;

/** Body of `POST /api/admin/stores`. */
export const AdminStoreCreateRequest = z.object({
  code: StoreCode,
  name: DisplayName,
  timeZone: TimeZoneName,
});
export type AdminStoreCreateRequest = z.infer<typeof AdminStoreCreateRequest>;

/** Body of `PATCH /api/admin/stores/:storeId`: the fields to change. */
export const AdminStorePatchRequest = z
  .object({
    name: DisplayName.optional(),
    timeZone: TimeZoneName.optional(),
  })
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    {
      error: "must change at least one field",
    },
  );
export type AdminStorePatchRequest = z.infer<typeof AdminStorePatchRequest>;

/** Path parameters of routes under `/api/admin/groups/:groupId`. */
export const AdminGroupParams = z.object({ groupId: StoreGroupId });
export type AdminGroupParams = z.infer<typeof AdminGroupParams>;

/** A group of stores as the control panel shows it. */
export const AdminGroup = z.object({
  id: StoreGroupId,
  name: z.string(),
  storeIds: z.array(StoreId),
});
export type AdminGroup = z.infer<typeof AdminGroup>;

export const AdminGroupListResponse = z.object({ groups: z.array(AdminGroup) });
export type AdminGroupListResponse = z.infer<typeof AdminGroupListResponse>;

const GroupStoreIds = z
  .array(StoreId)
  .max(1000)
  .refine((ids) => new Set(ids).size === ids.length, {
    error: "must name each store once",
  });

/** Body of `POST /api/admin/groups`. */
export const AdminGroupCreateRequest = z.object({
  name: DisplayName,
  storeIds: GroupStoreIds.default([]),
});
export type AdminGroupCreateRequest = z.infer<typeof AdminGroupCreateRequest>;

/** Body of `PATCH /api/admin/groups/:groupId`: a new name, new stores, or both. */
export const AdminGroupPatchRequest = z
  .object({
    name: DisplayName.optional(),
    storeIds: GroupStoreIds.optional(),
  })
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    {
      error: "must change at least one field",
    },
  );
export type AdminGroupPatchRequest = z.infer<typeof AdminGroupPatchRequest>;
