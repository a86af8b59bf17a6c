import { z } from "zod";
import { StoreId, TabletId } from "../ids";
import { StoreSummary } from "../rest/stores";
import { AdminProof } from "./adminSession";

/** Query of `GET /api/admin/tablets`: all tablets in scope, or one store's. */
export const AdminTabletsQuery = z.object({
  storeId: StoreId.optional(),
});
export type AdminTabletsQuery = z.infer<typeof AdminTabletsQuery>;

export const AdminTabletStatus = z.enum(["active", "revoked", "stolen"]);
export type AdminTabletStatus = z.infer<typeof AdminTabletStatus>;

/** An enrolled tablet as the control panel lists it. Times in ms since the epoch. */
export const AdminTablet = z.object({
  id: TabletId,
  label: z.string(),
  store: StoreSummary,
  status: AdminTabletStatus,
  /** Whether the tablet's socket is connected to the hub right now. */
  online: z.boolean(),
  enrolledAt: z.number().int(),
  /** Last time the tablet proved its key or synced; null before either. */
  lastSeenAt: z.number().int().nullable(),
  /** Hub time of the last acknowledged pull or push; null before the first. */
  lastSyncAt: z.number().int().nullable(),
  /** The change-log position the tablet last acknowledged. */
  lastSyncSeq: z.number().int().min(0),
  /** Changes of its store written after `lastSyncSeq`, still to reach it. */
  pendingChanges: z.number().int().min(0),
  /** When the tablet was revoked or reported stolen; null while active. */
  revokedAt: z.number().int().nullable(),
});
export type AdminTablet = z.infer<typeof AdminTablet>;

export const AdminTabletsResponse = z.object({
  tablets: z.array(AdminTablet),
});
export type AdminTabletsResponse = z.infer<typeof AdminTabletsResponse>;

/**
 * Body of `POST /api/admin/stores/:storeId/enrollment-codes`; the path
 * parameters are `AdminStoreParams`.
 */
export const AdminEnrollmentCodeRequest = z.object({
  proof: AdminProof,
});
export type AdminEnrollmentCodeRequest = z.infer<
  typeof AdminEnrollmentCodeRequest
>;

export const AdminEnrollmentCodeResponse = z.object({
  /** The code, formatted in groups like `7KQ2-M9XD-4HTP`; shown once. */
  code: z.string(),
  store: StoreSummary,
  /** When the code stops working, in ms since the epoch. */
  expiresAt: z.number().int(),
});
export type AdminEnrollmentCodeResponse = z.infer<
  typeof AdminEnrollmentCodeResponse
>;

/** Path parameters of routes under `/api/admin/tablets/:tabletId`. */
export const AdminTabletParams = z.object({ tabletId: TabletId });
export type AdminTabletParams = z.infer<typeof AdminTabletParams>;

/** Body of `POST /api/admin/tablets/:tabletId/revoke` and `/report-stolen`. */
export const AdminTabletRevokeRequest = z.object({
  proof: AdminProof,
});
export type AdminTabletRevokeRequest = z.infer<typeof AdminTabletRevokeRequest>;

/** The tablet after its revocation or theft report. */
export const AdminTabletRevokeResponse = z.object({
  tablet: AdminTablet,
});
export type AdminTabletRevokeResponse = z.infer<
  typeof AdminTabletRevokeResponse
>;
