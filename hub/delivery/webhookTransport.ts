import { createHmac } from "node:crypto";
import { z } from "zod";
import type { WebhookConfig } from "./deliveryConfig";
import {
  DeliveryError,
  type DeliveryTransport,
  type OutgoingMessage,
} from "./deliveryTransport";
import { composePasswordLinkText } from "./passwordLinkMessage";
import { composePasskeyNoticeText } from "./passkeyNoticeMessage";
import { composePinTextMessage } from "./pinMessage";

/** Maximum wait for the gateway's response; far below the worker's lease. */
const REQUEST_TIMEOUT_MS = 15_000;

/** 4xx statuses that may pass: timeout, too early, too many requests. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 425, 429]);

/** The part of the gateway's response that the hub reads: its HTTP status. */
const WebhookResponse = z.object({
  status: z.number().int().min(100).max(599),
});

/**
 * Creates the text-message transport: a signed JSON POST to an SMS
 * gateway. `now` gives the signature's timestamp in ms since the epoch.
 * The receiver's side is described in docs/delivery.md.
 */
export function createWebhookTransport(
  config: WebhookConfig,
  now: () => number,
): DeliveryTransport {
  return {
    channel: "sms",
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<void> {
      const body = JSON.stringify({
        to: message.recipient,
        message:
          message.kind === "password-link"
            ? composePasswordLinkText(message)
            : message.kind === "passkey-registered"
              ? composePasskeyNoticeText(message)
              : composePinTextMessage(message),
        messageId: message.messageId,
      });
      const timestamp = String(Math.floor(now() / 1000));

      let response: Response;
      try {
        response = await fetch(config.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-storefloor-timestamp": timestamp,
            "x-storefloor-signature": signWebhookBody(
              config.secret,
              timestamp,
              body,
            ),
          },
          body,
          // A redirect could carry the PIN to another host, so it counts as
          // a failed attempt instead of being followed.
          redirect: "manual",
          signal: AbortSignal.any([
            signal,
            AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          ]),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DeliveryError(`webhook request failed: ${reason}`, false);
      }

      // The body is not read: a gateway might echo the PIN back in it.
      await response.body?.cancel();
      const parsed = WebhookResponse.safeParse({ status: response.status });
      if (!parsed.success) {
        throw new DeliveryError(
          `webhook responded with an invalid HTTP status ${response.status}`,
          false,
        );
      }

      const { status } = parsed.data;
      if (status >= 200 && status < 300) {
        return;
      }
      const permanent =
        status >= 400 && status < 500 && !RETRYABLE_CLIENT_STATUSES.has(status);
      throw new DeliveryError(
        `webhook responded with HTTP status ${status}`,
        permanent,
      );
    },
    close() {},
  };
}

/**
 * Returns the `x-storefloor-signature` value: `sha256=` and the hex
 * HMAC-SHA-256, under `secret`, of `<timestamp>.<body>`.
 */
export function signWebhookBody(
  secret: string,
  timestamp: string,
  body: string,
): string {
  const mac = createHmac("sha256", secret)
    .update(`${timestamp}.${body}`)
    .digest("hex");
  return `sha256=${mac}`;
}
