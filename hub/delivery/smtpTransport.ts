import { createTransport } from "nodemailer";
import { z } from "zod";
import type { SmtpConfig } from "./deliveryConfig";
import {
  DeliveryError,
  type DeliveryTransport,
  type OutgoingMessage,
} from "./deliveryTransport";
import { composePasswordLinkEmail } from "./passwordLinkMessage";
import { composePasskeyNoticeEmail } from "./passkeyNoticeMessage";
import { composePinEmail } from "./pinMessage";

/** Limits of one SMTP exchange; together far below the worker's lease. */
const CONNECTION_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 30_000;

/** Nodemailer's error codes for a recipient or message the server rejected. */
const REJECTION_CODES = new Set(["EENVELOPE", "EMESSAGE"]);

/** The fields of a nodemailer error that describe the failure. */
const SmtpFailure = z.object({
  code: z.string().optional(),
  responseCode: z.number().int().optional(),
  command: z.string().optional(),
});

/** The server's response to an accepted message. */
const SmtpAcceptance = z.object({ rejected: z.array(z.unknown()) });

/**
 * Creates the e-mail transport on nodemailer. TLS is required unless the
 * configuration allowed plain SMTP, which it does in demo mode to this
 * machine only.
 */
export function createSmtpTransport(config: SmtpConfig): DeliveryTransport {
  const transporter = createTransport({
    host: config.host,
    port: config.port,
    secure: config.tls === "implicit",
    requireTLS: config.tls === "starttls",
    ignoreTLS: config.tls === "none",
    tls: { minVersion: "TLSv1.2" },
    ...(config.user !== undefined && {
      auth: { user: config.user, pass: config.password ?? "" },
    }),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    // Nodemailer's transcript would contain the message body, PIN included.
    logger: false,
    debug: false,
  });

  return {
    channel: "email",
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<void> {
      const email =
        message.kind === "password-link"
          ? composePasswordLinkEmail(message)
          : message.kind === "passkey-registered"
            ? composePasskeyNoticeEmail(message)
            : composePinEmail(message);
      let info: unknown;
      try {
        info = await transporter.sendMail({
          from: config.from,
          to: message.recipient,
          subject: email.subject,
          text: email.text,
          headers: { "X-Storefloor-Message-Id": message.messageId },
          signal,
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
      const acceptance = SmtpAcceptance.safeParse(info);
      if (!acceptance.success || acceptance.data.rejected.length > 0) {
        throw new DeliveryError("the SMTP server rejected the recipient", true);
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Describes a nodemailer error by its code, SMTP reply code and message. A
 * 5xx rejection of the recipient or message is permanent. Everything else,
 * such as a timeout, a failed TLS upgrade or a 4xx reply, may be temporary.
 */
function toDeliveryError(error: unknown): DeliveryError {
  const failure = SmtpFailure.safeParse(error);
  const fields = failure.success ? failure.data : {};
  const message = error instanceof Error ? error.message : String(error);
  const code = fields.code ?? "unknown";
  const permanent =
    REJECTION_CODES.has(code) &&
    fields.responseCode !== undefined &&
    fields.responseCode >= 500;
  const reply =
    fields.responseCode === undefined ? "" : ` (reply ${fields.responseCode})`;
  return new DeliveryError(
    `SMTP ${fields.command ?? "exchange"} failed with ${code}${reply}: ${message}`,
    permanent,
  );
}
