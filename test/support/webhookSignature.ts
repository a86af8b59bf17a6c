import { createHmac, timingSafeEqual } from "node:crypto";

/** How far the signed timestamp may lie from the receiver's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Verifies a Storefloor webhook request with the procedure that
 * docs/delivery.md gives receivers, independently of the hub's own signing code: the timestamp
 * within 5 minutes of `nowSeconds`, then the HMAC-SHA-256 under `secret` of
 * `<timestamp>.<raw body>`, compared in constant time.
 */
export function verifyWebhookSignature(request: {
  readonly secret: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly rawBody: string;
  readonly nowSeconds: number;
}): boolean {
  if (request.timestamp === undefined || !/^\d+$/.test(request.timestamp)) {
    return false;
  }
  const age = Math.abs(request.nowSeconds - Number(request.timestamp));
  if (age > SIGNATURE_TOLERANCE_SECONDS) {
    return false;
  }
  const match = /^sha256=([0-9a-f]{64})$/.exec(request.signature ?? "");
  if (!match?.[1]) {
    return false;
  }
  const expected = createHmac("sha256", request.secret)
    .update(`${request.timestamp}.${request.rawBody}`)
    .digest();
  return timingSafeEqual(expected, Buffer.from(match[1], "hex"));
}
