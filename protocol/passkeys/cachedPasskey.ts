import { z } from "zod";
import { UserId } from "../ids";
import { Base64Url } from "./webauthnJson";

/**
 * A passkey's public key as a tablet caches it, to check an assertion
 * offline. Public data: it proves nothing by itself.
 */
export const CachedPasskey = z.object({
  /** The WebAuthn credential id, base64url: the assertion's `id`. */
  credentialId: Base64Url,
  /** The COSE public key, base64url, as the authenticator gave it. */
  publicKey: Base64Url,
  /** COSE algorithm of the key: -7 (ES256), -257 (RS256) or -8 (EdDSA). */
  alg: z.number().int(),
  /**
   * The same key as a JWK for `crypto.subtle.importKey`, for ES256 and
   * RS256 keys; null for other algorithms.
   */
  jwk: z.looseObject({ kty: z.string() }).nullable(),
  /** The signature counter last seen by the hub. */
  counter: z.number().int().min(0),
});
export type CachedPasskey = z.infer<typeof CachedPasskey>;

/** The passkeys of one user who may reset PINs, for a tablet's cache. */
export const UserPasskeys = z.object({
  userId: UserId,
  /** Matches `KioskUser.passkeyVersion`. */
  passkeyVersion: z.number().int().min(0),
  passkeys: z.array(CachedPasskey),
});
export type UserPasskeys = z.infer<typeof UserPasskeys>;
