import { createHash, randomBytes } from "node:crypto";

/** Makes a new bearer token: 32 random bytes, base64url. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The hash under which a token is stored, so a database copy holds no usable token. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
