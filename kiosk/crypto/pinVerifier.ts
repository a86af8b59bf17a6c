import { fromBase64Url } from "./base64url";

/** argon2id parameters of a verifier; memory in KiB, hash length in bytes. */
export interface Argon2Parameters {
  readonly memorySize: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly hashLength: number;
}

/**
 * The hub's standard verifier cost (64 MiB, 3 passes, 1 lane, 32 bytes),
 * used when the tablet has no verifier of the user to copy the cost from.
 */
export const STANDARD_VERIFIER_PARAMETERS: Argon2Parameters = {
  memorySize: 64 * 1024,
  iterations: 3,
  parallelism: 1,
  hashLength: 32,
};

const SALT_BYTES = 16;

/** `$argon2id$v=19$m=…,t=…,p=…$salt$hash`, the PHC string format. */
const PHC_ARGON2ID =
  /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Checks a PIN against an offline verifier. Returns false for a malformed
 * verifier. Throws when argon2 itself fails, such as when the page's
 * Content-Security-Policy forbids compiling WebAssembly: that is no wrong
 * PIN and must not count as one.
 */
export async function verifyPin(
  verifier: string,
  pin: string,
): Promise<boolean> {
  if (argon2Parameters(verifier) === undefined) {
    return false;
  }
  const { argon2Verify } = await loadArgon2();
  return argon2Verify({ password: pin, hash: verifier });
}

/**
 * Computes a new offline verifier of `pin` with a fresh salt, at the cost of
 * `model` (the user's current verifier) so a PIN set offline costs a
 * guesser as much as one set by the hub.
 */
export async function deriveVerifier(
  pin: string,
  model: string | undefined,
): Promise<string> {
  const parameters =
    (model === undefined ? undefined : argon2Parameters(model)) ??
    STANDARD_VERIFIER_PARAMETERS;
  const { argon2id } = await loadArgon2();
  return argon2id({
    password: pin,
    salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
    memorySize: parameters.memorySize,
    iterations: parameters.iterations,
    parallelism: parameters.parallelism,
    hashLength: parameters.hashLength,
    outputType: "encoded",
  });
}

/** Reads the cost of an argon2id PHC string, or undefined when malformed. */
export function argon2Parameters(
  verifier: string,
): Argon2Parameters | undefined {
  const match = PHC_ARGON2ID.exec(verifier);
  if (match === null) {
    return undefined;
  }
  const [, memory, iterations, parallelism, , hash] = match;
  let hashLength: number;
  try {
    hashLength = fromBase64Url(hash ?? "").length;
  } catch {
    return undefined;
  }
  return {
    memorySize: Number(memory),
    iterations: Number(iterations),
    parallelism: Number(parallelism),
    hashLength,
  };
}

/**
 * Loads hash-wasm's argon2 on first use: only offline actions need it, so
 * the kiosk starts without its WebAssembly, and the service worker's
 * precache serves it when the network is gone.
 */
function loadArgon2() {
  return import("./argon2");
}
