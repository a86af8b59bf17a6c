import { z } from "zod";
import { UserId } from "../ids";
import { AuthenticatorTransport } from "./webauthnJson";

/** The hub's id of a registered passkey (not the WebAuthn credential id). */
export const PasskeyId = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, "must be a passkey id from the list of passkeys");
export type PasskeyId = z.infer<typeof PasskeyId>;

/** A registered passkey as its owner and administrators see it. */
export const PasskeyListItem = z.object({
  id: PasskeyId,
  name: z.string(),
  /** When it was registered, in milliseconds since the epoch. */
  createdAt: z.number().int(),
  /** When it last proved its owner, ms since the epoch; null if never. */
  lastUsedAt: z.number().int().nullable(),
  transports: z.array(AuthenticatorTransport),
});
export type PasskeyListItem = z.infer<typeof PasskeyListItem>;

export const PasskeyListResponse = z.object({
  passkeys: z.array(PasskeyListItem),
});
export type PasskeyListResponse = z.infer<typeof PasskeyListResponse>;

/** Path parameters of routes on one of the user's own passkeys. */
export const PasskeyParams = z.object({ passkeyId: PasskeyId });
export type PasskeyParams = z.infer<typeof PasskeyParams>;

/** Path parameters of routes on a passkey of another user. */
export const UserPasskeyParams = z.object({
  userId: UserId,
  passkeyId: PasskeyId,
});
export type UserPasskeyParams = z.infer<typeof UserPasskeyParams>;
