import { describe, expect, it, vi } from "vitest";
import {
  DEFAULT_SETTINGS,
  KioskUser,
  SessionView,
  StoreId,
  TabletId,
  type AuthenticationResponseJSON,
  type RequestOptionsJSON,
} from "../../protocol";
import { createLogger } from "../../kiosk/log/Logger";
import { ApiClient } from "../../kiosk/net/ApiClient";
import { USE_PASSKEY } from "../../kiosk/session/KioskSession";
import {
  SessionController,
  type SessionTablet,
} from "../../kiosk/session/SessionController";
import { SoftAuthenticator } from "../support/softAuthenticator";

const STORE = {
  id: StoreId.parse("store-1"),
  code: "A",
  name: "Store A",
  timeZone: "UTC",
};

const CHALLENGE_ID = "challenge-id-0123456789";
const CHALLENGE = "cHJvb2YtY2hhbGxlbmdl";

function kioskUser(id: string, level: number): KioskUser {
  return KioskUser.parse({
    id,
    employeeNumber: id.toUpperCase(),
    firstName: id,
    lastName: "Test",
    role: { id: `level-${level}`, name: "Role", level, permissions: [] },
    lock: { kind: "none" },
    failedAttempts: 0,
    delivery: "email",
    pinTemporary: false,
    pinExpiresAt: null,
    storeIds: ["s-1"],
    orgWide: false,
    credentialVersion: 1,
    version: 1,
    hasPasskey: level > 1,
    passkeyVersion: level > 1 ? 1 : 0,
  });
}

const ANA = kioskUser("u-ana", 1);
const MAREK = kioskUser("u-marek", 3);

interface SentRequest {
  readonly url: string;
  readonly body: unknown;
}

/**
 * A session controller whose hub answers sign-in, proof options and resets
 * until `down()` makes every request fail to arrive.
 */
function setUp() {
  const sent: SentRequest[] = [];
  let reachable = true;
  const authenticator = new SoftAuthenticator();
  authenticator.create({
    challenge: "cmVnaXN0cmF0aW9u",
    rp: { name: "Storefloor", id: "localhost" },
    user: { id: "dS1tYXJlaw", name: "U-MAREK", displayName: "Marek" },
    pubKeyCredParams: [{ type: "public-key", alg: -7 }],
  });
  const prompted: RequestOptionsJSON[] = [];
  const prompt = vi.fn(
    async (
      options: RequestOptionsJSON,
    ): Promise<AuthenticationResponseJSON> => {
      prompted.push(options);
      return authenticator.assert(options.challenge, { counter: 1 });
    },
  );
  const offline = {
    signIn: vi.fn(async () => MAREK),
    changePin: vi.fn(async () => undefined),
    resetPin: vi.fn(async (..._call: unknown[]) => ({
      temporaryPin: "730418",
      expiresAt: 1_900_000_000_000,
    })),
  };
  const tablet: SessionTablet = {
    identity: {
      tabletId: TabletId.parse("tablet-1"),
      store: STORE,
      enrolledAt: 1,
    },
    cache: { putUser: vi.fn(async () => undefined) },
    offline,
  };
  let sessions: SessionController | undefined;
  const api = new ApiClient({
    logger: createLogger({ level: "error", sink: () => undefined }),
    getToken: () => sessions?.session?.token,
    onUnauthenticated: () => sessions?.signOut("unauthenticated"),
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      if (!reachable) {
        throw new TypeError("Failed to fetch");
      }
      sent.push({
        url,
        body: typeof init?.body === "string" ? JSON.parse(init.body) : null,
      });
      return respond(url);
    }) as unknown as typeof fetch,
  });
  sessions = new SessionController({
    api,
    logger: createLogger({ level: "error", sink: () => undefined }),
    tablet: () => tablet,
    hubReachable: () => reachable,
    onChange: () => undefined,
    promptPasskey: prompt,
  });
  return {
    sessions,
    offline,
    sent,
    prompt,
    prompted,
    down: () => {
      reachable = false;
    },
  };
}

function respond(url: string): Response {
  if (url === "/api/kiosk/sign-in") {
    return json(
      SessionView.parse({
        token: "token-marek",
        expiresAt: 2_000_000_000_000,
        mustChangePin: false,
        user: {
          id: MAREK.id,
          employeeNumber: MAREK.employeeNumber,
          firstName: MAREK.firstName,
          lastName: MAREK.lastName,
          role: { ...MAREK.role, permissions: ["pin.reset", "user.unlock"] },
        },
      }),
    );
  }
  if (url === "/api/kiosk/passkeys/proof-options") {
    return json({
      challengeId: CHALLENGE_ID,
      options: { challenge: CHALLENGE, rpId: "localhost" },
      expiresAt: 2_000_000_000_000,
    });
  }
  if (url.endsWith("/pin-reset")) {
    return json({
      userId: ANA.id,
      delivery: "email",
      expiresAt: 1_900_000_000_000,
    });
  }
  if (url.endsWith("/unlock")) {
    return json(ANA);
  }
  return new Response("{}", { status: 404 });
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200 });
}

describe("SessionController passkey proofs", () => {
  it("sends an assertion over the hub's challenge", async () => {
    const { sessions, sent, prompted } = setUp();
    await sessions.signIn({ userId: MAREK.id }, "915273");

    const outcome = await sessions.resetPin(ANA, { proof: USE_PASSKEY });

    expect(outcome.offline).toBe(false);
    expect(sent.map((request) => request.url)).toEqual([
      "/api/kiosk/sign-in",
      "/api/kiosk/passkeys/proof-options",
      `/api/kiosk/users/${ANA.id}/pin-reset`,
    ]);
    expect(prompted[0]?.challenge).toBe(CHALLENGE);
    const body = sent[2]?.body as {
      proof: { passkey?: { challengeId: string; response: { id: string } } };
    };
    expect(body.proof.passkey?.challengeId).toBe(CHALLENGE_ID);
    expect(body.proof).not.toHaveProperty("pin");
  });

  it("sends a typed PIN without a prompt", async () => {
    const { sessions, sent, prompt } = setUp();
    await sessions.signIn({ userId: MAREK.id }, "915273");

    await sessions.unlock(ANA, "915273");

    expect(prompt).not.toHaveBeenCalled();
    expect(sent[1]?.body).toEqual({ proof: { pin: "915273" } });
  });

  it("proves offline with the prompt when the hub is gone", async () => {
    const { sessions, offline, prompt, down } = setUp();
    await sessions.signIn({ userId: MAREK.id }, "915273");
    down();

    const outcome = await sessions.resetPin(ANA, { proof: USE_PASSKEY });

    expect(outcome.offline).toBe(true);
    expect(offline.resetPin).toHaveBeenCalledTimes(1);
    const proof = offline.resetPin.mock.calls[0]?.[2] as unknown;
    expect(proof).toEqual({ prompt: expect.any(Function) });
    // The tablet, not the session, asks for the offline assertion.
    expect(prompt).not.toHaveBeenCalled();
  });
});
