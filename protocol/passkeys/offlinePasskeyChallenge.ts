import { canonicalJson } from "./canonicalJson";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary)
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * Computes the WebAuthn challenge of an offline action: base64url of the
 * SHA-256 of the canonical JSON of the mutation without its proof. Tablet and hub
 * compute it alike, so an assertion made for one action proves nothing else.
 */
export async function offlinePasskeyChallenge(
  mutationWithoutProof: unknown,
): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(mutationWithoutProof));
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return toBase64Url(new Uint8Array(digest));
}
