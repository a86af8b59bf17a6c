import { randomBytes } from "node:crypto";
import {
  canRegisterPasskeys,
  type PasskeyGrant,
  type UserId,
} from "../../protocol";
import { hashAdminSecret } from "../admin/adminTokens";
import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { UserRecord } from "../storage/records";

/** How long a registration grant works. */
export const PASSKEY_GRANT_TTL_MS = 24 * 3_600_000;

/** Crockford's base32 alphabet, as the one-time password codes use. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 characters of 5 random bits each: 80 bits. */
const GRANT_LENGTH = 16;

/** The issuer of a grant: an administrator in the panel, or the command line. */
export interface GrantIssuer {
  readonly actorId: UserId | null;
  readonly via: "control panel" | "command line";
}

/**
 * Issues a one-time grant with which `target` registers a passkey while
 * they have none, valid for 24 hours. Older unused grants of the user stop
 * working, and only the grant's SHA-256 is stored. Returns the grant, to be
 * shown once. Throws PASSKEY_ROLE_NOT_ELIGIBLE when the target's role uses
 * no passkeys (see `canRegisterPasskeys`).
 */
export async function issuePasskeyGrant(
  context: HubContext,
  target: UserRecord,
  issuer: GrantIssuer,
): Promise<PasskeyGrant> {
  const role = await context.storage.org.getRole(target.roleId);
  if (role === null || !canRegisterPasskeys(role)) {
    throw new HubError("PASSKEY_ROLE_NOT_ELIGIBLE", {
      role: role?.name ?? target.roleId,
    });
  }
  let code = "";
  // 256 is a multiple of 32, so `byte & 31` picks every character alike.
  for (const byte of randomBytes(GRANT_LENGTH)) {
    code += CROCKFORD[byte & 31];
  }
  const now = context.now();
  const expiresAt = now + PASSKEY_GRANT_TTL_MS;
  const entry = await context.storage.transaction(async (tx) => {
    await tx.passkeys.voidUnusedGrants(target.id, now);
    await tx.passkeys.createGrant({
      grantHash: hashAdminSecret(code),
      userId: target.id,
      issuedBy: issuer.actorId,
      createdAt: now,
      expiresAt,
    });
    return audit(
      tx,
      {
        kind: "passkey.grant",
        outcome: "success",
        actorId: issuer.actorId,
        targetId: target.id,
        storeIds: await effectiveStoreIds(tx, target),
        details: { via: issuer.via, expiresAt },
      },
      now,
    );
  });
  context.changes.publish([entry]);
  context.logger.info(
    { targetId: target.id, via: issuer.via },
    "passkey registration grant issued",
  );
  return { code: code.match(/.{4}/g)?.join("-") ?? code, expiresAt };
}

/**
 * Checks that `code` (normalised by `PasskeyGrantCode`) is an open grant of
 * `userId`, without using it up. Returns its hash; throws
 * PASSKEY_GRANT_INVALID otherwise.
 */
export async function checkPasskeyGrant(
  context: HubContext,
  userId: UserId,
  code: string,
): Promise<string> {
  const grantHash = hashAdminSecret(code);
  const grant = await context.storage.passkeys.getGrant(grantHash);
  if (
    grant === null ||
    grant.userId !== userId ||
    grant.usedAt !== null ||
    grant.expiresAt <= context.now()
  ) {
    context.logger.info({ userId }, "passkey registration grant rejected");
    throw new HubError(
      "PASSKEY_GRANT_INVALID",
      {},
      {
        fields: [
          { path: "body.grant", message: "is unknown, used or expired" },
        ],
      },
    );
  }
  return grantHash;
}
