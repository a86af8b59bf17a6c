import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  ADMIN_NAMESPACE,
  ErrorBody,
  FeedEntry,
  type RoleId,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import {
  pinOf,
  postPinReset,
  postSignIn,
  signInToken,
  storeIdOf,
  userIdOf,
} from "../support/kioskClient";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

/** Maximum wait for an event the hub must send. */
const EVENT_TIMEOUT_MS = 5_000;

let hub: TestHub;
const sockets: Socket[] = [];
beforeEach(async () => {
  hub = await startFreshHub();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) {
    socket.disconnect();
  }
  await hub.stop();
});

/** A control panel socket and the entries it received so far. */
interface PanelSocket {
  readonly socket: Socket;
  readonly entries: FeedEntry[];
  /** Resolves with the first received entry that matches. */
  waitFor(predicate: (entry: FeedEntry) => boolean): Promise<FeedEntry>;
}

function openSocket(
  headers: Record<string, string>,
  auth: Record<string, unknown> = {},
): Socket {
  const socket = connect(`${hub.url}${ADMIN_NAMESPACE}`, {
    forceNew: true,
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: headers,
    auth,
  });
  sockets.push(socket);
  return socket;
}

/** Connects as a signed-in agent and resolves once the hub accepted it. */
async function connectPanel(agent: AdminAgent): Promise<PanelSocket> {
  const socket = openSocket({ cookie: agent.cookie, origin: agent.origin });
  const entries: FeedEntry[] = [];
  const waiters: {
    predicate: (entry: FeedEntry) => boolean;
    resolve: (entry: FeedEntry) => void;
  }[] = [];
  socket.on("entry", (raw: unknown) => {
    const entry = FeedEntry.parse(raw);
    entries.push(entry);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(entry)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return {
    socket,
    entries,
    waitFor(predicate) {
      const seen = entries.find(predicate);
      if (seen) {
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error("no matching entry arrived")),
          EVENT_TIMEOUT_MS,
        );
        waiters.push({
          predicate,
          resolve: (entry) => {
            clearTimeout(timer);
            resolve(entry);
          },
        });
      });
    },
  };
}

/** Resolves with the data of the handshake's `connect_error`. */
function connectError(
  socket: Socket,
): Promise<{ message: string; data: unknown }> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () =>
      reject(new Error("the hub accepted a handshake it should reject")),
    );
    socket.once("connect_error", (error: Error & { data?: unknown }) =>
      resolve({ message: error.message, data: error.data }),
    );
  });
}

function codeOf(data: unknown): string {
  return (data as { code?: string } | undefined)?.code ?? "";
}

describe("admin namespace handshake", () => {
  test("accepts the session cookie", async () => {
    const agent = await signInAdmin(hub, "E9");

    const panel = await connectPanel(agent);

    expect(panel.socket.connected).toBe(true);
  });

  test("rejects a missing cookie", async () => {
    const socket = openSocket({ origin: new URL(hub.url).origin });

    const error = await connectError(socket);

    expect(codeOf(error.data)).toBe("ADMIN_SESSION_REQUIRED");
  });

  test("rejects an unknown cookie", async () => {
    const socket = openSocket({
      origin: new URL(hub.url).origin,
      cookie: "storefloor_admin=bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtYWJjZGVmZ2g",
    });

    const error = await connectError(socket);

    expect(codeOf(error.data)).toBe("ADMIN_SESSION_REQUIRED");
  });

  test("rejects a foreign Origin", async () => {
    const agent = await signInAdmin(hub, "E9");
    const socket = openSocket({
      cookie: agent.cookie,
      origin: "http://evil.example",
    });

    const error = await connectError(socket);

    // The hub's server turns away a foreign Origin before any namespace
    // runs, so the client sees a failed transport, not an error body.
    expect(error.message).toMatch(/websocket error/);
    expect(socket.connected).toBe(false);
  });

  test("rejects an invalid resume point", async () => {
    const agent = await signInAdmin(hub, "E9");
    const socket = openSocket(
      { cookie: agent.cookie, origin: agent.origin },
      { after: "yesterday" },
    );

    const error = await connectError(socket);

    expect(codeOf(error.data)).toBe("INVALID_INPUT");
  });

  test("rejects a signed-out session", async () => {
    const agent = await signInAdmin(hub, "E9");
    await agent.inject({ method: "DELETE", url: "/api/admin/session" });
    const socket = openSocket({ cookie: agent.cookie, origin: agent.origin });

    const error = await connectError(socket);

    expect(codeOf(error.data)).toBe("ADMIN_SESSION_REQUIRED");
  });
});

describe("admin namespace entries", () => {
  test("receives a live change and its audit", async () => {
    const panel = await connectPanel(await signInAdmin(hub, "E9"));
    const manager = await signInToken(hub, "E4");

    const reset = await postPinReset(hub, manager, userIdOf(hub, "E1"), {
      proof: { pin: pinOf(hub, "E4") },
      temporaryPin: "730164",
    });
    const change = await panel.waitFor(
      (entry) =>
        entry.category === "change" && entry.targetId === userIdOf(hub, "E1"),
    );
    const audit = await panel.waitFor(
      (entry) => entry.category === "audit" && entry.kind === "pin.reset",
    );

    expect(reset.statusCode).toBe(200);
    expect(change.storeIds).toContain(storeIdOf(hub, "A"));
    expect(audit.actorId).toBe(userIdOf(hub, "E4"));
    expect(JSON.stringify(panel.entries)).not.toContain("730164");
  });

  test("starts at the newest entry", async () => {
    await postSignIn(hub, "E1", { pin: "000001" });
    const panel = await connectPanel(await signInAdmin(hub, "E9"));

    await postSignIn(hub, "E2", { pin: "000002" });
    const live = await panel.waitFor(
      (entry) => entry.targetId === userIdOf(hub, "E2"),
    );

    expect(live.kind).toBe("sign-in");
    expect(
      panel.entries.some((entry) => entry.targetId === userIdOf(hub, "E1")),
    ).toBe(false);
  });

  test("store manager sees only their stores", async () => {
    const panel = await connectPanel(await signInAdmin(hub, "E5"));

    await postSignIn(hub, "E1", { pin: "000001" });
    await postSignIn(hub, "E6", { store: "B", pin: "000006" });
    const storeB = await panel.waitFor(
      (entry) => entry.targetId === userIdOf(hub, "E6"),
    );

    expect(storeB.storeIds).toEqual([storeIdOf(hub, "B")]);
    for (const entry of panel.entries) {
      expect(entry.storeIds).toContain(storeIdOf(hub, "B"));
    }
  });

  test("role without audit.read gets changes only", async () => {
    await hub.context.storage.org.createRole(
      {
        id: "panel-viewer" as RoleId,
        name: "Panel viewer",
        level: 3,
        permissions: ["control-panel.access", "user.manage"],
        builtIn: false,
      },
      Date.now(),
    );
    await hub.context.storage.users.update(
      userIdOf(hub, "E4"),
      { roleId: "panel-viewer" as RoleId },
      Date.now(),
    );
    const panel = await connectPanel(await signInAdmin(hub, "E4"));
    const admin = await signInAdmin(hub, "E9");

    await postSignIn(hub, "E1", { pin: "000001" });
    await admin.inject({
      method: "POST",
      url: `/api/admin/users/${userIdOf(hub, "E1")}/password-code`,
      payload: { proof: admin.proof },
    });
    // The code's audit entry is written after the sign-in's, so once the
    // administrator's panel has it, E4's panel has had its chance too.
    const adminPanel = await connectPanel(admin);
    await postSignIn(hub, "E2", { pin: "000002" });
    await adminPanel.waitFor((entry) => entry.targetId === userIdOf(hub, "E2"));

    expect(panel.entries.filter((entry) => entry.category === "audit")).toEqual(
      [],
    );
  });

  test("ending the session ends the feed", async () => {
    const agent = await signInAdmin(hub, "E9");
    const panel = await connectPanel(agent);
    const ended = new Promise<unknown>((resolve) =>
      panel.socket.once("ended", resolve),
    );
    const disconnected = new Promise<string>((resolve) =>
      panel.socket.once("disconnect", resolve),
    );

    await agent.inject({ method: "DELETE", url: "/api/admin/session" });

    const error = ErrorBody.shape.error.parse(await ended);
    expect(error.code).toBe("ADMIN_SESSION_REQUIRED");
    expect(await disconnected).toBe("io server disconnect");
  });
});
