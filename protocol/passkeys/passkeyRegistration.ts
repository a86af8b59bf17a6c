import { z } from "zod";
import { PasswordCode } from "../admin/adminSession";
import { ChallengeId } from "./passkeyProof";
import { CreationOptionsJSON, RegistrationResponseJSON } from "./webauthnJson";

/**
 * A one-time registration grant as typed: 16 characters of Crockford base32,
 * in any case, spaces and dashes ignored (the format of a password code).
 */
export const PasskeyGrantCode = PasswordCode;
export type PasskeyGrantCode = z.infer<typeof PasskeyGrantCode>;

/**
 * A registration grant, shown once to its issuer. It lets one user
 * register a passkey while they have none.
 */
export const PasskeyGrant = z.object({
  code: z.string(),
  /** When the grant stops working, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
});
export type PasskeyGrant = z.infer<typeof PasskeyGrant>;

/** A name the user gives a passkey, to tell their passkeys apart. */
export const PasskeyName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters");

/**
 * The creation options for a new passkey and the id of their challenge,
 * which the registration must name. The challenge works once and expires.
 */
export const PasskeyRegistrationOptions = z.object({
  challengeId: ChallengeId,
  options: CreationOptionsJSON,
  /** When the challenge expires, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
});
export type PasskeyRegistrationOptions = z.infer<
  typeof PasskeyRegistrationOptions
>;

/**
 * Body of `POST /api/admin/passkeys/registration` and
 * `POST /api/kiosk/passkeys/registration`: the authenticator's response to
 * the creation options.
 */
export const PasskeyRegistrationRequest = z.object({
  challengeId: ChallengeId,
  name: PasskeyName,
  response: RegistrationResponseJSON,
});
export type PasskeyRegistrationRequest = z.infer<
  typeof PasskeyRegistrationRequest
>;
