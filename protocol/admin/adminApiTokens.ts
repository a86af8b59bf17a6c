import { z } from "zod";
import { StoreId } from "../ids";
import { AdminProof } from "./adminSession";

/** Maximum lifetime of a feed API token, in days. */
export const FEED_TOKEN_MAX_DAYS = 365;

/** Permission that a feed API token grants its holder. */
export const FeedTokenScope = z.enum(["feed:read"]);
export type FeedTokenScope = z.infer<typeof FeedTokenScope>;

/** A feed API token as the control panel lists it; never the token itself. */
export const AdminFeedToken = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(FeedTokenScope),
  /** Stores whose entries the token reads; null for the whole organisation. */
  storeIds: z.array(StoreId).nullable(),
  state: z.enum(["active", "expired", "revoked"]),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable(),
});
export type AdminFeedToken = z.infer<typeof AdminFeedToken>;

/** Response of `GET /api/admin/feed-tokens`, newest first. */
export const AdminFeedTokensResponse = z.object({
  tokens: z.array(AdminFeedToken),
});
export type AdminFeedTokensResponse = z.infer<typeof AdminFeedTokensResponse>;

/** Body of `POST /api/admin/feed-tokens`. */
export const AdminFeedTokenCreateRequest = z.object({
  /** Purpose of the token, e.g. "Payroll export". */
  name: z
    .string()
    .trim()
    .min(1, "must say what the token is for")
    .max(80, "must have at most 80 characters"),
  scopes: z
    .array(FeedTokenScope)
    .min(1, "must list at least one scope, such as feed:read"),
  /** Limit the token to these stores; leave out for the whole organisation. */
  storeIds: z
    .array(StoreId)
    .min(1, "must list at least one store, or be left out for all stores")
    .max(1000)
    .optional(),
  expiresInDays: z
    .number({ error: "must be a number of days" })
    .int()
    .min(1)
    .max(FEED_TOKEN_MAX_DAYS),
  proof: AdminProof,
});
export type AdminFeedTokenCreateRequest = z.infer<
  typeof AdminFeedTokenCreateRequest
>;

/** Response of `POST /api/admin/feed-tokens`. */
export const AdminFeedTokenCreateResponse = z.object({
  token: AdminFeedToken,
  /** The token to give the head-office system; shown once, stored hashed. */
  secret: z.string(),
});
export type AdminFeedTokenCreateResponse = z.infer<
  typeof AdminFeedTokenCreateResponse
>;

/** Path parameters of `POST /api/admin/feed-tokens/:tokenId/revoke`. */
export const AdminFeedTokenParams = z.object({
  tokenId: z.uuid({ error: "must be a token id from the token list" }),
});
export type AdminFeedTokenParams = z.infer<typeof AdminFeedTokenParams>;

/** Response of `POST /api/admin/feed-tokens/:tokenId/revoke`. */
export const AdminFeedTokenRevokeResponse = z.object({
  token: AdminFeedToken,
});
export type AdminFeedTokenRevokeResponse = z.infer<
  typeof AdminFeedTokenRevokeResponse
>;
