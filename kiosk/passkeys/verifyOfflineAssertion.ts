import type { AuthenticationResponseJSON } from "../../protocol";
import { fromBase64Url } from "../crypto/base64url";
import { parseAuthenticatorData } from "./authenticatorData";
import { derToRawSignature } from "./derSignature";

/** Expected values that an offline assertion must match. */
export interface AssertionExpectations {
  /** The credential the tablet cached for the actor, by its base64url id. */
  readonly credentialId: string;
  /** The credential's ES256 public key, imported for ECDSA verification. */
  readonly publicKey: CryptoKey;
  /** The signature counter the tablet cached for the credential. */
  readonly knownCounter: number;
  /** `offlinePasskeyChallenge` of the mutation the assertion must cover. */
  readonly challenge: string;
  /** The page's origin, such as `https://hub.example.com`. */
  readonly origin: string;
  /** The relying party id the credential belongs to: the hub's host name. */
  readonly rpId: string;
}

/** Name of the check that an assertion failed. */
export type AssertionFailure =
  | "credential"
  | "client-data"
  | "type"
  | "challenge"
  | "origin"
  | "authenticator-data"
  | "rp-id"
  | "user-presence"
  | "user-verification"
  | "counter"
  | "signature";

export type AssertionVerdict =
  | { readonly ok: true; readonly counter: number }
  | { readonly ok: false; readonly failure: AssertionFailure };

/**
 * Verifies a passkey assertion on the tablet, without the hub, as the
 * WebAuthn Level 2 specification (section 7.2) verifies one. It checks the
 * credential, the client data's type, challenge and origin, the rpIdHash,
 * the user-present and user-verified flags and the signature counter. Then
 * it checks the ES256 signature over
 * `authenticatorData || SHA-256(clientDataJSON)`. Returns the assertion's
 * counter when every check passes.
 *
 * A counter must be greater than the cached one unless both are 0, which
 * means the authenticator keeps no counter. An equal or lower counter
 * suggests a cloned authenticator.
 */
export async function verifyOfflineAssertion(
  response: AuthenticationResponseJSON,
  expected: AssertionExpectations,
): Promise<AssertionVerdict> {
  if (
    response.id !== expected.credentialId ||
    response.rawId !== expected.credentialId ||
    response.type !== "public-key"
  ) {
    return fail("credential");
  }

  const clientDataBytes = decode(response.response.clientDataJSON);
  const clientData = clientDataBytes && parseClientData(clientDataBytes);
  if (clientDataBytes === undefined || clientData === undefined) {
    return fail("client-data");
  }
  if (clientData.type !== "webauthn.get") {
    return fail("type");
  }
  if (clientData.challenge !== expected.challenge) {
    return fail("challenge");
  }
  if (
    clientData.origin !== expected.origin ||
    clientData.crossOrigin === true
  ) {
    return fail("origin");
  }

  const authenticatorBytes = decode(response.response.authenticatorData);
  const authenticatorData =
    authenticatorBytes && parseAuthenticatorData(authenticatorBytes);
  if (authenticatorBytes === undefined || authenticatorData === undefined) {
    return fail("authenticator-data");
  }
  const rpIdHash = await sha256(new TextEncoder().encode(expected.rpId));
  if (!sameBytes(authenticatorData.rpIdHash, rpIdHash)) {
    return fail("rp-id");
  }
  if (!authenticatorData.userPresent) {
    return fail("user-presence");
  }
  if (!authenticatorData.userVerified) {
    return fail("user-verification");
  }
  const counter = authenticatorData.counter;
  if (
    (counter !== 0 || expected.knownCounter !== 0) &&
    counter <= expected.knownCounter
  ) {
    return fail("counter");
  }

  const derSignature = decode(response.response.signature);
  const signature = derSignature && derToRawSignature(derSignature);
  if (signature === undefined) {
    return fail("signature");
  }
  const clientDataHash = await sha256(clientDataBytes);
  const signed = new Uint8Array(
    authenticatorBytes.length + clientDataHash.length,
  );
  signed.set(authenticatorBytes, 0);
  signed.set(clientDataHash, authenticatorBytes.length);
  const valid = await crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    expected.publicKey,
    new Uint8Array(signature),
    signed,
  );
  return valid ? { ok: true, counter } : fail("signature");
}

interface ClientData {
  readonly type: unknown;
  readonly challenge: unknown;
  readonly origin: unknown;
  readonly crossOrigin?: unknown;
}

function parseClientData(bytes: Uint8Array): ClientData | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof parsed === "object" && parsed !== null
      ? (parsed as ClientData)
      : undefined;
  } catch {
    return undefined;
  }
}

function decode(text: string): Uint8Array | undefined {
  try {
    return fromBase64Url(text);
  } catch {
    return undefined;
  }
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.digest("SHA-256", new Uint8Array(bytes)),
  );
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return (
    left.length === right.length &&
    left.every((byte, index) => byte === right[index])
  );
}

function fail(failure: AssertionFailure): AssertionVerdict {
  return { ok: false, failure };
}
