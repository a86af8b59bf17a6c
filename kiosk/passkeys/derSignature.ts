/** Length of one P-256 signature component (r or s), in bytes. */
const P256_COMPONENT_BYTES = 32;

/**
 * Converts an ECDSA signature from the ASN.1 DER form authenticators send
 * (`SEQUENCE { INTEGER r, INTEGER s }`) to the raw `r || s` form WebCrypto
 * verifies, each component left-padded to 32 bytes. Returns undefined for
 * bytes that are not such a DER sequence.
 */
export function derToRawSignature(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) {
    return undefined;
  }
  const r = readInteger(der, 2);
  if (r === undefined) {
    return undefined;
  }
  const s = readInteger(der, r.next);
  if (s === undefined || s.next !== der.length) {
    return undefined;
  }
  const raw = new Uint8Array(P256_COMPONENT_BYTES * 2);
  raw.set(r.value, P256_COMPONENT_BYTES - r.value.length);
  raw.set(s.value, P256_COMPONENT_BYTES * 2 - s.value.length);
  return raw;
}

/**
 * Reads a DER INTEGER at `offset` and returns its magnitude without the
 * leading zero bytes that keep it positive, and the offset after it.
 */
function readInteger(
  der: Uint8Array,
  offset: number,
): { value: Uint8Array; next: number } | undefined {
  if (der[offset] !== 0x02) {
    return undefined;
  }
  const length = der[offset + 1];
  const start = offset + 2;
  if (length === undefined || length === 0 || start + length > der.length) {
    return undefined;
  }
  let value = der.subarray(start, start + length);
  while (value.length > 1 && value[0] === 0) {
    value = value.subarray(1);
  }
  if (value.length > P256_COMPONENT_BYTES) {
    return undefined;
  }
  return { value, next: start + length };
}
