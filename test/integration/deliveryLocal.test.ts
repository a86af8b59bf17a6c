import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { PinResetResponse } from "../../protocol";
import type { DeliveryConfig } from "../../hub/delivery/deliveryConfig";
import {
  deliveryChannels,
  queueTemporaryPin,
} from "../../hub/delivery/queueTemporaryPin";
import { readLocalOutbox } from "../../hub/delivery/readLocalOutbox";
import type { UserRecord } from "../../hub/storage/records";
import {
  pinOf,
  postPinReset,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

const TYPED_PIN = "264093";
const PHONE = "+34600111222";
const HOUR_MS = 3_600_000;

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

async function fixtureUser(number: string): Promise<UserRecord> {
  const user = await hub.context.storage.users.get(userIdOf(hub, number));
  if (!user) {
    throw new Error(`fixture user ${number} is missing`);
  }
  return user;
}

describe("local outbox", () => {
  test("demo hub keeps messages", async () => {
    const token = await signInToken(hub, "E4");
    const response = await postPinReset(hub, token, userIdOf(hub, "E1"), {
      proof: { pin: pinOf(hub, "E4") },
      temporaryPin: TYPED_PIN,
    });

    await hub.delivery.runOnce();

    expect(hub.context.config.delivery.local).toBe(true);
    expect(PinResetResponse.parse(response.json()).delivery).toBe("email");
    const [message] = await readLocalOutbox(
      hub.context.storage,
      hub.context.secretBox,
      10,
    );
    expect(message?.status).toBe("pending");
    expect(message?.pin).toBe(TYPED_PIN);
    const state = await hub.context.storage.outbox.deliveryState(
      message?.id ?? "",
    );
    expect(state?.attempts).toBe(0);
    expect(state?.holdsPin).toBe(true);
  });

  test("expired message loses PIN", async () => {
    await queueTemporaryPin(hub.context.storage, hub.context.secretBox, {
      user: await fixtureUser("E1"),
      pin: TYPED_PIN,
      expiresAt: clock.now() + HOUR_MS,
      now: clock.now(),
    });
    clock.advance(HOUR_MS + 1);

    await hub.context.storage.outbox.expire(clock.now());

    const [message] = await readLocalOutbox(
      hub.context.storage,
      hub.context.secretBox,
      10,
    );
    expect(message?.status).toBe("expired");
    expect(message?.pin).toBeNull();
  });
});

/** Delivery settings with the given transports and the default limits. */
function deliveryConfig(
  transports: Partial<Pick<DeliveryConfig, "local" | "smtp" | "webhook">>,
): DeliveryConfig {
  return {
    local: false,
    smtp: null,
    webhook: null,
    maxAttempts: 10,
    pollIntervalMs: 5_000,
    ...transports,
  };
}

describe("channel choice", () => {
  const smtp = {
    host: "mail.example.com",
    port: 465,
    tls: "implicit",
    user: undefined,
    password: undefined,
    from: "storefloor@example.com",
  } as const;
  const webhook = { url: "https://sms.example.com", secret: "x".repeat(32) };

  test.each([
    { name: "local", config: { local: true }, channels: ["email", "sms"] },
    { name: "smtp", config: { smtp }, channels: ["email"] },
    { name: "webhook", config: { webhook }, channels: ["sms"] },
    { name: "both", config: { smtp, webhook }, channels: ["email", "sms"] },
    { name: "none", config: {}, channels: [] },
  ])("$name transport channels", ({ config, channels }) => {
    expect([...deliveryChannels(deliveryConfig(config))].sort()).toEqual(
      channels,
    );
  });

  test("phone user, no SMS transport", async () => {
    const user = { ...(await fixtureUser("E2")), phone: PHONE };

    const route = await queueTemporaryPin(
      hub.context.storage,
      hub.context.secretBox,
      {
        user,
        pin: TYPED_PIN,
        expiresAt: clock.now() + HOUR_MS,
        now: clock.now(),
        channels: new Set(["email"]),
      },
    );

    expect(route).toBe("in-person");
    expect(await hub.context.storage.outbox.list(10)).toEqual([]);
  });

  test("no e-mail transport, phone", async () => {
    const user = { ...(await fixtureUser("E1")), phone: PHONE };

    const route = await queueTemporaryPin(
      hub.context.storage,
      hub.context.secretBox,
      {
        user,
        pin: TYPED_PIN,
        expiresAt: clock.now() + HOUR_MS,
        now: clock.now(),
        channels: new Set(["sms"]),
      },
    );

    expect(route).toBe("sms");
    const [message] = await hub.context.storage.outbox.list(1);
    expect(message?.channel).toBe("sms");
    expect(message?.recipient).toBe(PHONE);
  });

  test("e-mail preferred", async () => {
    const user = { ...(await fixtureUser("E1")), phone: PHONE };

    const route = await queueTemporaryPin(
      hub.context.storage,
      hub.context.secretBox,
      {
        user,
        pin: TYPED_PIN,
        expiresAt: clock.now() + HOUR_MS,
        now: clock.now(),
        channels: new Set(["email", "sms"]),
      },
    );

    expect(route).toBe("email");
    const [message] = await hub.context.storage.outbox.list(1);
    expect(message?.recipient).toBe("ana@example.com");
  });
});
