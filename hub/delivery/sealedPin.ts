import { z } from "zod";
import type { SecretBox } from "../security/secretBox";

const SealedPin = z.object({ pin: z.string() });

const SealedPasswordLink = z.object({
  kind: z.literal("password-link"),
  code: z.string(),
  link: z.string(),
});

const SealedPasskeyNotice = z.object({
  kind: z.literal("passkey-registered"),
  passkeyName: z.string(),
  registeredAt: z.number(),
});

/** The content of an outbox message, once decrypted. */
export type SealedContent =
  | { readonly kind: "temporary-pin"; readonly pin: string }
  | {
      readonly kind: "password-link";
      /** One-time code to set a control panel password. */
      readonly code: string;
      /** The panel's password page, with the code in it. */
      readonly link: string;
    }
  | {
      readonly kind: "passkey-registered";
      /** The name the user gave the new passkey. */
      readonly passkeyName: string;
      /** When it was registered, in milliseconds since the epoch. */
      readonly registeredAt: number;
    };

/** Encrypts a temporary PIN for the outbox, bound to its message id. */
export function sealPin(
  secretBox: SecretBox,
  pin: string,
  messageId: string,
): string {
  return secretBox.seal(JSON.stringify({ pin }), messageId);
}

/**
 * Decrypts what `sealPin` produced. Throws when the ciphertext was altered,
 * belongs to another message, or was sealed under another secret key.
 */
export function openSealedPin(
  secretBox: SecretBox,
  ciphertext: string,
  messageId: string,
): string {
  const plaintext = secretBox.open(ciphertext, messageId);
  return SealedPin.parse(JSON.parse(plaintext)).pin;
}

/** Encrypts a one-time password code and its link, bound to the message id. */
export function sealPasswordLink(
  secretBox: SecretBox,
  content: { code: string; link: string },
  messageId: string,
): string {
  return secretBox.seal(
    JSON.stringify({ kind: "password-link", ...content }),
    messageId,
  );
}

/** Encrypts a notice that a passkey was registered, bound to the message id. */
export function sealPasskeyNotice(
  secretBox: SecretBox,
  content: { passkeyName: string; registeredAt: number },
  messageId: string,
): string {
  return secretBox.seal(
    JSON.stringify({ kind: "passkey-registered", ...content }),
    messageId,
  );
}

/**
 * Decrypts any outbox message: a temporary PIN from `sealPin` or a password
 * link from `sealPasswordLink`. Throws like `openSealedPin`.
 */
export function openSealedContent(
  secretBox: SecretBox,
  ciphertext: string,
  messageId: string,
): SealedContent {
  const value: unknown = JSON.parse(secretBox.open(ciphertext, messageId));
  const link = SealedPasswordLink.safeParse(value);
  if (link.success) {
    return link.data;
  }
  const notice = SealedPasskeyNotice.safeParse(value);
  if (notice.success) {
    return notice.data;
  }
  return { kind: "temporary-pin", pin: SealedPin.parse(value).pin };
}
