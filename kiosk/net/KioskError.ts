import { z } from "zod";
import { ERROR_CODES, ErrorBody, type ErrorCode } from "../../protocol";

/**
 * Codes the kiosk raises itself, beside the hub's:
 *
 * - `NETWORK`: the hub could not be reached.
 * - `BAD_RESPONSE`: the hub sent something that failed the protocol's schema.
 * - `OFFLINE_UNAVAILABLE`: offline, and the cache is missing or expired
 *   (`details.reason`: missing, expired or clock-backwards).
 * - `OFFLINE_NO_VERIFIER`: offline, and no current PIN verifier of the user
 *   is cached.
 * - `OFFLINE_CHECK_FAILED`: argon2 failed to run, so no PIN can be checked
 *   offline; the page's Content-Security-Policy may forbid WebAssembly.
 * - `OFFLINE_PASSKEY_UNAVAILABLE`: offline, the actor has a passkey, and
 *   the tablet cannot check it (`details.reason`: no-key, algorithm).
 * - `PASSKEY_CANCELLED`: the browser's passkey prompt ended without an
 *   assertion: cancelled, timed out, or no matching passkey here.
 * - `ONLINE_ONLY`: offline, and the action needs the hub (unlock).
 * - `OUTBOX_FULL`: offline, and OUTBOX_MAX actions wait to be sent.
 * - `STORAGE_FAILED`: IndexedDB failed to read or write the cache.
 * - `INSECURE_CONTEXT`: the page is not a secure context, so WebCrypto and
 *   the service worker are missing.
 */
export type LocalErrorCode =
  | "NETWORK"
  | "BAD_RESPONSE"
  | "OFFLINE_UNAVAILABLE"
  | "OFFLINE_NO_VERIFIER"
  | "OFFLINE_CHECK_FAILED"
  | "OFFLINE_PASSKEY_UNAVAILABLE"
  | "PASSKEY_CANCELLED"
  | "ONLINE_ONLY"
  | "OUTBOX_FULL"
  | "STORAGE_FAILED"
  | "INSECURE_CONTEXT";

export type ErrorDetails = NonNullable<ErrorBody["error"]["details"]>;

/**
 * The error body with any string as its code, so that a code added to the
 * hub after this kiosk was built still parses and its English message can be
 * shown.
 */
export const LenientErrorBody = z.object({
  error: ErrorBody.shape.error.extend({ code: z.string() }),
});

/**
 * An error of a request or of the socket: a hub error code, a local code, or
 * a code this kiosk does not know (`known` is false), with the hub's English
 * message as the fallback text.
 */
export class KioskError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;
  readonly status: number | undefined;

  constructor(options: {
    code: string;
    message: string;
    details?: ErrorDetails;
    status?: number;
  }) {
    super(options.message);
    this.name = "KioskError";
    this.code = options.code;
    this.details = options.details ?? {};
    this.status = options.status;
  }

  /** The hub's code, when it is one this kiosk build recognises. */
  get hubCode(): ErrorCode | undefined {
    return isErrorCode(this.code) ? this.code : undefined;
  }

  is(code: ErrorCode | LocalErrorCode): boolean {
    return this.code === code;
  }

  /** Returns a number from `details`, or undefined when it is missing or not a number. */
  detailNumber(name: string): number | undefined {
    const value = this.details[name];
    return typeof value === "number" ? value : undefined;
  }

  /** Returns a string from `details`, or undefined when it is missing or not a string. */
  detailString(name: string): string | undefined {
    const value = this.details[name];
    return typeof value === "string" ? value : undefined;
  }

  /** Returns a list of strings from `details`, or an empty list. */
  detailList(name: string): readonly string[] {
    const value = this.details[name];
    return Array.isArray(value) ? value : [];
  }

  static network(cause: unknown): KioskError {
    return new KioskError({
      code: "NETWORK",
      message: `The hub could not be reached: ${String(cause)}`,
    });
  }

  static badResponse(what: string, status?: number): KioskError {
    return new KioskError({
      code: "BAD_RESPONSE",
      message: `The hub sent an invalid ${what}.`,
      status,
    });
  }

  /** Wraps anything thrown into a KioskError, keeping a KioskError as it is. */
  static from(error: unknown): KioskError {
    if (error instanceof KioskError) {
      return error;
    }
    return new KioskError({ code: "BAD_RESPONSE", message: String(error) });
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function isErrorCode(code: string): code is ErrorCode {
  return KNOWN_CODES.has(code);
}
