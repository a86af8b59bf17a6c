import { describe, expect, it, vi } from "vitest";
import { ApiClient } from "../../kiosk/net/ApiClient";
import { KioskError } from "../../kiosk/net/KioskError";
import { createLogger, type LogEntry } from "../../kiosk/log/Logger";

const SESSION = {
  token: "secret-token",
  expiresAt: 2_000_000_000_000,
  mustChangePin: false,
  user: {
    id: "u-1",
    employeeNumber: "E1",
    firstName: "Ana",
    lastName: "Lima",
    role: { id: "employee", name: "Employee", level: 1, permissions: [] },
  },
};

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function client(
  respond: (url: string, init: RequestInit) => Response | Promise<Response>,
  token: { current: string | undefined } = { current: undefined },
) {
  const entries: LogEntry[] = [];
  const onUnauthenticated = vi.fn();
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) =>
    respond(String(url), init ?? {}),
  );
  const api = new ApiClient({
    logger: createLogger({
      level: "debug",
      sink: (entry) => entries.push(entry),
    }),
    getToken: () => token.current,
    onUnauthenticated,
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { api, fetch, entries, onUnauthenticated };
}

async function rejection(promise: Promise<unknown>): Promise<KioskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KioskError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("ApiClient", () => {
  it("parses a sign-in", async () => {
    const { api, fetch } = client(() => jsonResponse(200, SESSION));
    const session = await api.signIn({
      identity: { userId: "u-1" },
      pin: "482619",
    });
    expect(session.user.firstName).toBe("Ana");
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/kiosk/sign-in");
  });

  it("rejects an invalid body before sending", async () => {
    const { api, fetch } = client(() => jsonResponse(200, SESSION));
    const error = await rejection(
      api.signIn({
        identity: { userId: "u-1" },
        pin: "12ab",
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("keeps the hub's code, message and details", async () => {
    const { api } = client(() =>
      jsonResponse(401, {
        error: {
          code: "PIN_INCORRECT",
          message: "The PIN is incorrect.",
          details: { attemptsBeforeLock: 3 },
        },
      }),
    );
    const error = await rejection(api.health());
    expect(error.code).toBe("PIN_INCORRECT");
    expect(error.detailNumber("attemptsBeforeLock")).toBe(3);
    expect(error.status).toBe(401);
  });

  it("accepts an error code it does not know", async () => {
    const { api } = client(() =>
      jsonResponse(409, { error: { code: "SOMETHING_NEW", message: "New." } }),
    );
    const error = await rejection(api.health());
    expect(error.code).toBe("SOMETHING_NEW");
    expect(error.hubCode).toBeUndefined();
    expect(error.message).toBe("New.");
  });

  it("reports a response that fails its schema", async () => {
    const { api } = client(() => jsonResponse(200, { status: 1 }));
    expect((await rejection(api.health())).code).toBe("BAD_RESPONSE");
  });

  it("reports a network failure", async () => {
    const { api } = client(() => {
      throw new TypeError("Failed to fetch");
    });
    expect((await rejection(api.health())).code).toBe("NETWORK");
  });

  it("signs out on UNAUTHENTICATED of the current token", async () => {
    const token = { current: "secret-token" as string | undefined };
    const { api, onUnauthenticated, fetch } = client(
      () =>
        jsonResponse(401, {
          error: { code: "UNAUTHENTICATED", message: "Sign in again." },
        }),
      token,
    );
    await rejection(api.session());
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    const headers = fetch.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer secret-token");
  });

  it("ignores UNAUTHENTICATED of an earlier token", async () => {
    const token = { current: "old-token" as string | undefined };
    const { api, onUnauthenticated } = client(() => {
      token.current = "new-token";
      return jsonResponse(401, {
        error: { code: "UNAUTHENTICATED", message: "Sign in again." },
      });
    }, token);
    await rejection(api.session());
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it("never logs the token or a PIN", async () => {
    const token = { current: "secret-token" as string | undefined };
    const { api, entries } = client(() => jsonResponse(200, SESSION), token);
    await api.changePin({ currentPin: "482619", newPin: "582039" });
    const logged = JSON.stringify(entries);
    expect(entries.length).toBeGreaterThan(0);
    expect(logged).not.toContain("secret-token");
    expect(logged).not.toContain("482619");
    expect(logged).not.toContain("582039");
  });
});

describe("ApiClient with a tablet token", () => {
  const SIGN_IN = {
    identity: { userId: "u-1" },
    pin: "482619",
  };

  function tokens(values: string[]) {
    const issued = [...values];
    return {
      token: vi.fn(async () => issued[0] ?? "none"),
      invalidate: vi.fn(() => {
        issued.shift();
      }),
    };
  }

  it("sends the tablet token header", async () => {
    const { api, fetch } = client(() => jsonResponse(200, SESSION));
    api.useTabletTokens(tokens(["tablet-token-1"]));
    await api.signIn(SIGN_IN);
    const headers = fetch.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers["x-storefloor-tablet"]).toBe("tablet-token-1");
  });

  it("leaves the header off the key proof", async () => {
    const { api, fetch } = client(() =>
      jsonResponse(200, { challenge: "c".repeat(43), expiresAt: 1 }),
    );
    const source = tokens(["tablet-token-1"]);
    api.useTabletTokens(source);
    await api.tabletChallenge({ tabletId: "t-1" });
    const headers = fetch.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers["x-storefloor-tablet"]).toBeUndefined();
    expect(source.token).not.toHaveBeenCalled();
  });

  it("renews a token the hub no longer accepts", async () => {
    let calls = 0;
    const { api, fetch } = client(() => {
      calls += 1;
      return calls === 1
        ? jsonResponse(401, {
            error: { code: "TABLET_NOT_ENROLLED", message: "Prove again." },
          })
        : jsonResponse(200, SESSION);
    });
    const source = tokens(["expired-token", "fresh-token"]);
    api.useTabletTokens(source);
    await api.signIn(SIGN_IN);
    expect(source.invalidate).toHaveBeenCalledTimes(1);
    const second = fetch.mock.calls[1]?.[1]?.headers as Record<string, string>;
    expect(second["x-storefloor-tablet"]).toBe("fresh-token");
  });

  it("reports a revoked tablet", async () => {
    const onTabletRejected = vi.fn();
    const api = new ApiClient({
      logger: createLogger({ level: "error", sink: () => undefined }),
      getToken: () => undefined,
      onUnauthenticated: () => undefined,
      onTabletRejected,
      fetch: (async () =>
        jsonResponse(401, {
          error: { code: "TABLET_REVOKED", message: "Revoked." },
        })) as unknown as typeof globalThis.fetch,
    });
    api.useTabletTokens(tokens(["tablet-token-1"]));
    const error = await rejection(api.signIn(SIGN_IN));
    expect(error.code).toBe("TABLET_REVOKED");
    expect(onTabletRejected).toHaveBeenCalledTimes(1);
  });
});

describe("createLogger", () => {
  it("redacts secret fields", () => {
    const entries: LogEntry[] = [];
    const logger = createLogger({
      level: "info",
      sink: (e) => entries.push(e),
    });
    logger.info({ pin: "1234", token: "t", userId: "u-1" }, "test");
    expect(entries[0]?.fields).toEqual({
      pin: "[redacted]",
      token: "[redacted]",
      userId: "u-1",
    });
  });

  it("drops entries below its level", () => {
    const entries: LogEntry[] = [];
    const logger = createLogger({
      level: "warn",
      sink: (e) => entries.push(e),
    });
    logger.info({}, "quiet");
    logger.child({ module: "x" }).warn({}, "loud");
    expect(entries.map((e) => [e.message, e.fields])).toEqual([
      ["loud", { module: "x" }],
    ]);
  });
});
