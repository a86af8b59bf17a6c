import {
  TabletPublicKey,
  tabletAuthMessage,
  type TabletPublicKey as TabletPublicKeyType,
} from "../../protocol";
import { toBase64Url } from "./base64url";

const ECDSA_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;

/**
 * Creates the key pair a tablet proves its identity with. The private key
 * is non-extractable: scripts can sign with it but never read its bytes.
 * The public key stays exportable, as WebCrypto always makes it.
 */
export function createTabletKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA_P256, false, ["sign", "verify"]);
}

/** Exports the public half as the JWK the hub stores at enrollment. */
export async function exportTabletPublicKey(
  keyPair: CryptoKeyPair,
): Promise<TabletPublicKeyType> {
  const jwk = await crypto.subtle.exportKey("jwk", keyPair.publicKey);
  return TabletPublicKey.parse(jwk);
}

/**
 * Signs the hub's challenge as `tabletAuthMessage` prescribes. WebCrypto
 * returns ECDSA signatures as raw r|s (IEEE P1363), which is the form the
 * hub verifies, encoded here as base64url.
 */
export async function signTabletChallenge(
  privateKey: CryptoKey,
  challenge: string,
): Promise<string> {
  const message = new TextEncoder().encode(tabletAuthMessage(challenge));
  const signature = await crypto.subtle.sign(ECDSA_SHA256, privateKey, message);
  return toBase64Url(new Uint8Array(signature));
}
