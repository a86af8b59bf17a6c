import { createHash, createHmac, randomBytes } from "node:crypto";

/** Makes a new control panel session token: 32 random bytes, base64url. */
export function newAdminSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Hashes a token or code with SHA-256, the form in which the hub stores it. */
export function hashAdminSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/**
 * Derives the CSRF token of a session from its cookie token, so the hub can
 * hand it out again on `GET /api/admin/session` while storing only its hash.
 * Only the holder of the httpOnly cookie can compute it, and a page of
 * another origin can read neither.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken)
    .update("storefloor control panel csrf")
    .digest("base64url");
}
