import { z } from "zod";
import { FreshProof, PinInput } from "../pin";

/**
 * A PIN choice grant as it travels: 32 random bytes in base64url, issued by
 * the hub when a manager approves that an employee chooses their own PIN.
 */
export const PinChoiceGrant = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{43}$/,
    "must be the 43-character grant the hub issued",
  );
export type PinChoiceGrant = z.infer<typeof PinChoiceGrant>;

/** Body of `POST /api/kiosk/users/:userId/pin-choice`: the manager's approval. */
export const PinChoiceRequest = z.object({
  proof: FreshProof,
});
export type PinChoiceRequest = z.infer<typeof PinChoiceRequest>;

/**
 * The approval's grant. It works once, only from the approving tablet, for
 * the approved user, until `expiresAt`. The approving session ends with it.
 */
export const PinChoiceResponse = z.object({
  grant: PinChoiceGrant,
  /** When the grant stops working, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
});
export type PinChoiceResponse = z.infer<typeof PinChoiceResponse>;

/**
 * Body of `POST /api/kiosk/users/:userId/pin-choice/complete`: the grant and
 * the PIN the employee chose, which becomes their own PIN at once.
 */
export const PinChoiceCompleteRequest = z.object({
  grant: PinChoiceGrant,
  pin: PinInput,
});
export type PinChoiceCompleteRequest = z.infer<typeof PinChoiceCompleteRequest>;
