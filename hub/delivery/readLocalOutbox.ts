import type { UserId } from "../../protocol";
import type { OutboxMessageRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import type { SecretBox } from "../security/secretBox";
import { openSealedContent } from "./sealedPin";

/** One message of the demo's local outbox, decrypted for an administrator. */
export interface LocalOutboxMessage {
  readonly id: string;
  readonly userId: UserId;
  readonly channel: "email" | "sms" | "local";
  readonly recipient: string;
  readonly kind: OutboxMessageRecord["kind"];
  readonly employeeNumber: string;
  readonly name: string;
  readonly status: OutboxMessageRecord["status"];
  readonly createdAt: number;
  readonly expiresAt: number;
  /** The temporary PIN; null for other kinds and once the message left the pending state. */
  readonly pin: string | null;
  /** The link to set a control panel password, for a message that carries one. */
  readonly passwordLink?: string;
}

/**
 * Lists the newest messages of the local outbox with their PINs decrypted.
 * Only the demo mode may call this; the caller checks the mode.
 */
export async function readLocalOutbox(
  storage: Storage,
  secretBox: SecretBox,
  limit: number,
): Promise<LocalOutboxMessage[]> {
  const messages = await storage.outbox.list(limit);
  const result: LocalOutboxMessage[] = [];
  for (const message of messages) {
    const user = await storage.users.get(message.userId);
    const content =
      message.ciphertext === ""
        ? null
        : openSealedContent(secretBox, message.ciphertext, message.id);
    const pin = content?.kind === "temporary-pin" ? content.pin : null;
    result.push({
      id: message.id,
      userId: message.userId,
      channel: message.channel,
      recipient: message.recipient,
      kind: message.kind,
      employeeNumber: user?.employeeNumber ?? "?",
      name: user ? `${user.firstName} ${user.lastName}` : "?",
      status: message.status,
      createdAt: message.createdAt,
      expiresAt: message.expiresAt,
      pin,
      ...(content?.kind === "password-link" && {
        passwordLink: content.link,
      }),
    });
  }
  return result;
}
