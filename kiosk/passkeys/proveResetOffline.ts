import {
  offlinePasskeyChallenge,
  type AuthenticationResponseJSON,
  type CachedPasskey,
  type Mutation,
  type OfflinePasskeyProof,
  type RequestOptionsJSON,
  type UserPasskeys,
} from "../../protocol";
import { KioskError } from "../net/KioskError";
import type { PasskeyCounter } from "../offline/TabletCache";
import { verifyOfflineAssertion } from "./verifyOfflineAssertion";

/** COSE algorithm id of ES256: ECDSA on P-256 with SHA-256. */
const ES256 = -7;

/** How long the browser's passkey prompt stays open, in ms. */
const PROMPT_TIMEOUT_MS = 60_000;

/** Location of the kiosk's page, which the assertion's client data must name. */
export interface PasskeyOrigin {
  /** The page's origin, such as `https://hub.example.com`. */
  readonly origin: string;
  /** The relying party id: the host name the passkeys were registered for. */
  readonly rpId: string;
}

/** An offline passkey proof the tablet checked, and the counter to cache. */
export interface CheckedOfflineProof {
  readonly proof: OfflinePasskeyProof;
  readonly counter: PasskeyCounter;
}

/**
 * Asks the actor for a passkey assertion over `offlinePasskeyChallenge` of
 * the mutation, and verifies it against the public keys the tablet cached,
 * because the hub is unreachable. The hub checks the same assertion again
 * when the mutation arrives.
 *
 * Throws OFFLINE_PASSKEY_UNAVAILABLE when the tablet has no cached key of
 * the actor (`details.reason` no-key) or only keys of another algorithm
 * than ES256 (`algorithm`), and PASSKEY_VERIFICATION_FAILED when the
 * assertion fails a check (`details.reason` names it). It never falls back
 * to the PIN.
 */
export async function proveResetOffline(options: {
  readonly mutation: Extract<Mutation, { kind: "pin.reset" }>;
  readonly passkeys: UserPasskeys | undefined;
  readonly where: PasskeyOrigin;
  readonly prompt: (
    options: RequestOptionsJSON,
  ) => Promise<AuthenticationResponseJSON>;
}): Promise<CheckedOfflineProof> {
  const { mutation, where } = options;
  const cached = options.passkeys?.passkeys ?? [];
  if (cached.length === 0) {
    throw unavailable("no-key");
  }
  const usable = cached.filter(
    (passkey) => passkey.alg === ES256 && passkey.jwk?.kty === "EC",
  );
  if (usable.length === 0) {
    throw unavailable("algorithm");
  }

  const challenge = await offlinePasskeyChallenge(mutation);
  const response = await options.prompt({
    challenge,
    rpId: where.rpId,
    allowCredentials: usable.map((passkey) => ({
      id: passkey.credentialId,
      type: "public-key",
    })),
    userVerification: "required",
    timeout: PROMPT_TIMEOUT_MS,
  });

  const passkey = usable.find((each) => each.credentialId === response.id);
  if (passkey === undefined) {
    throw verificationFailed("credential");
  }
  const verdict = await verifyOfflineAssertion(response, {
    credentialId: passkey.credentialId,
    publicKey: await importEs256Key(passkey),
    knownCounter: passkey.counter,
    challenge,
    origin: where.origin,
    rpId: where.rpId,
  });
  if (!verdict.ok) {
    throw verificationFailed(verdict.failure);
  }
  return {
    proof: { passkey: { response, knownCounter: passkey.counter } },
    counter: {
      userId: mutation.actorId,
      credentialId: passkey.credentialId,
      counter: verdict.counter,
    },
  };
}

async function importEs256Key(passkey: CachedPasskey): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey(
      "jwk",
      passkey.jwk as JsonWebKey,
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
  } catch {
    throw verificationFailed("public-key");
  }
}

function unavailable(reason: "no-key" | "algorithm"): KioskError {
  return new KioskError({
    code: "OFFLINE_PASSKEY_UNAVAILABLE",
    message:
      reason === "no-key"
        ? "This tablet has no copy of your passkey's public key yet, so it cannot check a passkey offline."
        : "Your passkey uses an algorithm this tablet cannot check offline; only ES256 passkeys work offline.",
    details: { reason },
  });
}

function verificationFailed(reason: string): KioskError {
  return new KioskError({
    code: "PASSKEY_VERIFICATION_FAILED",
    message: `The passkey's response was rejected: ${reason}. Nothing was changed.`,
    details: { reason },
  });
}
