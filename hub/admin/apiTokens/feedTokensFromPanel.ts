import type {
  AdminFeedToken,
  AdminFeedTokenCreateRequest,
  AdminFeedTokenCreateResponse,
  StoreId,
} from "../../../protocol";
import { createApiToken, revokeApiToken } from "../../feed/apiTokens";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { ApiTokenRecord } from "../../storage/apiTokenRepository";
import { requireOrgWide, requirePermission } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";

/**
 * Checks that the actor may manage feed tokens, which read the whole log:
 * `settings.manage`, organisation-wide.
 */
function requireTokenRights(principal: AdminPrincipal): void {
  requirePermission(principal, "settings.manage");
  requireOrgWide(principal, "manage feed API tokens");
}

/** Lists every feed API token, newest first, without the tokens themselves. */
export async function listFeedTokens(
  context: HubContext,
  principal: AdminPrincipal,
): Promise<AdminFeedToken[]> {
  requireTokenRights(principal);
  const now = context.now();
  return (await context.storage.apiTokens.list()).map((token) =>
    toAdminFeedToken(token, now),
  );
}

/**
 * Creates a feed API token after the actor's password as fresh proof. The
 * token is returned once; the hub keeps its SHA-256 only.
 */
export async function createFeedToken(
  context: HubContext,
  principal: AdminPrincipal,
  request: AdminFeedTokenCreateRequest,
): Promise<AdminFeedTokenCreateResponse> {
  requireTokenRights(principal);
  const storeIds = await checkStores(context, request.storeIds);
  await verifyAdminProof(context, principal, request.proof, "api-token.create");
  const created = await createApiToken(context, {
    name: request.name,
    scopes: [...new Set(request.scopes)],
    storeIds,
    days: request.expiresInDays,
    createdBy: principal.actor.user.id,
  });
  const record = await context.storage.apiTokens.get(created.id);
  if (!record) {
    throw new Error(`API token ${created.id} was not stored`);
  }
  context.logger.info(
    { userId: principal.actor.user.id, tokenId: created.id },
    "feed API token created",
  );
  return {
    token: toAdminFeedToken(record, context.now()),
    secret: created.token,
  };
}

/** Revokes a feed API token; it stops working at once. */
export async function revokeFeedToken(
  context: HubContext,
  principal: AdminPrincipal,
  tokenId: string,
): Promise<AdminFeedToken> {
  requireTokenRights(principal);
  const token = await context.storage.apiTokens.get(tokenId);
  if (!token) {
    throw new HubError("API_TOKEN_NOT_FOUND", { tokenId });
  }
  if (token.revokedAt !== null) {
    throw new HubError("API_TOKEN_ALREADY_REVOKED", { name: token.name });
  }
  await revokeApiToken(context, tokenId, principal.actor.user.id);
  const revoked = await context.storage.apiTokens.get(tokenId);
  if (!revoked) {
    throw new Error(`API token ${tokenId} vanished`);
  }
  context.logger.info(
    { userId: principal.actor.user.id, tokenId },
    "feed API token revoked",
  );
  return toAdminFeedToken(revoked, context.now());
}

/** Throws STORE_UNKNOWN for the first unknown store; null means every store. */
async function checkStores(
  context: HubContext,
  storeIds: readonly StoreId[] | undefined,
): Promise<StoreId[] | null> {
  if (storeIds === undefined) {
    return null;
  }
  const known = new Set(
    (await context.storage.org.listStores()).map((store) => store.id),
  );
  const unknown = storeIds.find((storeId) => !known.has(storeId));
  if (unknown !== undefined) {
    throw new HubError(
      "STORE_UNKNOWN",
      { storeId: unknown },
      {
        fields: [
          {
            path: `body.storeIds.${storeIds.indexOf(unknown)}`,
            message: "is not a known store",
          },
        ],
      },
    );
  }
  return [...new Set(storeIds)];
}

function toAdminFeedToken(token: ApiTokenRecord, now: number): AdminFeedToken {
  const state =
    token.revokedAt !== null
      ? "revoked"
      : token.expiresAt <= now
        ? "expired"
        : "active";
  return {
    id: token.id,
    name: token.name,
    scopes: [...token.scopes],
    storeIds: token.storeIds === null ? null : [...token.storeIds],
    state,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    lastUsedAt: token.lastUsedAt,
  };
}
