import { z } from "zod";
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

/** The actor's fresh proof for a sensitive action: their PIN, typed again. */
export const FreshProof = z.object({
  pin: PinInput,
});
export type FreshProof = z.infer<typeof FreshProof>;
