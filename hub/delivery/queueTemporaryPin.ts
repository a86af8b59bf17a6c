import { randomUUID } from "node:crypto";
import type { OrgSettings } from "../../protocol";
import type { UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import type { SecretBox } from "../security/secretBox";
import type { DeliveryConfig } from "./deliveryConfig";
import type { DeliveryChannel } from "./deliveryTransport";
import { sealPin } from "./sealedPin";

export type DeliveryRoute = "email" | "sms" | "in-person";

const ALL_CHANNELS: ReadonlySet<DeliveryChannel> = new Set(["email", "sms"]);

/**
 * Queues a temporary PIN for delivery to the user: by e-mail when they have
 * an address and e-mail has a transport, else by text message when they
 * have a phone number and text messages have one. The `deliveryChannel`
 * setting can put text messages first, or send nothing at all. The PIN is sealed with the
 * hub's secret key, bound to the message id. Returns `in-person` without
 * queueing anything when no channel fits, and the caller then shows the PIN
 * once to the person who set it.
 *
 * `channels` are the channels with a transport, from `deliveryChannels`.
 * NOTE: when a caller leaves it out, every channel counts as available, and
 * a message on a channel without a transport fails at the delivery worker
 * (audited as `delivery.failed`) instead of being handed over in person.
 */
export async function queueTemporaryPin(
  storage: Storage,
  secretBox: SecretBox,
  delivery: {
    user: UserRecord;
    pin: string;
    expiresAt: number;
    now: number;
    channels?: ReadonlySet<DeliveryChannel>;
  },
): Promise<DeliveryRoute> {
  const { user } = delivery;
  const channels = delivery.channels ?? ALL_CHANNELS;
  const { deliveryChannel } = await storage.org.getSettings();
  const route = chooseRoute(user, channels, deliveryChannel);
  const recipient = route === "email" ? user.email : user.phone;
  // A newer PIN makes any older one waiting for delivery useless, also when
  // the newer one is handed over in person.
  await storage.outbox.supersedeTemporaryPins(user.id);
  if (route === "in-person" || !recipient) {
    return "in-person";
  }
  const id = randomUUID();
  await storage.outbox.enqueue(
    {
      id,
      userId: user.id,
      channel: route,
      recipient,
      kind: "temporary-pin",
      ciphertext: sealPin(secretBox, delivery.pin, id),
      expiresAt: delivery.expiresAt,
    },
    delivery.now,
  );
  return route;
}

/**
 * Returns the channels that have a transport: both for the demo's local
 * outbox, e-mail with SMTP, text messages with the webhook.
 */
export function deliveryChannels(
  config: DeliveryConfig,
): ReadonlySet<DeliveryChannel> {
  if (config.local) {
    return ALL_CHANNELS;
  }
  const channels = new Set<DeliveryChannel>();
  if (config.smtp) {
    channels.add("email");
  }
  if (config.webhook) {
    channels.add("sms");
  }
  return channels;
}

/**
 * Picks the organisation's preferred channel when the user has an address
 * for it and it has a transport, else the other one; `in-person` sends
 * nothing.
 */
function chooseRoute(
  user: Pick<UserRecord, "email" | "phone">,
  channels: ReadonlySet<DeliveryChannel>,
  preferred: OrgSettings["deliveryChannel"],
): DeliveryRoute {
  if (preferred === "in-person") {
    return "in-person";
  }
  const order: DeliveryChannel[] =
    preferred === "sms" ? ["sms", "email"] : ["email", "sms"];
  for (const channel of order) {
    const address = channel === "email" ? user.email : user.phone;
    if (address && channels.has(channel)) {
      return channel;
    }
  }
  return "in-person";
}
