import type {
  PublicKeyCredentialCreationOptionsJSON as LibraryCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON as LibraryRequestOptionsJSON,
} from "@simplewebauthn/server";
import { z } from "zod";

/** Maximum length of a base64url value in a WebAuthn response, in characters. */
export const WEBAUTHN_FIELD_MAX = 16_384;

/** Bytes encoded as unpadded base64url, as WebAuthn's JSON forms carry them. */
export const Base64Url = z
  .string()
  .min(1, "must not be empty")
  .max(WEBAUTHN_FIELD_MAX, `must be at most ${WEBAUTHN_FIELD_MAX} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, "must be base64url without padding");

const Attachment = z.enum(["platform", "cross-platform"]);

/** Transports an authenticator reports, such as `usb`, `nfc` or `internal`. */
export const AuthenticatorTransport = z
  .string()
  .regex(/^[a-z-]{1,32}$/, "must be a transport name such as usb or internal");

/**
 * The JSON form (`RegistrationResponseJSON`) of the credential that
 * `navigator.credentials.create()` returns. Unknown fields, such as newer
 * extension results, pass through.
 */
export const RegistrationResponseJSON = z.looseObject({
  id: Base64Url,
  rawId: Base64Url,
  response: z.looseObject({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    authenticatorData: Base64Url.optional(),
    transports: z.array(AuthenticatorTransport).max(16).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: Base64Url.optional(),
  }),
  authenticatorAttachment: Attachment.optional(),
  clientExtensionResults: z.looseObject({}),
  type: z.literal("public-key"),
});
export type RegistrationResponseJSON = z.infer<typeof RegistrationResponseJSON>;

/**
 * The JSON form (`AuthenticationResponseJSON`) of the assertion that
 * `navigator.credentials.get()` returns. Unknown fields pass through.
 */
export const AuthenticationResponseJSON = z.looseObject({
  id: Base64Url,
  rawId: Base64Url,
  response: z.looseObject({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Base64Url.optional(),
  }),
  authenticatorAttachment: Attachment.optional(),
  clientExtensionResults: z.looseObject({}),
  type: z.literal("public-key"),
});
export type AuthenticationResponseJSON = z.infer<
  typeof AuthenticationResponseJSON
>;

function hasChallenge(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { challenge?: unknown }).challenge === "string"
  );
}

/**
 * Options for `navigator.credentials.create()`, in the JSON form that
 * `PublicKeyCredential.parseCreationOptionsFromJSON` and
 * `@simplewebauthn/browser` take. The hub makes them, so a client checks only
 * that a challenge is present.
 */
export const CreationOptionsJSON = z.custom<LibraryCreationOptionsJSON>(
  hasChallenge,
  "must be WebAuthn creation options with a challenge",
);
export type CreationOptionsJSON = LibraryCreationOptionsJSON;

/** Options for `navigator.credentials.get()`, in their JSON form. */
export const RequestOptionsJSON = z.custom<LibraryRequestOptionsJSON>(
  hasChallenge,
  "must be WebAuthn request options with a challenge",
);
export type RequestOptionsJSON = LibraryRequestOptionsJSON;
