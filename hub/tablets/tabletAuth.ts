import {
  createHmac,
  createPublicKey,
  randomBytes,
  timingSafeEqual,
  verify,
} from "node:crypto";
import {
  tabletAuthMessage,
  type TabletChallengeResponse,
  type TabletId,
  type TabletSessionRequest,
  type TabletSessionResponse,
} from "../../protocol";
import type { TabletRecord } from "../storage/tabletRepository";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";

/** How long a challenge may wait for its signature. */
const CHALLENGE_TTL_MS = 60_000;

/** How long a tablet token works before the tablet proves its key again. */
export const TABLET_TOKEN_TTL_MS = 60 * 60_000;

/** Issues a single-use challenge for a tablet to sign. */
export async function issueTabletChallenge(
  context: HubContext,
  tabletId: TabletId,
): Promise<TabletChallengeResponse> {
  await requireActiveTablet(context, tabletId);
  const challenge = randomBytes(32).toString("base64url");
  const expiresAt = context.now() + CHALLENGE_TTL_MS;
  await context.storage.tablets.createChallenge(challenge, tabletId, expiresAt);
  return { challenge, expiresAt };
}

/**
 * Checks a tablet's signature over its challenge with the public key stored
 * at enrollment and returns a short-lived tablet token.
 */
export async function openTabletSession(
  context: HubContext,
  request: TabletSessionRequest,
): Promise<TabletSessionResponse> {
  const now = context.now();
  const tablet = await requireActiveTablet(context, request.tabletId);

  // The challenge is consumed first, so a failed signature cannot be retried on it.
  const fresh = await context.storage.tablets.consumeChallenge(
    request.challenge,
    tablet.id,
    now,
  );
  const signed =
    fresh && verifySignature(tablet, request.challenge, request.signature);
  if (!signed) {
    await audit(
      context.storage,
      {
        kind: "tablet.auth",
        outcome: "failure",
        tabletId: tablet.id,
        storeIds: [tablet.storeId],
        reason: "TABLET_CHALLENGE_INVALID",
      },
      now,
    );
    context.logger.warn({ tabletId: tablet.id }, "tablet key proof failed");
    throw new HubError("TABLET_CHALLENGE_INVALID");
  }
  await context.storage.tablets.markSeen(tablet.id, now);
  const expiresAt = now + TABLET_TOKEN_TTL_MS;
  return { tabletToken: signToken(context, tablet.id, expiresAt), expiresAt };
}

/**
 * Resolves a tablet token to its active tablet. Throws TABLET_NOT_ENROLLED
 * for a malformed, forged or expired token and TABLET_REVOKED for a tablet
 * revoked since.
 */
export async function authenticateTablet(
  context: HubContext,
  token: string,
): Promise<TabletRecord> {
  const [tabletId, expiresText, mac] = token.split(".");
  const expiresAt = Number(expiresText);
  if (
    !tabletId ||
    !mac ||
    !Number.isSafeInteger(expiresAt) ||
    !macMatches(mac, tokenMac(context, tabletId, expiresAt)) ||
    expiresAt <= context.now()
  ) {
    throw new HubError("TABLET_NOT_ENROLLED");
  }
  return requireActiveTablet(context, tabletId as TabletId);
}

/** Returns the tablet if it is still active, for a socket authenticated earlier. */
export async function authenticateTabletById(
  context: HubContext,
  tabletId: TabletId,
): Promise<TabletRecord> {
  return requireActiveTablet(context, tabletId);
}

async function requireActiveTablet(
  context: HubContext,
  tabletId: TabletId,
): Promise<TabletRecord> {
  const tablet = await context.storage.tablets.get(tabletId);
  if (!tablet) {
    throw new HubError("TABLET_UNKNOWN");
  }
  if (tablet.status !== "active") {
    throw new HubError("TABLET_REVOKED", {
      revokedAt: new Date(tablet.revokedAt ?? 0).toISOString(),
    });
  }
  return tablet;
}

function verifySignature(
  tablet: TabletRecord,
  challenge: string,
  signature: string,
): boolean {
  try {
    const key = createPublicKey({
      key: { ...tablet.publicKey },
      format: "jwk",
    });
    return verify(
      "sha256",
      Buffer.from(tabletAuthMessage(challenge), "utf8"),
      { key, dsaEncoding: "ieee-p1363" },
      Buffer.from(signature, "base64url"),
    );
  } catch {
    return false;
  }
}

function signToken(
  context: HubContext,
  tabletId: TabletId,
  expiresAt: number,
): string {
  return `${tabletId}.${expiresAt}.${tokenMac(context, tabletId, expiresAt)}`;
}

function tokenMac(
  context: HubContext,
  tabletId: string,
  expiresAt: number,
): string {
  return createHmac("sha256", context.secretBox.deriveKey("tablet-token"))
    .update(`${tabletId}.${expiresAt}`)
    .digest("base64url");
}

function macMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
