import { z } from "zod";
import {
  EmployeeNumber,
  RoleId,
  StoreGroupId,
  StoreId,
  TabletId,
  UserId,
} from "../ids";
import { PinInput } from "../pin";
import { LockStateSchema, RoleSummary } from "../rest/kioskUser";
import { AdminProof } from "./adminSession";

/** Maximum number of users on one page of the control panel's user list. */
export const ADMIN_USER_PAGE_SIZE_MAX = 200;
export const ADMIN_USER_PAGE_SIZE_DEFAULT = 50;
/** Highest page number accepted, so the row offset stays a safe integer. */
export const ADMIN_USER_PAGE_MAX = 1_000_000;
export const PERSON_NAME_MAX_CHARACTERS = 100;

/** `+`, then the country code and number: 7 to 15 digits as in E.164. */
const PHONE_PATTERN = /^\+\d{7,15}$/;

/**
 * A first or last name: Unicode NFC, trimmed, inner whitespace made one
 * space, 1 to 100 characters of any script and no control characters.
 */
export const PersonName = z
  .string()
  .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, { error: "must not be empty" })
      .refine((value) => !/\p{Cc}/u.test(value), {
        error: "must not contain control characters",
      })
      .refine((value) => [...value].length <= PERSON_NAME_MAX_CHARACTERS, {
        error: `must have at most ${PERSON_NAME_MAX_CHARACTERS} characters`,
      }),
  );

/** An e-mail address, or null for none. */
export const EmailAddress = z
  .email({ error: "must be an e-mail address such as name@example.com" })
  .max(254)
  .nullable();

/** A phone number in E.164 form such as +15550100, or null for none. */
export const PhoneNumber = z
  .string()
  .regex(PHONE_PATTERN, {
    error: "must be + and 7 to 15 digits, such as +15550100",
  })
  .nullable();

export const AdminUserStatus = z.enum(["active", "deactivated"]);
export type AdminUserStatus = z.infer<typeof AdminUserStatus>;

/**
 * The state of a user's PIN: `none` before the first reset, `chosen` when
 * the user picked it, `temporary` when it must be replaced at next sign-in.
 */
export const AdminPinState = z.enum(["none", "chosen", "temporary"]);
export type AdminPinState = z.infer<typeof AdminPinState>;

/** Path parameters of routes under `/api/admin/users/:userId`. */
export const AdminUserParams = z.object({ userId: UserId });
export type AdminUserParams = z.infer<typeof AdminUserParams>;

/** Query of `GET /api/admin/users`. Every filter is optional. */
export const AdminUserListQuery = z.object({
  /** Matches part of the name, the employee number or the e-mail address. */
  search: z.string().trim().max(100).optional(),
  /** Users who belong to this store, directly or through a group. */
  storeId: StoreId.optional(),
  roleId: RoleId.optional(),
  status: AdminUserStatus.optional(),
  /** `locked` matches a lock that still holds at the time of the request. */
  lockState: z.enum(["locked", "unlocked"]).optional(),
  page: z.coerce.number().int().min(1).max(ADMIN_USER_PAGE_MAX).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(ADMIN_USER_PAGE_SIZE_MAX)
    .default(ADMIN_USER_PAGE_SIZE_DEFAULT),
});
export type AdminUserListQuery = z.infer<typeof AdminUserListQuery>;

/** One user in the control panel's list. */
export const AdminUserRow = z.object({
  id: UserId,
  employeeNumber: EmployeeNumber,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: RoleSummary,
  /** Stores assigned directly. */
  storeIds: z.array(StoreId),
  /** Groups of stores assigned. */
  groupIds: z.array(StoreGroupId),
  /** Every store the user belongs to, directly or through a group. */
  effectiveStoreIds: z.array(StoreId),
  orgWide: z.boolean(),
  status: AdminUserStatus,
  /** The lock as it holds at the time of the request. */
  lock: LockStateSchema,
  pin: AdminPinState,
  version: z.number().int().min(1),
});
export type AdminUserRow = z.infer<typeof AdminUserRow>;

export const AdminUserListResponse = z.object({
  users: z.array(AdminUserRow),
  /** Users matching the filters, over all pages. */
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type AdminUserListResponse = z.infer<typeof AdminUserListResponse>;

/** A user with the details of their lock and PIN. */
export const AdminUserDetail = AdminUserRow.extend({
  /** Consecutive failed PINs since the last success, unlock or reset. */
  failedAttempts: z.number().int().min(0),
  /** Time of the last failed PIN, ms since the epoch. */
  lastFailureAt: z.number().int().nullable(),
  /** The tablet of the last failed PIN, if a tablet reported it. */
  lastFailureTablet: z
    .object({ id: TabletId, label: z.string().nullable() })
    .nullable(),
  /** When the current PIN was set, ms since the epoch. */
  pinSetAt: z.number().int().nullable(),
  /** When a temporary PIN stops working, ms since the epoch. */
  pinExpiresAt: z.number().int().nullable(),
  /** Whether the user's role uses passkeys, so a registration grant helps. */
  canRegisterPasskeys: z.boolean(),
});
export type AdminUserDetail = z.infer<typeof AdminUserDetail>;

const StoreIdList = z.array(StoreId).max(1000);
const GroupIdList = z.array(StoreGroupId).max(1000);

/**
 * Body of `POST /api/admin/users`. The user starts without a PIN; a PIN
 * reset gives them a temporary one.
 */
export const AdminUserCreateRequest = z.object({
  employeeNumber: EmployeeNumber,
  firstName: PersonName,
  lastName: PersonName,
  email: EmailAddress.default(null),
  phone: PhoneNumber.default(null),
  roleId: RoleId,
  storeIds: StoreIdList.default([]),
  groupIds: GroupIdList.default([]),
  /** Only an actor whose scope is the whole organisation may set it. */
  orgWide: z.boolean().default(false),
});
export type AdminUserCreateRequest = z.infer<typeof AdminUserCreateRequest>;

/**
 * Body of `PATCH /api/admin/users/:userId`: the fields to change. A new
 * `roleId` needs the actor's `proof`.
 */
export const AdminUserPatchRequest = z
  .object({
    firstName: PersonName.optional(),
    lastName: PersonName.optional(),
    email: EmailAddress.optional(),
    phone: PhoneNumber.optional(),
    roleId: RoleId.optional(),
    storeIds: StoreIdList.optional(),
    groupIds: GroupIdList.optional(),
    orgWide: z.boolean().optional(),
    proof: AdminProof.optional(),
  })
  .refine(
    (patch) =>
      Object.entries(patch).some(
        ([key, value]) => key !== "proof" && value !== undefined,
      ),
    { error: "must change at least one field" },
  );
export type AdminUserPatchRequest = z.infer<typeof AdminUserPatchRequest>;

/** Body of the deactivate and unlock actions: the actor's fresh proof. */
export const AdminUserProofRequest = z.object({ proof: AdminProof });
export type AdminUserProofRequest = z.infer<typeof AdminUserProofRequest>;

/** Body of `POST /api/admin/users/:userId/reactivate`; it needs no proof. */
export const AdminUserReactivateRequest = z.object({}).default({});
export type AdminUserReactivateRequest = z.infer<
  typeof AdminUserReactivateRequest
>;

/**
 * Body of `POST /api/admin/users/:userId/pin-reset`. Without `temporaryPin`
 * the hub generates a random one. The response is `PinResetResponse`.
 */
export const AdminPinResetRequest = z.object({
  proof: AdminProof,
  temporaryPin: PinInput.optional(),
});
export type AdminPinResetRequest = z.infer<typeof AdminPinResetRequest>;
