import { z } from "zod";

const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Default ports of SMTP with STARTTLS (submission) and with implicit TLS. */
const SUBMISSION_PORT = 587;
const SMTPS_PORT = 465;

/** Minimum length of the webhook's HMAC secret. */
export const WEBHOOK_SECRET_MIN_LENGTH = 32;

/** The environment variables of the delivery subsystem. */
export const DeliveryEnv = z.object({
  STOREFLOOR_DELIVERY: z
    .enum(["local", "none", "smtp", "webhook", "smtp,webhook"], {
      error: "must be local, none, smtp, webhook or smtp,webhook",
    })
    .optional(),
  STOREFLOOR_SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error:
        "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465",
    })
    .optional(),
  STOREFLOOR_SMTP_TLS: z
    .enum(["required", "none"], { error: "must be required or none" })
    .default("required"),
  STOREFLOOR_MAIL_FROM: z
    .string()
    .refine(isMailbox, {
      error:
        "must be an e-mail address, e.g. storefloor@example.com or Storefloor <storefloor@example.com>",
    })
    .optional(),
  STOREFLOOR_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional(),
  STOREFLOOR_WEBHOOK_SECRET: z
    .string()
    .min(
      WEBHOOK_SECRET_MIN_LENGTH,
      `must be at least ${WEBHOOK_SECRET_MIN_LENGTH} characters, e.g. the output of openssl rand -hex 32`,
    )
    .optional(),
  STOREFLOOR_DELIVERY_MAX_ATTEMPTS: z.coerce
    .number({ error: "must be a whole number from 1 to 100" })
    .int("must be a whole number from 1 to 100")
    .min(1, "must be a whole number from 1 to 100")
    .max(100, "must be a whole number from 1 to 100")
    .default(10),
  STOREFLOOR_DELIVERY_POLL_MS: z.coerce
    .number({ error: "must be a number of milliseconds from 10 to 600000" })
    .int("must be a number of milliseconds from 10 to 600000")
    .min(10, "must be a number of milliseconds from 10 to 600000")
    .max(600_000, "must be a number of milliseconds from 10 to 600000")
    .default(5_000),
});
type DeliveryEnv = z.infer<typeof DeliveryEnv>;

/** Connection settings of the SMTP server that sends e-mail. */
export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  /**
   * TLS mode. `implicit` uses TLS from the first byte (smtps://).
   * `starttls` sends nothing unless the server offers STARTTLS. `none` sends
   * plain text, which demo mode allows to this machine only.
   */
  readonly tls: "implicit" | "starttls" | "none";
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** The From header, e.g. `Storefloor <storefloor@example.com>`. */
  readonly from: string;
}

/** HTTP endpoint of the SMS gateway that sends text messages. */
export interface WebhookConfig {
  readonly url: string;
  /** HMAC-SHA-256 key that signs every request. */
  readonly secret: string;
}

/** Delivery settings of temporary PINs. */
export interface DeliveryConfig {
  /**
   * Keep every message in the outbox for an administrator to read with
   * `storefloor outbox` instead of sending it. Demo mode only.
   */
  readonly local: boolean;
  readonly smtp: SmtpConfig | null;
  readonly webhook: WebhookConfig | null;
  /** Most delivery attempts of one message, the first included. */
  readonly maxAttempts: number;
  /** How often the delivery worker looks for due messages. */
  readonly pollIntervalMs: number;
}

/** A delivery configuration, or what is wrong with the environment. */
export type DeliveryConfigResult =
  | { readonly ok: true; readonly config: DeliveryConfig }
  | { readonly ok: false; readonly message: string };

/**
 * Derives the delivery configuration from validated variables and checks
 * the rules of each mode: the local outbox and plain SMTP are demo-only,
 * and production sends to the webhook over https only.
 */
export function deliveryConfigFrom(
  vars: DeliveryEnv,
  mode: "demo" | "production",
): DeliveryConfigResult {
  const selected =
    vars.STOREFLOOR_DELIVERY ?? (mode === "demo" ? "local" : "none");
  const transports = new Set(selected.split(","));

  if (mode === "production" && transports.has("local")) {
    return failure(
      "STOREFLOOR_DELIVERY=local keeps temporary PINs readable by administrators and is not allowed in production mode. Set it to smtp, webhook or smtp,webhook.",
    );
  }
  const unused = unusedVariables(vars, transports);
  if (unused) {
    return failure(unused);
  }

  const smtp = transports.has("smtp") ? smtpConfigFrom(vars, mode) : null;
  if (typeof smtp === "string") {
    return failure(smtp);
  }
  const webhook = transports.has("webhook")
    ? webhookConfigFrom(vars, mode)
    : null;
  if (typeof webhook === "string") {
    return failure(webhook);
  }

  return {
    ok: true,
    config: {
      local: transports.has("local"),
      smtp,
      webhook,
      maxAttempts: vars.STOREFLOOR_DELIVERY_MAX_ATTEMPTS,
      pollIntervalMs: vars.STOREFLOOR_DELIVERY_POLL_MS,
    },
  };
}

/** Names a transport's variable that is set while its transport is not selected. */
function unusedVariables(
  vars: DeliveryEnv,
  transports: ReadonlySet<string>,
): string | null {
  const owners = [
    ["STOREFLOOR_SMTP_URL", "smtp", vars.STOREFLOOR_SMTP_URL],
    ["STOREFLOOR_MAIL_FROM", "smtp", vars.STOREFLOOR_MAIL_FROM],
    ["STOREFLOOR_WEBHOOK_URL", "webhook", vars.STOREFLOOR_WEBHOOK_URL],
    ["STOREFLOOR_WEBHOOK_SECRET", "webhook", vars.STOREFLOOR_WEBHOOK_SECRET],
  ] as const;
  for (const [variable, transport, value] of owners) {
    if (value !== undefined && !transports.has(transport)) {
      return `${variable} is set, but STOREFLOOR_DELIVERY does not include ${transport}, so it would be ignored. Add ${transport} to STOREFLOOR_DELIVERY or remove ${variable}.`;
    }
  }
  return null;
}

function smtpConfigFrom(
  vars: DeliveryEnv,
  mode: "demo" | "production",
): SmtpConfig | string {
  if (vars.STOREFLOOR_SMTP_URL === undefined) {
    return "STOREFLOOR_SMTP_URL is missing and STOREFLOOR_DELIVERY includes smtp. Set it, e.g. to smtps://user:password@mail.example.com:465.";
  }
  if (vars.STOREFLOOR_MAIL_FROM === undefined) {
    return "STOREFLOOR_MAIL_FROM is missing and STOREFLOOR_DELIVERY includes smtp. Set it to the sender address, e.g. Storefloor <storefloor@example.com>.";
  }
  // The URL carries a password: messages below name its parts, never the URL.
  const url = new URL(vars.STOREFLOOR_SMTP_URL);
  if ((url.pathname !== "" && url.pathname !== "/") || url.search || url.hash) {
    return "STOREFLOOR_SMTP_URL must not have a path, query or fragment. Use only smtp[s]://user:password@host:port.";
  }
  const implicitTls = url.protocol === "smtps:";
  const plain = vars.STOREFLOOR_SMTP_TLS === "none";
  if (plain && implicitTls) {
    return "STOREFLOOR_SMTP_TLS=none contradicts STOREFLOOR_SMTP_URL with smtps://, which always uses TLS. Remove STOREFLOOR_SMTP_TLS or use smtp://.";
  }
  if (plain && mode === "production") {
    return "STOREFLOOR_SMTP_TLS=none sends PINs unencrypted and is not allowed in production mode. Remove it, so that the hub requires TLS.";
  }
  if (plain && !LOCAL_HOSTNAMES.has(url.hostname)) {
    return `STOREFLOOR_SMTP_TLS=none is allowed only to a mail server on this machine (localhost or 127.0.0.1), and STOREFLOOR_SMTP_URL names ${url.hostname}. Remove STOREFLOOR_SMTP_TLS, so that the hub requires TLS.`;
  }
  let tls: SmtpConfig["tls"] = "starttls";
  if (implicitTls) {
    tls = "implicit";
  } else if (plain) {
    tls = "none";
  }
  const defaultPort = implicitTls ? SMTPS_PORT : SUBMISSION_PORT;
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port ? Number(url.port) : defaultPort,
    tls,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    from: vars.STOREFLOOR_MAIL_FROM,
  };
}

function webhookConfigFrom(
  vars: DeliveryEnv,
  mode: "demo" | "production",
): WebhookConfig | string {
  if (vars.STOREFLOOR_WEBHOOK_URL === undefined) {
    return "STOREFLOOR_WEBHOOK_URL is missing and STOREFLOOR_DELIVERY includes webhook. Set it to the SMS gateway's https:// endpoint.";
  }
  if (vars.STOREFLOOR_WEBHOOK_SECRET === undefined) {
    return `STOREFLOOR_WEBHOOK_SECRET is missing and STOREFLOOR_DELIVERY includes webhook. Set it to a random string of at least ${WEBHOOK_SECRET_MIN_LENGTH} characters (e.g. openssl rand -hex 32) and give the same value to the receiver.`;
  }
  const url = new URL(vars.STOREFLOOR_WEBHOOK_URL);
  if (url.protocol !== "https:") {
    if (mode === "production") {
      return "STOREFLOOR_WEBHOOK_URL uses plain http, which production mode does not allow because the request carries a PIN. Use an https:// URL.";
    }
    if (!LOCAL_HOSTNAMES.has(url.hostname)) {
      return `STOREFLOOR_WEBHOOK_URL uses plain http to ${url.hostname}; demo mode allows http only to localhost or 127.0.0.1. Use an https:// URL.`;
    }
  }
  return { url: url.href, secret: vars.STOREFLOOR_WEBHOOK_SECRET };
}

/** Checks `address` or `Display Name <address>`. */
function isMailbox(value: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(value.trim());
  const address = named?.[1] ?? value.trim();
  return z.email().safeParse(address).success;
}

function failure(message: string): DeliveryConfigResult {
  return { ok: false, message };
}
