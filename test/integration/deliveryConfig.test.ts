import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../hub/config/hubConfig";

const SECRET = "7f3c9a1e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a";
const SMTP_PASSWORD = "s3cret-Passw0rd";

/** Loads a configuration with only `env` set beyond the data directory. */
function configWith(env: Record<string, string>) {
  return loadConfig({ STOREFLOOR_DATA_DIR: "/tmp/storefloor-config", ...env });
}

/** Returns the ConfigError that loading `env` raises. */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    configWith(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

const PRODUCTION = { STOREFLOOR_MODE: "production" } as const;
const SMTP = {
  STOREFLOOR_DELIVERY: "smtp",
  STOREFLOOR_SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@mail.example.com`,
  STOREFLOOR_MAIL_FROM: "Storefloor <storefloor@example.com>",
} as const;
const WEBHOOK = {
  STOREFLOOR_DELIVERY: "webhook",
  STOREFLOOR_WEBHOOK_URL: "https://sms.example.com/send",
  STOREFLOOR_WEBHOOK_SECRET: SECRET,
} as const;

describe("delivery defaults", () => {
  test("demo uses local outbox", () => {
    const { delivery } = configWith({});

    expect(delivery.local).toBe(true);
    expect(delivery.smtp).toBeNull();
    expect(delivery.webhook).toBeNull();
    expect(delivery.maxAttempts).toBe(10);
    expect(delivery.pollIntervalMs).toBe(5_000);
  });

  test("production sends nothing", () => {
    const { delivery } = configWith({ ...PRODUCTION });

    expect(delivery.local).toBe(false);
    expect(delivery.smtp).toBeNull();
    expect(delivery.webhook).toBeNull();
  });
});

describe("valid delivery settings", () => {
  test("smtp:// requires STARTTLS", () => {
    const { delivery } = configWith({ ...PRODUCTION, ...SMTP });

    expect(delivery.smtp).toEqual({
      host: "mail.example.com",
      port: 587,
      tls: "starttls",
      user: "mailer",
      password: SMTP_PASSWORD,
      from: "Storefloor <storefloor@example.com>",
    });
  });

  test("smtps:// uses implicit TLS", () => {
    const { delivery } = configWith({
      ...PRODUCTION,
      ...SMTP,
      STOREFLOOR_SMTP_URL: "smtps://mailer:p%40ss%2Fw@mail.example.com",
    });

    expect(delivery.smtp?.tls).toBe("implicit");
    expect(delivery.smtp?.port).toBe(465);
    expect(delivery.smtp?.password).toBe("p@ss/w");
  });

  test("demo plain SMTP to localhost", () => {
    const { delivery } = configWith({
      ...SMTP,
      STOREFLOOR_SMTP_URL: "smtp://127.0.0.1:2525",
      STOREFLOOR_SMTP_TLS: "none",
    });

    expect(delivery.smtp?.tls).toBe("none");
    expect(delivery.smtp?.port).toBe(2525);
    expect(delivery.smtp?.user).toBeUndefined();
  });

  test("both transports", () => {
    const { delivery } = configWith({
      ...PRODUCTION,
      ...SMTP,
      ...WEBHOOK,
      STOREFLOOR_DELIVERY: "smtp,webhook",
    });

    expect(delivery.smtp?.host).toBe("mail.example.com");
    expect(delivery.webhook).toEqual({
      url: "https://sms.example.com/send",
      secret: SECRET,
    });
  });

  test("demo http webhook to localhost", () => {
    const { delivery } = configWith({
      ...WEBHOOK,
      STOREFLOOR_WEBHOOK_URL: "http://localhost:9000/sms",
    });

    expect(delivery.webhook?.url).toBe("http://localhost:9000/sms");
  });
});

/** Environments the hub must reject, with the variable the error names. */
const BAD_ENVIRONMENTS: readonly {
  name: string;
  env: Record<string, string>;
  variable: string;
}[] = [
  {
    name: "production with local outbox",
    env: { ...PRODUCTION, STOREFLOOR_DELIVERY: "local" },
    variable: "STOREFLOOR_DELIVERY",
  },
  {
    name: "production with plain SMTP",
    env: {
      ...PRODUCTION,
      ...SMTP,
      STOREFLOOR_SMTP_URL: "smtp://127.0.0.1:25",
      STOREFLOOR_SMTP_TLS: "none",
    },
    variable: "STOREFLOOR_SMTP_TLS",
  },
  {
    name: "demo plain SMTP to remote host",
    env: { ...SMTP, STOREFLOOR_SMTP_TLS: "none" },
    variable: "STOREFLOOR_SMTP_TLS",
  },
  {
    name: "smtps with TLS none",
    env: {
      ...SMTP,
      STOREFLOOR_SMTP_URL: "smtps://127.0.0.1",
      STOREFLOOR_SMTP_TLS: "none",
    },
    variable: "STOREFLOOR_SMTP_TLS",
  },
  {
    name: "smtp without URL",
    env: { STOREFLOOR_DELIVERY: "smtp", STOREFLOOR_MAIL_FROM: "a@example.com" },
    variable: "STOREFLOOR_SMTP_URL",
  },
  {
    name: "smtp without sender",
    env: {
      STOREFLOOR_DELIVERY: "smtp",
      STOREFLOOR_SMTP_URL: "smtps://mail.example.com",
    },
    variable: "STOREFLOOR_MAIL_FROM",
  },
  {
    name: "sender not an address",
    env: { ...SMTP, STOREFLOOR_MAIL_FROM: "Storefloor" },
    variable: "STOREFLOOR_MAIL_FROM",
  },
  {
    name: "SMTP URL with http",
    env: { ...SMTP, STOREFLOOR_SMTP_URL: "http://mail.example.com" },
    variable: "STOREFLOOR_SMTP_URL",
  },
  {
    name: "SMTP URL with query",
    env: { ...SMTP, STOREFLOOR_SMTP_URL: "smtps://mail.example.com?x=1" },
    variable: "STOREFLOOR_SMTP_URL",
  },
  {
    name: "webhook without secret",
    env: {
      STOREFLOOR_DELIVERY: "webhook",
      STOREFLOOR_WEBHOOK_URL: "https://sms.example.com/send",
    },
    variable: "STOREFLOOR_WEBHOOK_SECRET",
  },
  {
    name: "webhook secret too short",
    env: { ...WEBHOOK, STOREFLOOR_WEBHOOK_SECRET: "short-secret" },
    variable: "STOREFLOOR_WEBHOOK_SECRET",
  },
  {
    name: "webhook without URL",
    env: { STOREFLOOR_DELIVERY: "webhook", STOREFLOOR_WEBHOOK_SECRET: SECRET },
    variable: "STOREFLOOR_WEBHOOK_URL",
  },
  {
    name: "production http webhook",
    env: {
      ...PRODUCTION,
      ...WEBHOOK,
      STOREFLOOR_WEBHOOK_URL: "http://localhost:9000/sms",
    },
    variable: "STOREFLOOR_WEBHOOK_URL",
  },
  {
    name: "demo http webhook remote",
    env: { ...WEBHOOK, STOREFLOOR_WEBHOOK_URL: "http://sms.example.com/send" },
    variable: "STOREFLOOR_WEBHOOK_URL",
  },
  {
    name: "unknown transport",
    env: { STOREFLOOR_DELIVERY: "sms" },
    variable: "STOREFLOOR_DELIVERY",
  },
  {
    name: "local with another transport",
    env: { STOREFLOOR_DELIVERY: "local,smtp" },
    variable: "STOREFLOOR_DELIVERY",
  },
  {
    name: "SMTP URL without smtp selected",
    env: { STOREFLOOR_SMTP_URL: "smtps://mail.example.com" },
    variable: "STOREFLOOR_SMTP_URL",
  },
  {
    name: "zero attempts",
    env: { STOREFLOOR_DELIVERY_MAX_ATTEMPTS: "0" },
    variable: "STOREFLOOR_DELIVERY_MAX_ATTEMPTS",
  },
  {
    name: "poll interval not a number",
    env: { STOREFLOOR_DELIVERY_POLL_MS: "soon" },
    variable: "STOREFLOOR_DELIVERY_POLL_MS",
  },
];

describe("bad delivery settings", () => {
  test.each(BAD_ENVIRONMENTS)("$name", ({ env, variable }) => {
    const error = configErrorOf(env);

    expect(error.message).toContain(variable);
  });

  test("error hides SMTP password", () => {
    const error = configErrorOf({ ...SMTP, STOREFLOOR_SMTP_TLS: "none" });

    expect(error.message).toContain("mail.example.com");
    expect(error.message).not.toContain(SMTP_PASSWORD);
  });
});
