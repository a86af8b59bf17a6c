import { z } from "zod";
import { PasskeyAssertion, type PasskeyProof } from "./passkeys/passkeyProof";
import { PIN_LENGTH_MAX } from "./settings";

/**
 * A PIN as it travels in a request body: digits only, at most the product's
 * maximum length. The organisation's minimum and the other rules are checked
 * by `checkPinPolicy`, so the error can name the rule that failed.
 */
export const PinInput = z
  .string()
  .regex(/^\d+$/, "must contain digits only")
  .max(PIN_LENGTH_MAX, `must have at most ${PIN_LENGTH_MAX} digits`);
export type PinInput = z.infer<typeof PinInput>;

/** The actor's PIN, typed again, as fresh proof. */
export const PinProof = z.object({ pin: PinInput });
export type PinProof = z.infer<typeof PinProof>;

/**
 * The actor's fresh proof for a sensitive action: their PIN typed again,
 * or a passkey assertion over a challenge from
 * `POST /api/kiosk/passkeys/proof-options`. A user who has a passkey must
 * use it. Exactly one of `pin` and `passkey` is given.
 */
export const FreshProof = z
  .object({
    pin: PinInput.optional(),
    passkey: PasskeyAssertion.optional(),
  })
  .superRefine((proof, context) => {
    if (proof.pin === undefined && proof.passkey === undefined) {
      context.addIssue({
        code: "custom",
        message: "must hold either pin or passkey",
      });
    } else if (proof.pin !== undefined && proof.passkey !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["pin"],
        message: "must be left out when passkey is given",
      });
    }
  })
  .transform((proof): PinProof | PasskeyProof =>
    proof.passkey !== undefined
      ? { passkey: proof.passkey }
      : { pin: proof.pin ?? "" },
  );
export type FreshProof = z.infer<typeof FreshProof>;
