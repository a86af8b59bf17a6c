import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { ChangeMessage, UserId } from "../../protocol";
import { PROTOCOL_VERSION } from "../../protocol";
import {
  latestSeq,
  pinOf,
  postPinReset,
  postSignIn,
  postUnlock,
  signInToken,
  storeIdOf,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import {
  expectConnectError,
  TabletPool,
  type TabletSocket,
} from "../support/tabletSocket";

const WRONG_PIN = "730615";

let clock: ManualClock;
let hub: TestHub;
const tablets = new TabletPool();
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  tablets.closeAll();
  await hub.stop();
});

async function connectTablet(storeCode: string): Promise<TabletSocket> {
  return tablets.connect(hub.url, {
    tabletToken: await tabletTokenOf(hub, {
      store: storeCode,
      tablet: `tablet-${storeCode.toLowerCase()}-live`,
    }),
  });
}

/** Matches an upsert of `userId` that satisfies `condition`. */
function upsertOf(
  userId: UserId,
  condition: (user: UpsertedUser) => boolean = () => true,
): (message: ChangeMessage) => boolean {
  return ({ change }) =>
    change.kind === "user.upsert" &&
    change.user.id === userId &&
    condition(change.user);
}

/** Returns the user a change concerns. */
function userOfChange({ change }: ChangeMessage): string {
  switch (change.kind) {
    case "user.upsert":
      return change.user.id;
    case "user.remove":
      return change.userId;
    case "settings.update":
      return "settings";
  }
}

async function lockE1(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await postSignIn(hub, "E1", { pin: WRONG_PIN });
  }
}

describe("kiosk namespace", () => {
  test("hello on connect", async () => {
    const tablet = await connectTablet("A");

    expect(tablet.hello).toEqual({
      protocolVersion: PROTOCOL_VERSION,
      seq: await latestSeq(hub),
    });
  });

  test("lock reaches store A", async () => {
    const tablet = await connectTablet("A");
    const e1 = userIdOf(hub, "E1");

    await lockE1();
    const message = await tablet.waitForChange(
      "E1 locked",
      upsertOf(e1, (user) => user.lock.kind !== "none"),
    );

    expect(message.change).toMatchObject({
      kind: "user.upsert",
      user: {
        lock: { kind: "timed", until: clock.now() + 30_000 },
        failedAttempts: 5,
      },
    });
    expect(message.seq).toBeGreaterThan(tablet.hello.seq);
  });

  test("each failure reaches store A", async () => {
    const tablet = await connectTablet("A");

    await postSignIn(hub, "E1", { pin: WRONG_PIN });
    const message = await tablet.waitForChange(
      "E1 with one failure",
      upsertOf(userIdOf(hub, "E1")),
    );

    expect(message.change).toMatchObject({
      user: { lock: { kind: "none" }, failedAttempts: 1 },
    });
  });

  test("reset reaches store A", async () => {
    const tablet = await connectTablet("A");
    const token = await signInToken(hub, "E4");

    await postPinReset(hub, token, userIdOf(hub, "E2"), {
      proof: { pin: pinOf(hub, "E4") },
    });
    const message = await tablet.waitForChange(
      "E2 with a temporary PIN",
      upsertOf(userIdOf(hub, "E2"), (user) => user.pinTemporary),
    );

    expect(message.change).toMatchObject({
      user: { pinTemporary: true, delivery: "in-person" },
    });
  });

  test("unlock reaches store A", async () => {
    const e1 = userIdOf(hub, "E1");
    await lockE1();
    const tablet = await connectTablet("A");
    const token = await signInToken(hub, "E4");

    await postUnlock(hub, token, e1, { proof: { pin: pinOf(hub, "E4") } });
    const message = await tablet.waitForChange("E1 unlocked", upsertOf(e1));

    expect(message.change).toMatchObject({
      user: { lock: { kind: "none" }, failedAttempts: 0 },
    });
  });

  test("two-store user reaches B", async () => {
    const tablet = await connectTablet("B");

    for (let i = 0; i < 5; i++) {
      await postSignIn(hub, "E6", { pin: WRONG_PIN });
    }
    const message = await tablet.waitForChange(
      "E6 locked",
      upsertOf(userIdOf(hub, "E6"), (user) => user.lock.kind === "timed"),
    );

    expect(message.change).toMatchObject({ user: { failedAttempts: 5 } });
  });

  test("store B hears nothing of A", async () => {
    const tabletA = await connectTablet("A");
    const tabletB = await connectTablet("B");
    const e1 = userIdOf(hub, "E1");
    const e5 = userIdOf(hub, "E5");

    await lockE1();
    await tabletA.waitForChange("E1 locked", upsertOf(e1));
    // A later change that B may see: B receives in order, so anything about
    // E1 would have arrived before it.
    await postSignIn(hub, "E5", { store: "B", pin: WRONG_PIN });
    await tabletB.waitForChange("E5 with one failure", upsertOf(e5));

    expect(tabletB.changes.map(userOfChange)).toEqual([e5]);
  });

  test("changes match the protocol", async () => {
    const tablet = await connectTablet("A");
    const token = await signInToken(hub, "E4");

    await lockE1();
    await postPinReset(hub, token, userIdOf(hub, "E2"), {
      proof: { pin: pinOf(hub, "E4") },
    });
    await tablet.waitForChange(
      "E2 reset",
      upsertOf(userIdOf(hub, "E2"), (user) => user.pinTemporary),
    );

    expect(tablet.malformed).toEqual([]);
    expect(tablet.changes.length).toBeGreaterThanOrEqual(6);
  });
});

describe("handshake rejected", () => {
  const auth = async () => ({
    protocolVersion: PROTOCOL_VERSION,
    tabletToken: await tabletTokenOf(hub, { tablet: "tablet-a-live" }),
  });

  test("other protocol version", async () => {
    const error = await expectConnectError(hub.url, {
      ...(await auth()),
      protocolVersion: PROTOCOL_VERSION + 1,
    });

    expect(error.data).toMatchObject({ code: "PROTOCOL_MISMATCH" });
  });

  test.each([
    { name: "no auth", auth: {} },
    { name: "tabletToken missing", auth: { tabletToken: undefined } },
    { name: "tabletToken a number", auth: { tabletToken: 7 } },
    { name: "tabletToken empty", auth: { tabletToken: "" } },
    {
      name: "store and tablet named, no token",
      auth: {
        tabletToken: undefined,
        storeId: "00000000-0000-4000-8000-000000000000",
        tabletId: "tablet-a-live",
      },
    },
    { name: "version a string", auth: { protocolVersion: "1" } },
  ])("invalid: $name", async ({ auth: overrides }) => {
    const body = Object.keys(overrides).length === 0 ? {} : await auth();

    const error = await expectConnectError(hub.url, {
      ...body,
      ...overrides,
    });

    expect(error.data).toMatchObject({ code: "INVALID_INPUT" });
  });

  test("forged token", async () => {
    const { tabletToken } = await auth();
    const [tabletId, expiresAt] = tabletToken.split(".");

    const error = await expectConnectError(hub.url, {
      protocolVersion: PROTOCOL_VERSION,
      tabletToken: `${tabletId}.${expiresAt}.${"A".repeat(43)}`,
    });

    expect(error.data).toMatchObject({ code: "TABLET_NOT_ENROLLED" });
  });

  test("foreign Origin", async () => {
    const error = await expectConnectError(hub.url, await auth(), {
      extraHeaders: { origin: "http://evil.example" },
    });

    expect(error.message).toBe("websocket error");
  });

  test("hub's own Origin allowed", async () => {
    const tablet = await tablets.connect(hub.url, await auth(), {
      extraHeaders: { origin: hub.url },
    });

    expect(tablet.hello.protocolVersion).toBe(PROTOCOL_VERSION);
  });

  test("foreign Origin over polling", async () => {
    const url = `${hub.url}/socket.io/?EIO=4&transport=polling`;

    const foreign = await fetch(url, {
      headers: { origin: "http://evil.example" },
    });
    const own = await fetch(url, { headers: { origin: hub.url } });

    expect(foreign.status).toBe(403);
    expect(own.status).toBe(200);
  });
});

type UpsertedUser = Extract<
  ChangeMessage["change"],
  { kind: "user.upsert" }
>["user"];
