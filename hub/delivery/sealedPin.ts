import { z } from "zod";
import type { SecretBox } from "../security/secretBox";

const SealedPin = z.object({ pin: z.string() });

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
