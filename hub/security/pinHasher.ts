import { createHmac } from "node:crypto";
import argon2 from "argon2";

/** argon2id parameters; memory in KiB. */
export interface Argon2Cost {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** The hub's cost: 19 MiB, 2 passes, 1 lane, the minimum the product allows. */
export const STANDARD_PIN_COST: Argon2Cost = {
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
};

/** A cost low enough for tests and fixtures; the config rejects it in production. */
export const LOW_PIN_COST: Argon2Cost = {
  memoryCost: 1024,
  timeCost: 1,
  parallelism: 1,
};

/**
 * The cost of the offline verifier a tablet checks PINs against: 64 MiB and
 * 3 passes, more than the hub's own hash, because a tablet can be stolen.
 */
export const STANDARD_VERIFIER_COST: Argon2Cost = {
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 1,
};

/** The offline verifier's cost for tests and fixtures. */
export const LOW_VERIFIER_COST: Argon2Cost = {
  memoryCost: 1024,
  timeCost: 1,
  parallelism: 1,
};

/**
 * Hashes and verifies PINs with argon2id. With a pepper, the PIN is first
 * keyed with HMAC-SHA-256, so a stolen database without the pepper cannot be
 * searched at all.
 */
export class PinHasher {
  readonly #cost: Argon2Cost;
  readonly #verifierCost: Argon2Cost;
  readonly #pepper: string | undefined;

  constructor(cost: Argon2Cost, verifierCost: Argon2Cost, pepper?: string) {
    this.#cost = cost;
    this.#verifierCost = verifierCost;
    this.#pepper = pepper;
  }

  /**
   * Computes the offline verifier of a PIN: argon2id at the tablets' cost,
   * with its own salt and without the pepper, which tablets never hold. It
   * differs from the hub's hash, so a copy of one does not reveal the other.
   */
  async offlineVerifier(pin: string): Promise<string> {
    return argon2.hash(pin, {
      type: argon2.argon2id,
      memoryCost: this.#verifierCost.memoryCost,
      timeCost: this.#verifierCost.timeCost,
      parallelism: this.#verifierCost.parallelism,
    });
  }

  async hash(pin: string): Promise<string> {
    return argon2.hash(this.#prepare(pin), {
      type: argon2.argon2id,
      memoryCost: this.#cost.memoryCost,
      timeCost: this.#cost.timeCost,
      parallelism: this.#cost.parallelism,
    });
  }

  /** Whether `pin` matches `hash`; false, never an exception, for a malformed hash. */
  async verify(hash: string, pin: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, this.#prepare(pin));
    } catch {
      return false;
    }
  }

  #prepare(pin: string): string {
    if (this.#pepper === undefined) {
      return pin;
    }
    return createHmac("sha256", this.#pepper).update(pin).digest("base64");
  }
}
