import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { StoreId, UserId } from "../../protocol";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { ApiScope, ApiTokenRecord } from "../storage/apiTokenRepository";

/** Prefix that makes a Storefloor token recognisable, e.g. to secret scanners. */
const TOKEN_PREFIX = "sft_";

/** Longest a token may live, in days. */
export const API_TOKEN_MAX_DAYS = 365;

/**
 * Creates an API token and returns it with its id. The token is shown to the
 * caller once; the hub keeps only its SHA-256.
 */
export async function createApiToken(
  context: HubContext,
  options: {
    name: string;
    scopes: readonly ApiScope[];
    storeIds: readonly StoreId[] | null;
    days: number;
    createdBy: UserId | null;
  },
): Promise<{ id: string; token: string; expiresAt: number }> {
  const now = context.now();
  const id = randomUUID();
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt =
    now + Math.min(options.days, API_TOKEN_MAX_DAYS) * 86_400_000;
  await context.storage.transaction(async (tx) => {
    await tx.apiTokens.create({
      id,
      name: options.name,
      tokenHash: hashToken(token),
      scopes: options.scopes,
      storeIds: options.storeIds,
      createdAt: now,
      expiresAt,
      createdBy: options.createdBy,
    });
    await audit(
      tx,
      {
        kind: "api-token.create",
        outcome: "success",
        actorId: options.createdBy,
        storeIds: options.storeIds ?? [],
        details: {
          tokenId: id,
          name: options.name,
          scopes: options.scopes,
          expiresAt,
        },
      },
      now,
    );
  });
  return { id, token, expiresAt };
}

/**
 * Returns the token's record when it is known, unexpired, unrevoked and
 * carries `scope`; otherwise throws API_TOKEN_INVALID or SCOPE_MISSING.
 */
export async function authenticateApiToken(
  context: HubContext,
  token: string | undefined,
  scope: ApiScope,
): Promise<ApiTokenRecord> {
  const now = context.now();
  const record = token
    ? await context.storage.apiTokens.getByHash(hashToken(token))
    : null;
  if (!record || record.revokedAt !== null || record.expiresAt <= now) {
    throw new HubError("API_TOKEN_INVALID");
  }
  if (!record.scopes.includes(scope)) {
    throw new HubError("SCOPE_MISSING", { scope });
  }
  await context.storage.apiTokens.markUsed(record.id, now);
  return record;
}

/** Revokes a token by id; throws API_TOKEN_INVALID when there is none to revoke. */
export async function revokeApiToken(
  context: HubContext,
  id: string,
  actorId: UserId | null,
): Promise<void> {
  const now = context.now();
  const revoked = await context.storage.apiTokens.revoke(id, now);
  if (!revoked) {
    throw new HubError("API_TOKEN_INVALID");
  }
  await audit(
    context.storage,
    {
      kind: "api-token.revoke",
      outcome: "success",
      actorId,
      details: { tokenId: id },
    },
    now,
  );
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
