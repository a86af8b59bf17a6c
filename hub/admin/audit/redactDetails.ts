/**
 * Keys whose text value would be a secret: a PIN, a hash, a verifier, a
 * token or a password. `tokenId` and similar ids do not match.
 */
const SECRET_KEY = /(pin|hash|verifier|secret|password|ciphertext|token)$/i;

/** Placeholder that replaces a removed value. */
export const REDACTED = "[redacted]";

/**
 * Returns audit details with every text value under a secret-sounding key
 * replaced by `[redacted]`, at any depth. Services never write such values,
 * so this only guards the control panel against one that slipped in. Flags and
 * counts, such as `temporaryPin: true`, stay.
 */
export function redactDetails(
  details: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      redactValue(key, value),
    ]),
  );
}

function redactValue(key: string, value: unknown): unknown {
  if (typeof value === "string") {
    return SECRET_KEY.test(key) ? REDACTED : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactValue(key, item));
  }
  if (value !== null && typeof value === "object") {
    return redactDetails(value as Record<string, unknown>);
  }
  return value;
}
