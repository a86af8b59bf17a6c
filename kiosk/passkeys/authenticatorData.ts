/** Length of the fixed part of authenticator data: rpIdHash, flags, counter. */
const FIXED_LENGTH = 37;

/** User present: the user touched or otherwise engaged the authenticator. */
const FLAG_USER_PRESENT = 0x01;
/** User verified: the authenticator checked a PIN, fingerprint or face. */
const FLAG_USER_VERIFIED = 0x04;

/** The fixed fields of WebAuthn authenticator data. */
export interface AuthenticatorData {
  /** SHA-256 of the relying party id the authenticator signed for. */
  readonly rpIdHash: Uint8Array;
  readonly userPresent: boolean;
  readonly userVerified: boolean;
  /** The signature counter, 0 for authenticators that keep none. */
  readonly counter: number;
}

/**
 * Parses the fixed part of authenticator data (WebAuthn Level 2, section
 * 6.1): 32 bytes rpIdHash, 1 byte flags, 4 bytes big-endian counter.
 * Extensions that may follow are ignored. Returns undefined when the data
 * is too short.
 */
export function parseAuthenticatorData(
  bytes: Uint8Array,
): AuthenticatorData | undefined {
  if (bytes.length < FIXED_LENGTH) {
    return undefined;
  }
  const flags = bytes[32] ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    rpIdHash: bytes.slice(0, 32),
    userPresent: (flags & FLAG_USER_PRESENT) !== 0,
    userVerified: (flags & FLAG_USER_VERIFIED) !== 0,
    counter: view.getUint32(33, false),
  };
}
