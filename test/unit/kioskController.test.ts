import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_SETTINGS,
  KioskUser,
  SessionView,
  StoreId,
  type ChangeMessage,
  type Permission,
} from "../../protocol";
import { KioskController } from "../../kiosk/app/KioskController";
import { createLogger } from "../../kiosk/log/Logger";
import type { SyncClientOptions } from "../../kiosk/net/SyncClient";
import { TabletStorage } from "../../kiosk/tablet/tabletStorage";
import { IdleTimer } from "../../kiosk/session/IdleTimer";

const STORE_ID = StoreId.parse("store-1");

const ANA = user("u-ana", "E1001", "employee", 1);
const MAREK = user("u-marek", "E1004", "manager", 3);

function user(id: string, employeeNumber: string, role: string, level: number) {
  return KioskUser.parse({
    id,
    employeeNumber,
    firstName: id,
    lastName: "Test",
    role: { id: role, name: role, level },
    lock: { kind: "none" },
    failedAttempts: 0,
    delivery: "email",
    pinTemporary: false,
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

class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

interface Hub {
  rosterUsers: KioskUser[];
  rosterSeq: number;
  session: SessionView | undefined;
  requests: string[];
}

function setUp() {
  const hub: Hub = {
    rosterUsers: [ANA, MAREK],
    rosterSeq: 5,
    session: undefined,
    requests: [],
  };
  const fetch = vi.fn(async (input: string | URL | Request) => {
    const url = String(input);
    hub.requests.push(url);
    if (url === "/api/health") {
      return json(200, { status: "ok", protocolVersion: 1, mode: "demo" });
    }
    if (url.endsWith("/roster")) {
      return json(200, {
        store: { id: STORE_ID, code: "S01", name: "Downtown", timeZone: "UTC" },
        users: hub.rosterUsers,
        settings: DEFAULT_SETTINGS,
        seq: hub.rosterSeq,
      });
    }
    if (url === "/api/kiosk/session") {
      return hub.session === undefined
        ? json(401, { error: { code: "UNAUTHENTICATED", message: "gone" } })
        : json(200, hub.session);
    }
    if (url === "/api/kiosk/sign-out") {
      return new Response(null, { status: 204 });
    }
    return json(404, { error: { code: "NOT_FOUND", message: url } });
  });

  const storage = new MemoryStorage();
  storage.setItem("storefloor.storeId", STORE_ID);
  let sync: SyncClientOptions | undefined;
  const controller = new KioskController({
    storage: new TabletStorage(storage, silentLogger()),
    logger: silentLogger(),
    fetch: fetch as unknown as typeof globalThis.fetch,
    createSync: (options) => {
      sync = options;
      return { start: () => undefined, stop: () => undefined };
    },
  });
  const listeners = () => {
    if (sync === undefined) {
      throw new Error("the controller did not create a sync client");
    }
    return sync.listeners;
  };
  return { hub, controller, listeners, storage };
}

function silentLogger() {
  return createLogger({ level: "error", sink: () => undefined });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status });
}

function change(seq: number, payload: ChangeMessage["change"]): ChangeMessage {
  return { seq, previousSeq: seq - 1, change: payload };
}

async function settle() {
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe("KioskController", () => {
  it("keeps the tablet id across starts", () => {
    const storage = new MemoryStorage();
    const first = new TabletStorage(storage, silentLogger()).tabletId();
    const second = new TabletStorage(storage, silentLogger()).tabletId();
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it("loads the roster of the stored store", async () => {
    const { controller } = setUp();
    controller.start();
    await settle();
    expect(controller.snapshot.roster?.users).toHaveLength(2);
    expect(controller.snapshot.roster?.seq).toBe(5);
  });

  it("signs out a user who is removed", async () => {
    const { controller, listeners } = setUp();
    controller.start();
    await settle();
    controller.startSession(sessionOf(ANA, []));

    listeners().onChange(change(6, { kind: "user.remove", userId: ANA.id }));

    expect(controller.snapshot.session).toBeUndefined();
    expect(controller.snapshot.roster?.users.map((u) => u.id)).toEqual([
      MAREK.id,
    ]);
  });

  it("drops the permissions of a demoted manager at once", async () => {
    const { controller, listeners, hub } = setUp();
    controller.start();
    await settle();
    controller.startSession(sessionOf(MAREK, ["pin.reset", "user.unlock"]));
    const demoted = KioskUser.parse({
      ...MAREK,
      role: { id: "employee", name: "Employee", level: 1 },
      version: 2,
    });
    hub.session = sessionOf(demoted, []);

    listeners().onChange(change(6, { kind: "user.upsert", user: demoted }));

    expect(controller.snapshot.session?.user.role.permissions).toEqual([]);
    expect(controller.snapshot.session?.user.role.level).toBe(1);
    await settle();
    expect(hub.requests).toContain("/api/kiosk/session");
  });

  it("loads the roster again after a missed change", async () => {
    const { controller, listeners, hub } = setUp();
    controller.start();
    await settle();
    const rosterLoads = hub.requests.filter((url) => url.endsWith("/roster"));
    // The hub's roster has the missed change 8 but not change 9 yet.
    hub.rosterSeq = 8;

    listeners().onChange({
      seq: 9,
      previousSeq: 8,
      change: { kind: "user.remove", userId: ANA.id },
    });
    await settle();

    const after = hub.requests.filter((url) => url.endsWith("/roster"));
    expect(after.length).toBe(rosterLoads.length + 1);
    expect(controller.snapshot.roster?.seq).toBe(9);
    expect(controller.snapshot.roster?.users.map((u) => u.id)).toEqual([
      MAREK.id,
    ]);
  });

  it("loads the roster again on reconnect", async () => {
    const { controller, listeners, hub } = setUp();
    controller.start();
    await settle();
    const before = hub.requests.length;
    listeners().onConnected(true);
    await settle();
    expect(hub.requests.slice(before)).toEqual([
      `/api/kiosk/stores/${STORE_ID}/roster`,
    ]);
  });

  it("marks a protocol mismatch", async () => {
    const { controller, listeners } = setUp();
    controller.start();
    await settle();
    const { KioskError } = await import("../../kiosk/net/KioskError");
    listeners().onRejected(
      new KioskError({ code: "PROTOCOL_MISMATCH", message: "update" }),
    );
    expect(controller.snapshot.updateRequired).toBe(true);
  });

  it("signs out when the hub rejects the token", async () => {
    const { controller } = setUp();
    controller.start();
    await settle();
    controller.startSession(sessionOf(ANA, []));
    await controller.refreshSession();
    expect(controller.snapshot.session).toBeUndefined();
  });

  it("tells the hub when a user signs out", async () => {
    const { controller, hub } = setUp();
    controller.start();
    await settle();
    controller.startSession(sessionOf(ANA, []));
    controller.signOut("user");
    await settle();
    expect(controller.snapshot.session).toBeUndefined();
    expect(hub.requests).toContain("/api/kiosk/sign-out");
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
