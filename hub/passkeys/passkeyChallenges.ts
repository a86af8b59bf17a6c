import { randomBytes } from "node:crypto";
import type { TabletId, UserId } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type {
  ChallengePurpose,
  ChallengeRecord,
} from "../storage/passkeyRepository";

/** Lifetime of a WebAuthn challenge, in milliseconds. */
export const CHALLENGE_TTL_MS = 2 * 60_000;

/** The purpose, user, tablet and session a challenge is bound to; null where one does not apply. */
export interface ChallengeBinding {
  readonly purpose: ChallengePurpose;
  readonly userId: UserId | null;
  readonly tabletId: TabletId | null;
  /** Hash of the kiosk or panel session that asked for the challenge. */
  readonly sessionKey: string | null;
}

/** A newly issued challenge: its id, its bytes and when it expires. */
export interface IssuedChallenge {
  readonly id: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The challenge as base64url, as the client data will carry it. */
  readonly challenge: string;
  readonly expiresAt: number;
}

/** Issues a challenge of 32 random bytes, bound to `binding`, for 2 minutes. */
export async function issueChallenge(
  context: HubContext,
  binding: ChallengeBinding,
  grantHash: string | null = null,
): Promise<IssuedChallenge> {
  const bytes = new Uint8Array(randomBytes(32));
  const challenge = Buffer.from(bytes).toString("base64url");
  const id = randomBytes(18).toString("base64url");
  const now = context.now();
  const expiresAt = now + CHALLENGE_TTL_MS;
  await context.storage.passkeys.createChallenge({
    id,
    challenge,
    purpose: binding.purpose,
    userId: binding.userId,
    tabletId: binding.tabletId,
    sessionKey: binding.sessionKey,
    grantHash,
    createdAt: now,
    expiresAt,
  });
  return { id, bytes, challenge, expiresAt };
}

/**
 * Uses up the challenge `challengeId`: it must exist, be unused and
 * unexpired, and have been issued for the same purpose, user, tablet and
 * session. A challenge is used up even when the response then fails, so each
 * one is tried once. Throws PASSKEY_CHALLENGE_INVALID otherwise.
 */
export async function useChallenge(
  context: HubContext,
  challengeId: string,
  binding: ChallengeBinding,
  fieldPath = "body.challengeId",
): Promise<ChallengeRecord> {
  const { passkeys } = context.storage;
  const now = context.now();
  const record = await passkeys.getChallenge(challengeId);
  const cause = rejectionCause(record, binding, now);
  if (record === null || cause !== null) {
    context.logger.info(
      { challengeId, purpose: binding.purpose, cause },
      "passkey challenge rejected",
    );
    throw invalidChallenge(cause ?? "unknown", fieldPath);
  }
  if (!(await passkeys.useChallenge(challengeId, now))) {
    throw invalidChallenge("already used", fieldPath);
  }
  return record;
}

function invalidChallenge(cause: string, fieldPath: string): HubError {
  return new HubError(
    "PASSKEY_CHALLENGE_INVALID",
    {},
    {
      details: { cause },
      fields: [{ path: fieldPath, message: `is ${cause}` }],
    },
  );
}

function rejectionCause(
  record: ChallengeRecord | null,
  binding: ChallengeBinding,
  now: number,
): string | null {
  if (record === null) {
    return "unknown";
  }
  if (record.usedAt !== null) {
    return "already used";
  }
  if (record.expiresAt <= now) {
    return "expired";
  }
  if (
    record.purpose !== binding.purpose ||
    record.userId !== binding.userId ||
    record.tabletId !== binding.tabletId ||
    record.sessionKey !== binding.sessionKey
  ) {
    return "issued for something else";
  }
  return null;
}
