import {
  cose,
  decodeCredentialPublicKey,
} from "@simplewebauthn/server/helpers";

/** A public key as a JWK, for `crypto.subtle.importKey("jwk", …)`. */
export type PublicJwk =
  | { kty: "EC"; crv: "P-256"; x: string; y: string }
  | { kty: "RSA"; n: string; e: string };

/** A stored COSE public key, decoded: its algorithm and, where possible, its JWK. */
export interface DecodedPublicKey {
  readonly alg: number;
  /** Null for algorithms other than ES256 on P-256 and RS256. */
  readonly jwk: PublicJwk | null;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/** Decodes a COSE public key (base64url) into its algorithm and JWK. */
export function coseToJwk(publicKey: string): DecodedPublicKey {
  const key = decodeCredentialPublicKey(
    new Uint8Array(Buffer.from(publicKey, "base64url")),
  );
  const alg = key.get(cose.COSEKEYS.alg) ?? 0;
  if (
    cose.isCOSEPublicKeyEC2(key) &&
    key.get(cose.COSEKEYS.crv) === cose.COSECRV.P256
  ) {
    const x = key.get(cose.COSEKEYS.x);
    const y = key.get(cose.COSEKEYS.y);
    if (x && y) {
      return {
        alg,
        jwk: { kty: "EC", crv: "P-256", x: base64url(x), y: base64url(y) },
      };
    }
  }
  if (cose.isCOSEPublicKeyRSA(key)) {
    const n = key.get(cose.COSEKEYS.n);
    const e = key.get(cose.COSEKEYS.e);
    if (n && e) {
      return { alg, jwk: { kty: "RSA", n: base64url(n), e: base64url(e) } };
    }
  }
  return { alg, jwk: null };
}
