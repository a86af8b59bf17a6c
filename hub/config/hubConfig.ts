import path from "node:path";
import { z } from "zod";
import {
  DeliveryEnv,
  deliveryConfigFrom,
  type DeliveryConfig,
} from "../delivery/deliveryConfig";
import {
  passkeyConfigFrom,
  type PasskeyConfig,
} from "../passkeys/passkeyConfig";

const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

const booleanFromEnv = z
  .enum(["true", "false", "1", "0"], {
    error: "must be true or false",
  })
  .transform((value) => value === "true" || value === "1");

/** The environment variables the hub reads, before defaults are derived. */
const HubEnv = z.object({
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int()
    .min(0)
    .max(65535)
    .default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  STOREFLOOR_DATA_DIR: z.string().min(1).default("./data"),
  STOREFLOOR_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional(),
  STOREFLOOR_MODE: z
    .enum(["demo", "production"], { error: "must be demo or production" })
    .default("demo"),
  STOREFLOOR_PIN_PEPPER: z
    .string()
    .min(16, "must be at least 16 characters when set")
    .optional(),
  STOREFLOOR_ARGON2_COST: z
    .enum(["standard", "low"], { error: "must be standard or low" })
    .default("standard"),
  STOREFLOOR_TRUST_PROXY: booleanFromEnv.default(false),
  STOREFLOOR_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
  STOREFLOOR_ADMIN_IDLE_MINUTES: z.coerce
    .number({ error: "must be a number of minutes" })
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  STOREFLOOR_ADMIN_SESSION_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  STOREFLOOR_RP_ID: z
    .string()
    .regex(
      /^[A-Za-z0-9.-]{1,253}$/,
      "must be a host name such as example.com, without scheme or port",
    )
    .optional(),
  STOREFLOOR_RP_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ""),
    )
    .pipe(
      z.array(
        z
          .url({
            protocol: /^https?$/,
            error: "must be comma-separated http:// or https:// origins",
          })
          .transform((origin) => new URL(origin).origin),
      ),
    )
    .optional(),
  NODE_ENV: z.string().optional(),
  ...DeliveryEnv.shape,
});

/** The hub's validated settings from the environment. */
export interface HubConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The URL people and tablets reach the hub at, without a trailing slash. */
  readonly publicUrl: string;
  readonly mode: "demo" | "production";
  readonly pinPepper: string | undefined;
  /** `low` makes argon2 cheap for tests and fixtures; refused in production. */
  readonly argon2Cost: "standard" | "low";
  readonly trustProxy: boolean;
  readonly logLevel: z.infer<typeof HubEnv>["STOREFLOOR_LOG_LEVEL"];
  /** Delivery settings of temporary PINs. */
  readonly delivery: DeliveryConfig;
  /** Lifetimes of control panel sessions. */
  readonly adminSession: AdminSessionConfig;
  /** The WebAuthn relying party that passkeys belong to. */
  readonly passkeys: PasskeyConfig;
}

/** How long a control panel session lasts. */
export interface AdminSessionConfig {
  /** Seconds without a request after which a session ends. */
  readonly idleSeconds: number;
  /** Seconds after sign-in after which a session ends however much it is used. */
  readonly absoluteSeconds: number;
}

/** Raised for an environment the hub must not start with. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Reads and validates the hub's settings from `env`. Throws a ConfigError
 * that names every invalid variable and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = HubEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const vars = parsed.data;
  const publicUrl = (
    vars.STOREFLOOR_PUBLIC_URL ?? `http://localhost:${vars.PORT}`
  ).replace(/\/+$/, "");
  const production =
    vars.STOREFLOOR_MODE === "production" || vars.NODE_ENV === "production";

  if (production && vars.STOREFLOOR_ARGON2_COST === "low") {
    throw new ConfigError(
      "STOREFLOOR_ARGON2_COST=low is for tests and fixtures only and is refused in production. Remove it or set it to standard.",
    );
  }
  if (vars.STOREFLOOR_MODE === "production" && !isHttpsOrLocal(publicUrl)) {
    throw new ConfigError(
      `STOREFLOOR_PUBLIC_URL=${publicUrl} uses plain http, which production mode allows only for localhost. Serve the hub over https.`,
    );
  }

  const delivery = deliveryConfigFrom(vars, vars.STOREFLOOR_MODE);
  if (!delivery.ok) {
    throw new ConfigError(delivery.message);
  }

  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir: path.resolve(vars.STOREFLOOR_DATA_DIR),
    publicUrl,
    mode: vars.STOREFLOOR_MODE,
    pinPepper: vars.STOREFLOOR_PIN_PEPPER,
    argon2Cost: vars.STOREFLOOR_ARGON2_COST,
    trustProxy: vars.STOREFLOOR_TRUST_PROXY,
    logLevel: vars.STOREFLOOR_LOG_LEVEL,
    delivery: delivery.config,
    adminSession: {
      idleSeconds: vars.STOREFLOOR_ADMIN_IDLE_MINUTES * 60,
      absoluteSeconds: vars.STOREFLOOR_ADMIN_SESSION_HOURS * 3600,
    },
    passkeys: passkeyConfigFrom(publicUrl, {
      rpId: vars.STOREFLOOR_RP_ID,
      origins: vars.STOREFLOOR_RP_ORIGINS,
    }),
  };
}

function isHttpsOrLocal(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === "https:" || LOCAL_HOSTNAMES.has(parsed.hostname);
}
