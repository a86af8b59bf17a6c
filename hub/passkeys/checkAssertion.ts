import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { parseAuthenticatorData } from "@simplewebauthn/server/helpers";
import type { AuthenticationResponseJSON, UserId } from "../../protocol";
import { audit, type AuditEvent } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { PasskeyRecord } from "../storage/passkeyRepository";
import { requirePasskeys } from "./passkeyAvailability";

/** The audit entry a rejected assertion is recorded under. */
export type AssertionAudit = Omit<AuditEvent, "outcome" | "reason" | "details">;

/** The values an assertion must match besides its signature. */
export interface AssertionExpectation {
  readonly response: AuthenticationResponseJSON;
  /** The challenge, base64url, that the client data must carry. */
  readonly expectedChallenge: string;
  /** The user the passkey must belong to; null for discoverable sign-in. */
  readonly ownerId: UserId | null;
  /**
   * The counter the assertion's counter must rise above, in place of the
   * stored one: for an offline proof, the counter the tablet had cached,
   * because the passkey may have been used online since.
   */
  readonly counterFloor?: number;
}

/** A verified assertion: the passkey it came from and its new counter. */
export interface VerifiedAssertion {
  readonly passkey: PasskeyRecord;
  readonly counter: number;
}

/**
 * Verifies a WebAuthn assertion against a registered passkey. The
 * credential must be known, and belong to `ownerId` when given. The client
 * data must carry the challenge and one of the hub's origins, and the
 * authenticator data the RP ID hash with the user-present and
 * user-verified flags. The signature must verify under the stored key.
 * A counter that does not rise above the floor throws
 * PASSKEY_COUNTER_REPLAYED, except that 0 may stay 0, because many
 * authenticators keep no counter. Every other failure throws
 * PASSKEY_VERIFICATION_FAILED. Both are audited under `auditAs` unless it
 * is null. The caller stores the counter with `recordPasskeyUse`.
 */
export async function checkAssertion(
  context: HubContext,
  expectation: AssertionExpectation,
  auditAs: AssertionAudit | null,
): Promise<VerifiedAssertion> {
  requirePasskeys(context);
  const { response } = expectation;
  const passkey = await context.storage.passkeys.getByCredentialId(response.id);
  if (passkey === null || response.rawId !== response.id) {
    return reject(context, auditAs, "the passkey is not registered", {});
  }
  if (expectation.ownerId !== null && passkey.userId !== expectation.ownerId) {
    return reject(context, auditAs, "the passkey belongs to someone else", {
      passkeyId: passkey.id,
    });
  }

  const counter = readCounter(response);
  if (counter === null) {
    return reject(context, auditAs, "the authenticator data is malformed", {
      passkeyId: passkey.id,
    });
  }
  const floor = expectation.counterFloor ?? passkey.counter;
  if (!counterRises(counter, floor)) {
    await recordRejection(context, auditAs, "PASSKEY_COUNTER_REPLAYED", {
      passkeyId: passkey.id,
      counter,
      floor,
    });
    throw new HubError("PASSKEY_COUNTER_REPLAYED");
  }

  const { passkeys: relyingParty } = context.config;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: expectation.expectedChallenge,
      expectedOrigin: [...relyingParty.origins],
      expectedRPID: relyingParty.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: Buffer.from(passkey.publicKey, "base64url"),
        counter: floor,
        transports: [...passkey.transports],
      },
      requireUserVerification: true,
    });
    if (!result.verified) {
      return reject(context, auditAs, "the signature is invalid", {
        passkeyId: passkey.id,
      });
    }
    return { passkey, counter: result.authenticationInfo.newCounter };
  } catch (error) {
    if (error instanceof HubError) {
      throw error;
    }
    // The library's messages name the failed check (origin, RP ID, flags,
    // challenge) and hold no secret.
    const message = error instanceof Error ? error.message : String(error);
    return reject(context, auditAs, message, { passkeyId: passkey.id });
  }
}

/**
 * True when `counter` may follow `floor`: it rises, or both are 0, which
 * is what an authenticator without a counter reports.
 */
export function counterRises(counter: number, floor: number): boolean {
  return counter > floor || (counter === 0 && floor === 0);
}

/**
 * Stores the counter of a verified assertion and the time of use. Throws
 * PASSKEY_COUNTER_REPLAYED when a concurrent assertion stored that counter
 * or a higher one first.
 */
export async function recordPasskeyUse(
  context: HubContext,
  verified: VerifiedAssertion,
  auditAs: AssertionAudit | null,
): Promise<void> {
  const stored = await context.storage.passkeys.recordUse(
    verified.passkey.id,
    verified.counter,
    context.now(),
  );
  if (!stored) {
    await recordRejection(context, auditAs, "PASSKEY_COUNTER_REPLAYED", {
      passkeyId: verified.passkey.id,
      counter: verified.counter,
    });
    throw new HubError("PASSKEY_COUNTER_REPLAYED");
  }
}

function readCounter(response: AuthenticationResponseJSON): number | null {
  try {
    const bytes = Buffer.from(response.response.authenticatorData, "base64url");
    return parseAuthenticatorData(new Uint8Array(bytes)).counter;
  } catch {
    return null;
  }
}

async function reject(
  context: HubContext,
  auditAs: AssertionAudit | null,
  reason: string,
  details: Record<string, unknown>,
): Promise<never> {
  await recordRejection(context, auditAs, "PASSKEY_VERIFICATION_FAILED", {
    ...details,
    cause: reason,
  });
  throw new HubError(
    "PASSKEY_VERIFICATION_FAILED",
    { reason },
    { details: { cause: reason } },
  );
}

async function recordRejection(
  context: HubContext,
  auditAs: AssertionAudit | null,
  code: "PASSKEY_VERIFICATION_FAILED" | "PASSKEY_COUNTER_REPLAYED",
  details: Record<string, unknown>,
): Promise<void> {
  if (auditAs === null) {
    // Inside a sync push the caller audits the rejected mutation itself.
    return;
  }
  const entry = await audit(
    context.storage,
    { ...auditAs, outcome: "failure", reason: code, details },
    context.now(),
  );
  context.changes.publish([entry]);
  context.logger.warn(
    { kind: auditAs.kind, actorId: auditAs.actorId ?? null, code, details },
    "passkey assertion rejected",
  );
}
