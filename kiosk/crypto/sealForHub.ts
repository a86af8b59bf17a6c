import {
  SealedSecret,
  type HubSealingKey,
  type SealedPinChange,
  type SealedPinReset,
} from "../../protocol";
import { toBase64Url } from "./base64url";

const RSA_OAEP_SHA256 = { name: "RSA-OAEP", hash: "SHA-256" } as const;

/**
 * Encrypts a secret for a queued mutation to the hub's RSA-OAEP (SHA-256)
 * public key, so only the hub can read it and the tablet cannot open its own
 * outbox. Returns base64url, checked against the protocol's `SealedSecret`.
 * A 2048-bit key takes at most 190 bytes of plaintext, far more than two
 * PINs of 8 digits in JSON.
 */
export async function sealForHub(
  sealingKey: HubSealingKey,
  secret: SealedPinChange | SealedPinReset,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "jwk",
    { kty: sealingKey.kty, n: sealingKey.n, e: sealingKey.e, ext: true },
    RSA_OAEP_SHA256,
    false,
    ["encrypt"],
  );
  const plaintext = new TextEncoder().encode(JSON.stringify(secret));
  const sealed = await crypto.subtle.encrypt(RSA_OAEP_SHA256, key, plaintext);
  return SealedSecret.parse(toBase64Url(new Uint8Array(sealed)));
}
