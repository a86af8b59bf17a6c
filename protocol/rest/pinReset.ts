import { z } from "zod";
import { UserId } from "../ids";
import { FreshProof, PinInput } from "../pin";

/** Path parameters of routes under `/api/kiosk/users/:userId`. */
export const UserParams = z.object({ userId: UserId });

/**
 * Body of `POST /api/kiosk/users/:userId/pin-reset`. Without `temporaryPin`
 * the hub generates a random one.
 */
export const PinResetRequest = z.object({
  proof: FreshProof,
  temporaryPin: PinInput.optional(),
});
export type PinResetRequest = z.infer<typeof PinResetRequest>;

export const PinResetResponse = z.object({
  userId: UserId,
  /** How the temporary PIN reaches the user. */
  delivery: z.enum(["email", "sms", "in-person"]),
  /**
   * The temporary PIN, present only when it must be handed over in person
   * because the user has neither e-mail nor phone. Show it once.
   */
  temporaryPin: z.string().optional(),
  /** When the temporary PIN expires, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
});
export type PinResetResponse = z.infer<typeof PinResetResponse>;

/** Body of `POST /api/kiosk/users/:userId/unlock`. */
export const UnlockRequest = z.object({
  proof: FreshProof,
});
export type UnlockRequest = z.infer<typeof UnlockRequest>;
