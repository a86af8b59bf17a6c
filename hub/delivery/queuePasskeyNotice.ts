import { randomUUID } from "node:crypto";
import type { SecretBox } from "../security/secretBox";
import type { UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import type { DeliveryChannel } from "./deliveryTransport";
import { sealPasskeyNotice } from "./sealedPin";

/** How long the delivery worker keeps trying to send a passkey notice. */
const NOTICE_TTL_MS = 24 * 3_600_000;

/**
 * Queues a notice that a passkey was registered for `user`: by e-mail when
 * they have an address and e-mail has a transport, else by text message.
 * The organisation's preferred channel goes first; `in-person` counts as
 * e-mail first, because a notice has no one to hand it over. Returns the
 * channel, or null when the user has no reachable address.
 */
export async function queuePasskeyNotice(
  storage: Storage,
  secretBox: SecretBox,
  notice: {
    user: UserRecord;
    passkeyName: string;
    now: number;
    channels: ReadonlySet<DeliveryChannel>;
  },
): Promise<DeliveryChannel | null> {
  const { user } = notice;
  const { deliveryChannel } = await storage.org.getSettings();
  const order: DeliveryChannel[] =
    deliveryChannel === "sms" ? ["sms", "email"] : ["email", "sms"];
  const channel = order.find((candidate) => {
    const address = candidate === "email" ? user.email : user.phone;
    return address !== null && address !== "" && notice.channels.has(candidate);
  });
  const recipient = channel === "email" ? user.email : user.phone;
  if (channel === undefined || recipient === null) {
    return null;
  }
  const id = randomUUID();
  await storage.outbox.enqueue(
    {
      id,
      userId: user.id,
      channel,
      recipient,
      kind: "passkey-notice",
      ciphertext: sealPasskeyNotice(
        secretBox,
        { passkeyName: notice.passkeyName, registeredAt: notice.now },
        id,
      ),
      expiresAt: notice.now + NOTICE_TTL_MS,
    },
    notice.now,
  );
  return channel;
}
