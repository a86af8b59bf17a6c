import { randomUUID } from "node:crypto";
import type { UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import type { SecretBox } from "../security/secretBox";

export type DeliveryRoute = "email" | "sms" | "in-person";

/**
 * Queues a temporary PIN for delivery to the user: by e-mail when they have
 * an address, else by text message when they have a phone number. The PIN is
 * sealed with the hub's secret key, bound to the message id. Returns
 * `in-person` without queueing anything when the user has neither, and the
 * caller then shows the PIN once to the person who set it.
 */
export async function queueTemporaryPin(
  storage: Storage,
  secretBox: SecretBox,
  delivery: { user: UserRecord; pin: string; expiresAt: number; now: number },
): Promise<DeliveryRoute> {
  const { user } = delivery;
  const route: DeliveryRoute = user.email
    ? "email"
    : user.phone
      ? "sms"
      : "in-person";
  const recipient = user.email ?? user.phone;
  if (route === "in-person" || !recipient) {
    return "in-person";
  }
  // A newer PIN makes any older one waiting for delivery useless.
  await storage.outbox.discardPendingOfUser(user.id);
  const id = randomUUID();
  await storage.outbox.enqueue(
    {
      id,
      userId: user.id,
      channel: route,
      recipient,
      ciphertext: secretBox.seal(JSON.stringify({ pin: delivery.pin }), id),
      expiresAt: delivery.expiresAt,
    },
    delivery.now,
  );
  return route;
}
