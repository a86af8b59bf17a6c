import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_SETTINGS,
  KioskUser,
  SessionView,
  StoreId,
  TabletId,
  type Permission,
} from "../../protocol";
import { createLogger } from "../../kiosk/log/Logger";
import { ApiClient } from "../../kiosk/net/ApiClient";
import { KioskError } from "../../kiosk/net/KioskError";
import type { RosterState } from "../../kiosk/roster/applyChange";
import { IdleTimer } from "../../kiosk/session/IdleTimer";
import type { KioskSession } from "../../kiosk/session/KioskSession";
import {
  SessionController,
  type SessionTablet,
} from "../../kiosk/session/SessionController";

const STORE = {
  id: StoreId.parse("store-1"),
  code: "A",
  name: "Store A",
  timeZone: "UTC",
};

const ANA = user("u-ana", "E1001", "employee", 1);
const MAREK = user("u-marek", "E1004", "manager", 3, [
  "pin.reset",
  "user.unlock",
]);

function user(
  id: string,
  employeeNumber: string,
  role: string,
  level: number,
  permissions: readonly Permission[] = [],
) {
  return KioskUser.parse({
    id,
    employeeNumber,
    firstName: id,
    lastName: "Test",
    role: { id: role, name: role, level, permissions },
    lock: { kind: "none" },
    failedAttempts: 0,
    delivery: "email",
    pinTemporary: false,
    pinExpiresAt: null,
    storeIds: ["s-1"],
    orgWide: false,
    credentialVersion: 1,
    version: 1,
  });
}

function sessionOf(
  target: KioskUser,
  permissions: readonly Permission[],
): SessionView {
  return SessionView.parse({
    token: `token-${target.id}`,
    expiresAt: 2_000_000_000_000,
    mustChangePin: false,
    user: {
      id: target.id,
      employeeNumber: target.employeeNumber,
      firstName: target.firstName,
      lastName: target.lastName,
      role: { ...target.role, permissions },
    },
  });
}

function roster(users: KioskUser[]): RosterState {
  return { store: STORE, users, settings: DEFAULT_SETTINGS, seq: 1 };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status });
}

const NETWORK_DOWN = () => {
  throw new TypeError("Failed to fetch");
};

function setUp(
  respond: (url: string) => Response = () => json(404, {}),
  options: { reachable?: boolean } = {},
) {
  const requests: string[] = [];
  const changes: Array<KioskSession | undefined> = [];
  const offline = {
    signIn: vi.fn(async () => ANA),
    changePin: vi.fn(async () => undefined),
    resetPin: vi.fn(async () => ({
      temporaryPin: "730418",
      expiresAt: 1_900_000_000_000,
    })),
  };
  const cache = { putUser: vi.fn(async () => undefined) };
  const tablet: SessionTablet = {
    identity: {
      tabletId: TabletId.parse("tablet-1"),
      store: STORE,
      enrolledAt: 1,
    },
    cache,
    offline,
  };
  let sessions: SessionController | undefined;
  const api = new ApiClient({
    logger: createLogger({ level: "error", sink: () => undefined }),
    getToken: () => sessions?.session?.token,
    onUnauthenticated: () => sessions?.signOut("unauthenticated"),
    fetch: (async (input: string | URL | Request) => {
      const url = String(input);
      requests.push(url);
      return respond(url);
    }) as unknown as typeof fetch,
  });
  sessions = new SessionController({
    api,
    logger: createLogger({ level: "error", sink: () => undefined }),
    tablet: () => tablet,
    hubReachable: () => options.reachable ?? true,
    onChange: (session) => changes.push(session),
  });
  return { sessions, offline, cache, requests, changes };
}

describe("SessionController sign-in", () => {
  it("signs in at the hub while it is reachable", async () => {
    const { sessions, offline, requests } = setUp(() =>
      json(200, sessionOf(ANA, [])),
    );
    await sessions.signIn({ userId: ANA.id }, "482619");
    expect(sessions.session?.mode).toBe("online");
    expect(sessions.session?.token).toBe("token-u-ana");
    expect(requests).toEqual(["/api/kiosk/sign-in"]);
    expect(offline.signIn).not.toHaveBeenCalled();
  });

  it("signs in offline when the request fails to arrive", async () => {
    const { sessions, offline } = setUp(NETWORK_DOWN);
    await sessions.signIn({ userId: ANA.id }, "482619");
    expect(offline.signIn).toHaveBeenCalledTimes(1);
    expect(sessions.session?.mode).toBe("offline");
    expect(sessions.session?.token).toBeUndefined();
  });

  it("skips the hub when the tablet knows it is offline", async () => {
    const { sessions, requests } = setUp(NETWORK_DOWN, { reachable: false });
    await sessions.signIn({ userId: ANA.id }, "482619");
    expect(requests).toEqual([]);
    expect(sessions.session?.mode).toBe("offline");
  });

  it("keeps the hub's verdict on a wrong PIN", async () => {
    const { sessions, offline } = setUp(() =>
      json(401, { error: { code: "PIN_INCORRECT", message: "Wrong." } }),
    );
    await expect(sessions.signIn({ userId: ANA.id }, "000000")).rejects.toThrow(
      KioskError,
    );
    expect(offline.signIn).not.toHaveBeenCalled();
    expect(sessions.session).toBeUndefined();
  });

  it("asks an offline user with a temporary PIN to replace it", async () => {
    const { sessions, offline } = setUp(NETWORK_DOWN, { reachable: false });
    offline.signIn.mockResolvedValueOnce(
      KioskUser.parse({ ...ANA, pinTemporary: true }),
    );
    await sessions.signIn({ userId: ANA.id }, "730418");
    expect(sessions.session?.mustChangePin).toBe(true);

    await sessions.changePin({ newPin: "582039" });
    // The temporary PIN typed at sign-in is the current PIN the hub checks.
    expect(offline.changePin).toHaveBeenCalledWith(ANA.id, "730418", "582039");
    expect(sessions.session?.mustChangePin).toBe(false);
  });
});

describe("SessionController actions", () => {
  it("resets a PIN offline when the hub is out of reach", async () => {
    const { sessions, offline } = setUp(NETWORK_DOWN, { reachable: false });
    offline.signIn.mockResolvedValueOnce(MAREK);
    await sessions.signIn({ userId: MAREK.id }, "915273");
    const outcome = await sessions.resetPin(ANA, { proof: "915273" });
    expect(outcome).toMatchObject({
      offline: true,
      delivery: "in-person",
      temporaryPin: "730418",
    });
  });

  it("falls back to an offline reset when the request fails", async () => {
    let online = true;
    const { sessions, offline } = setUp(() => {
      if (!online) {
        throw new TypeError("Failed to fetch");
      }
      return json(200, sessionOf(MAREK, ["pin.reset"]));
    });
    await sessions.signIn({ userId: MAREK.id }, "915273");
    online = false;
    const outcome = await sessions.resetPin(ANA, { proof: "915273" });
    expect(outcome.offline).toBe(true);
    expect(offline.resetPin).toHaveBeenCalledTimes(1);
    expect(sessions.session?.mode).toBe("offline");
  });

  it("refuses to unlock offline", async () => {
    const { sessions, offline } = setUp(NETWORK_DOWN, { reachable: false });
    offline.signIn.mockResolvedValueOnce(MAREK);
    await sessions.signIn({ userId: MAREK.id }, "915273");
    const error = await sessions.unlock(ANA, "915273").catch((e) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe("ONLINE_ONLY");
  });

  it("stores the user an online unlock returns", async () => {
    const unlocked = KioskUser.parse({ ...ANA, version: 2 });
    const { sessions, cache } = setUp((url) =>
      url.endsWith("/unlock")
        ? json(200, unlocked)
        : json(200, sessionOf(MAREK, ["user.unlock"])),
    );
    await sessions.signIn({ userId: MAREK.id }, "915273");
    await sessions.unlock(ANA, "915273");
    expect(cache.putUser).toHaveBeenCalledWith(unlocked);
  });
});

describe("SessionController and the roster", () => {
  it("signs out a user who left the store", async () => {
    const { sessions } = setUp(() => json(200, sessionOf(ANA, [])));
    await sessions.signIn({ userId: ANA.id }, "482619");
    sessions.rosterChanged(roster([MAREK]));
    expect(sessions.session).toBeUndefined();
  });

  it("drops the permissions of a demoted manager at once", async () => {
    const { sessions, requests } = setUp(() =>
      json(200, sessionOf(MAREK, ["pin.reset", "user.unlock"])),
    );
    await sessions.signIn({ userId: MAREK.id }, "915273");
    const demoted = KioskUser.parse({
      ...MAREK,
      role: { id: "employee", name: "Employee", level: 1, permissions: [] },
      version: 2,
    });
    sessions.rosterChanged(roster([ANA, demoted]));
    expect(sessions.session?.user.role.permissions).toEqual([]);
    expect(sessions.session?.user.role.level).toBe(1);
    expect(requests).toContain("/api/kiosk/session");
  });

  it("recomputes an offline session's permissions from the new role", async () => {
    const { sessions, offline } = setUp(NETWORK_DOWN, { reachable: false });
    offline.signIn.mockResolvedValueOnce(MAREK);
    await sessions.signIn({ userId: MAREK.id }, "915273");
    expect(sessions.session?.user.role.permissions).toContain("pin.reset");
    const demoted = KioskUser.parse({
      ...MAREK,
      role: { id: "employee", name: "Employee", level: 1, permissions: [] },
      version: 2,
    });
    sessions.rosterChanged(roster([demoted]));
    expect(sessions.session?.user.role.permissions).toEqual([]);
  });

  it("leaves an unchanged session alone", async () => {
    const { sessions, changes } = setUp(() => json(200, sessionOf(ANA, [])));
    await sessions.signIn({ userId: ANA.id }, "482619");
    const before = changes.length;
    sessions.rosterChanged(roster([ANA, MAREK]));
    expect(changes.length).toBe(before);
  });
});

describe("SessionController sign-out", () => {
  it("signs out when the hub rejects the token", async () => {
    let signedIn = false;
    const { sessions } = setUp((url) => {
      if (url === "/api/kiosk/sign-in") {
        signedIn = true;
        return json(200, sessionOf(ANA, []));
      }
      return json(401, { error: { code: "UNAUTHENTICATED", message: "gone" } });
    });
    await sessions.signIn({ userId: ANA.id }, "482619");
    expect(signedIn).toBe(true);
    await sessions.refreshSession();
    expect(sessions.session).toBeUndefined();
  });

  it("tells the hub when a user signs out", async () => {
    const { sessions, requests } = setUp((url) =>
      url === "/api/kiosk/sign-out"
        ? new Response(null, { status: 204 })
        : json(200, sessionOf(ANA, [])),
    );
    await sessions.signIn({ userId: ANA.id }, "482619");
    sessions.signOut("user");
    await vi.waitFor(() => expect(requests).toContain("/api/kiosk/sign-out"));
    expect(sessions.session).toBeUndefined();
  });

  it("gives every sign-in a new serial", async () => {
    const { sessions } = setUp(() => json(200, sessionOf(ANA, [])));
    await sessions.signIn({ userId: ANA.id }, "482619");
    const first = sessions.session?.serial;
    sessions.signOut("user");
    await sessions.signIn({ userId: ANA.id }, "482619");
    expect(sessions.session?.serial).not.toBe(first);
  });
});

describe("IdleTimer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires after the timeout without input", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const timer = new IdleTimer({ target, timeoutMs: 60_000, onIdle });
    timer.start();
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("starts again on input", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const onActivity = vi.fn();
    const timer = new IdleTimer({
      target,
      timeoutMs: 1_000,
      onIdle,
      onActivity,
    });
    timer.start();
    vi.advanceTimersByTime(900);
    target.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(900);
    expect(onIdle).not.toHaveBeenCalled();
    expect(onActivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("stops listening when stopped", () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const timer = new IdleTimer({ target, timeoutMs: 1_000, onIdle });
    timer.start();
    timer.stop();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
