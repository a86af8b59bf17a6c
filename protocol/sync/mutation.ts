import { z } from "zod";
import { UserId } from "../ids";
import { OfflinePasskeyProof } from "../passkeys/passkeyProof";

/**
 * A sealed secret: JSON encrypted by the tablet to the hub's RSA-OAEP
 * (SHA-256) public key, base64url. The tablet cannot read its own outbox.
 */
export const SealedSecret = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{300,1400}$/,
    "must be a base64url RSA-OAEP ciphertext",
  );

const MutationBase = {
  /** Made by the tablet (a UUID); sending the same id twice applies it once. */
  id: z.uuid({ error: "must be a UUID made by the tablet" }),
  /** The tablet's clock when the action happened, ms since the epoch. */
  clientTime: z.number().int().min(0),
  /** Version of the target user the tablet held when it acted. */
  baseVersion: z.number().int().min(0),
};

/**
 * Something a tablet did while offline, sent as a claim for the hub to
 * check and apply or reject.
 */
export const Mutation = z.discriminatedUnion("kind", [
  /** A wrong PIN at the tablet; counted once towards the user's lockout. */
  z.object({
    kind: z.literal("sign-in.failure"),
    userId: UserId,
    ...MutationBase,
  }),
  /** A successful offline sign-in; audited. */
  z.object({
    kind: z.literal("sign-in.success"),
    userId: UserId,
    ...MutationBase,
  }),
  /**
   * The user replaced their PIN; `sealed` contains `{ currentPin, newPin }`
   * (SealedPinChange), so the hub checks the current PIN itself.
   */
  z.object({
    kind: z.literal("pin.change"),
    userId: UserId,
    sealed: SealedSecret,
    ...MutationBase,
  }),
  /**
   * A manager reset a colleague's PIN; `sealed` holds
   * `{ actorPin, temporaryPin }` (SealedPinReset): the actor's PIN as fresh
   * proof, checked again by the hub, and the temporary PIN. An actor with a
   * passkey proves with it instead: `proof` contains an assertion over
   * `offlinePasskeyChallenge` of this mutation without `proof`, and
   * `sealed` contains the temporary PIN alone.
   */
  z.object({
    kind: z.literal("pin.reset"),
    actorId: UserId,
    targetId: UserId,
    sealed: SealedSecret,
    proof: OfflinePasskeyProof.optional(),
    ...MutationBase,
  }),
]);
export type Mutation = z.infer<typeof Mutation>;

export const SealedPinChange = z.object({
  currentPin: z.string(),
  newPin: z.string(),
});
export type SealedPinChange = z.infer<typeof SealedPinChange>;

/** The secrets of an offline reset; no `actorPin` when a passkey proves it. */
export const SealedPinReset = z.object({
  actorPin: z.string().optional(),
  temporaryPin: z.string(),
});
export type SealedPinReset = z.infer<typeof SealedPinReset>;

/** The hub's verdict on one mutation. */
export const MutationResult = z.object({
  id: z.string(),
  status: z.enum(["applied", "rejected"]),
  /** Error code of a rejection, from the protocol's registry. */
  reason: z.string().optional(),
  /** Human-readable reason of a rejection, in English. */
  message: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;
