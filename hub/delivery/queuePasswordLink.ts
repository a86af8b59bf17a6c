import { randomUUID } from "node:crypto";
import type { SecretBox } from "../security/secretBox";
import type { UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import { sealPasswordLink } from "./sealedPin";

/**
 * Queues an e-mail with a one-time password code and the link to the
 * control panel's password page, sealed like a temporary PIN. Returns false
 * without queueing when the user has no e-mail address. The caller checks
 * that e-mail has a transport.
 * NOTE: queueing a temporary PIN for the same user later discards this
 * message while it still waits, because `queueTemporaryPin` drops every
 * pending message of the user.
 */
export async function queuePasswordLink(
  storage: Storage,
  secretBox: SecretBox,
  message: {
    user: UserRecord;
    code: string;
    link: string;
    expiresAt: number;
    now: number;
  },
): Promise<boolean> {
  const { user } = message;
  if (!user.email) {
    return false;
  }
  const id = randomUUID();
  await storage.outbox.enqueue(
    {
      id,
      userId: user.id,
      channel: "email",
      recipient: user.email,
      kind: "password-link",
      ciphertext: sealPasswordLink(
        secretBox,
        { code: message.code, link: message.link },
        id,
      ),
      expiresAt: message.expiresAt,
    },
    message.now,
  );
  return true;
}
