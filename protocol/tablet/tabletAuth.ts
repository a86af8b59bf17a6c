import { z } from "zod";
import { TabletId } from "../ids";

/**
 * The text a tablet signs to prove it has its private key: a fixed prefix,
 * so the signature is good for nothing else, then the hub's challenge.
 */
export function tabletAuthMessage(challenge: string): string {
  return `storefloor-tablet-auth:${challenge}`;
}

/** Body of `POST /api/tablets/challenge`. */
export const TabletChallengeRequest = z.object({ tabletId: TabletId });
export type TabletChallengeRequest = z.infer<typeof TabletChallengeRequest>;

export const TabletChallengeResponse = z.object({
  /** 32 random bytes, base64url; single-use. */
  challenge: z.string(),
  expiresAt: z.number().int(),
});
export type TabletChallengeResponse = z.infer<typeof TabletChallengeResponse>;

/** Body of `POST /api/tablets/session`. */
export const TabletSessionRequest = z.object({
  tabletId: TabletId,
  challenge: z.string().min(16).max(128),
  /** ECDSA P-256 SHA-256 signature in WebCrypto's raw r|s form, base64url. */
  signature: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{86}$/,
      "must be a base64url 64-byte P-256 signature",
    ),
});
export type TabletSessionRequest = z.infer<typeof TabletSessionRequest>;

export const TabletSessionResponse = z.object({
  /** Sent as the `x-storefloor-tablet` header and in the socket handshake; memory only. */
  tabletToken: z.string(),
  expiresAt: z.number().int(),
});
export type TabletSessionResponse = z.infer<typeof TabletSessionResponse>;

/** Header that carries the tablet token on REST requests. */
export const TABLET_TOKEN_HEADER = "x-storefloor-tablet";
