import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { PinResetResponse, SessionView } from "../../protocol";
import { queueTemporaryPin } from "../../hub/delivery/queueTemporaryPin";
import {
  auditEntriesAfter,
  latestSeq,
  pinOf,
  postPinReset,
  postSignIn,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startTestHub, type TestHub } from "../support/startTestHub";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "../support/webhookReceiver";
import { verifyWebhookSignature } from "../support/webhookSignature";

const SECRET = "7f3c9a1e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a";
const PHONE = "+34600111222";
const TYPED_PIN = "264093";
const HOUR_MS = 3_600_000;
/** Long enough that only the test's own `runOnce` calls run passes. */
const IDLE_POLL_MS = "600000";
/** Starting `npx tsx` for the second hub process takes a few seconds. */
const SECOND_HUB_TIMEOUT_MS = 60_000;
const ROOT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../..",
);

/** The JSON body the hub posts. */
const WebhookBody = z.object({
  to: z.string(),
  message: z.string(),
  messageId: z.string(),
});

let clock: ManualClock;
let hub: TestHub | undefined;
let receiver: WebhookReceiver | undefined;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
  await hub?.stop();
  await receiver?.close();
  hub = undefined;
  receiver = undefined;
});

/**
 * Starts a receiver that responds with `statuses`, and a hub whose webhook
 * transport posts to it, with E2 (no e-mail) given a phone number.
 */
async function startWebhookHub(
  statuses: readonly (number | "hold")[] = [200],
  env: Record<string, string> = {},
  answerDelayMs = 0,
): Promise<{ hub: TestHub; receiver: WebhookReceiver }> {
  clock = manualClock();
  receiver = await startWebhookReceiver(statuses, {
    delayMs: answerDelayMs,
  });
  hub = await startTestHub({
    now: clock.now,
    env: {
      STOREFLOOR_DELIVERY: "webhook",
      STOREFLOOR_WEBHOOK_URL: receiver.url,
      STOREFLOOR_WEBHOOK_SECRET: SECRET,
      STOREFLOOR_DELIVERY_POLL_MS: IDLE_POLL_MS,
      ...env,
    },
  });
  await hub.context.storage.users.update(
    userIdOf(hub, "E2"),
    { phone: PHONE },
    clock.now(),
  );
  return { hub, receiver };
}

/** Has manager E4 reset E2's PIN to `TYPED_PIN` and returns the response. */
async function resetE2(hub: TestHub): Promise<PinResetResponse> {
  const token = await signInToken(hub, "E4", { tablet: "tablet-a9" });
  const response = await postPinReset(hub, token, userIdOf(hub, "E2"), {
    proof: { pin: pinOf(hub, "E4") },
    temporaryPin: TYPED_PIN,
  });
  expect(response.statusCode).toBe(200);
  return PinResetResponse.parse(response.json());
}

/** Queues a PIN for E2 directly, expiring `expiresInMs` from now. */
async function queueForE2(hub: TestHub, expiresInMs: number): Promise<string> {
  const user = await hub.context.storage.users.get(userIdOf(hub, "E2"));
  if (!user) {
    throw new Error("fixture user E2 is missing");
  }
  const route = await queueTemporaryPin(
    hub.context.storage,
    hub.context.secretBox,
    {
      user,
      pin: TYPED_PIN,
      expiresAt: clock.now() + expiresInMs,
      now: clock.now(),
    },
  );
  expect(route).toBe("sms");
  return newestMessageId(hub);
}

async function newestMessageId(hub: TestHub): Promise<string> {
  const [message] = await hub.context.storage.outbox.list(1);
  if (!message) {
    throw new Error("the outbox is empty");
  }
  return message.id;
}

async function stateOf(hub: TestHub, messageId: string) {
  const state = await hub.context.storage.outbox.deliveryState(messageId);
  if (!state) {
    throw new Error(`outbox message ${messageId} is missing`);
  }
  return state;
}

describe("webhook request", () => {
  test("carries PIN to phone", async () => {
    const { hub, receiver } = await startWebhookHub();

    const reset = await resetE2(hub);
    await hub.delivery.runOnce();

    expect(reset.delivery).toBe("sms");
    expect(reset.temporaryPin).toBeUndefined();
    expect(receiver.requests).toHaveLength(1);
    const request = await receiver.request(0);
    expect(request.method).toBe("POST");
    expect(request.headers["content-type"]).toBe("application/json");
    const body = WebhookBody.parse(JSON.parse(request.rawBody));
    expect(body.to).toBe(PHONE);
    expect(body.message).toContain(TYPED_PIN);
    expect(body.message).toContain("temporary PIN");
    expect(body.messageId).toBe(await newestMessageId(hub));
  });

  test("signature verifies", async () => {
    const { hub, receiver } = await startWebhookHub();

    await resetE2(hub);
    await hub.delivery.runOnce();

    const request = await receiver.request(0);
    const timestamp = request.headers["x-storefloor-timestamp"];
    expect(timestamp).toBe(String(Math.floor(clock.now() / 1000)));
    expect(
      verifyWebhookSignature({
        secret: SECRET,
        timestamp: headerValue(request.headers["x-storefloor-timestamp"]),
        signature: headerValue(request.headers["x-storefloor-signature"]),
        rawBody: request.rawBody,
        nowSeconds: Math.floor(clock.now() / 1000),
      }),
    ).toBe(true);
  });

  test("tampering fails verification", async () => {
    const { hub, receiver } = await startWebhookHub();
    await resetE2(hub);
    await hub.delivery.runOnce();
    const request = await receiver.request(0);
    const signed = {
      secret: SECRET,
      timestamp: headerValue(request.headers["x-storefloor-timestamp"]),
      signature: headerValue(request.headers["x-storefloor-signature"]),
      rawBody: request.rawBody,
      nowSeconds: Math.floor(clock.now() / 1000),
    };
    const tamperedBody = request.rawBody.replace(PHONE, "+34699999999");

    expect(tamperedBody).not.toBe(request.rawBody);
    expect(verifyWebhookSignature({ ...signed, rawBody: tamperedBody })).toBe(
      false,
    );
    expect(
      verifyWebhookSignature({ ...signed, secret: SECRET.toUpperCase() }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        ...signed,
        timestamp: String(Number(signed.timestamp) + 1),
      }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        ...signed,
        nowSeconds: signed.nowSeconds + 301,
      }),
    ).toBe(false);
  });

  test("delivered PIN signs in", async () => {
    const { hub } = await startWebhookHub();
    await resetE2(hub);
    await hub.delivery.runOnce();

    const response = await postSignIn(hub, "E2", { pin: TYPED_PIN });

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).mustChangePin).toBe(true);
  });

  test("success drops sealed PIN", async () => {
    const { hub } = await startWebhookHub();
    await resetE2(hub);
    const messageId = await newestMessageId(hub);
    const before = await latestSeq(hub);

    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(state.status).toBe("delivered");
    expect(state.holdsPin).toBe(false);
    expect(state.attempts).toBe(1);
    const [stored] = await hub.context.storage.outbox.list(1);
    expect(stored?.ciphertext).toBe("");
    const entries = await auditEntriesAfter(hub, before);
    expect(entries.map((entry) => entry.kind)).toEqual(["delivery.sent"]);
    expect(entries[0]).toMatchObject({
      outcome: "success",
      targetId: userIdOf(hub, "E2"),
      payload: { messageId, channel: "sms", attempts: 1 },
    });
  });

  test("background worker sends", async () => {
    const { hub, receiver } = await startWebhookHub([200], {
      STOREFLOOR_DELIVERY_POLL_MS: "20",
    });

    await resetE2(hub);
    const request = await receiver.request(0);

    expect(WebhookBody.parse(JSON.parse(request.rawBody)).to).toBe(PHONE);
    const messageId = await newestMessageId(hub);
    await vi.waitFor(async () => {
      expect((await stateOf(hub, messageId)).status).toBe("delivered");
    });
  });
});

describe("webhook retries", () => {
  test("500 then 200 after backoff", async () => {
    const { hub, receiver } = await startWebhookHub([500, 200]);
    const messageId = await queueForE2(hub, 24 * HOUR_MS);
    const start = clock.now();

    await hub.delivery.runOnce();

    const afterFailure = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(1);
    expect(afterFailure.status).toBe("pending");
    expect(afterFailure.attempts).toBe(1);
    expect(afterFailure.holdsPin).toBe(true);
    expect(afterFailure.claimedUntil).toBeNull();
    expect(afterFailure.lastError).toBe(
      "webhook responded with HTTP status 500",
    );
    expect(afterFailure.nextAttemptAt).toBeGreaterThanOrEqual(start + 24_000);
    expect(afterFailure.nextAttemptAt).toBeLessThanOrEqual(start + 30_000);

    await hub.delivery.runOnce();
    expect(receiver.requests).toHaveLength(1);

    clock.advance(30_000);
    await hub.delivery.runOnce();

    const afterRetry = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(2);
    expect(afterRetry.status).toBe("delivered");
    expect(afterRetry.attempts).toBe(2);
    expect(afterRetry.holdsPin).toBe(false);
  });

  test("waits double each time", async () => {
    const { hub } = await startWebhookHub([503]);
    const messageId = await queueForE2(hub, 24 * HOUR_MS);
    const waits: number[] = [];

    for (let attempt = 1; attempt <= 7; attempt++) {
      const before = clock.now();
      await hub.delivery.runOnce();
      const state = await stateOf(hub, messageId);
      waits.push(state.nextAttemptAt - before);
      clock.advance(state.nextAttemptAt - before);
    }

    const maxima = [30, 60, 120, 240, 480, 900, 900].map(
      (seconds) => seconds * 1000,
    );
    waits.forEach((wait, index) => {
      const max = maxima[index] ?? 0;
      expect(wait).toBeLessThanOrEqual(max);
      expect(wait).toBeGreaterThanOrEqual(max * 0.8);
    });
  });

  test("4xx fails at once", async () => {
    const { hub, receiver } = await startWebhookHub([400]);
    const messageId = await queueForE2(hub, 24 * HOUR_MS);
    const before = await latestSeq(hub);

    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(1);
    expect(state.status).toBe("failed");
    expect(state.holdsPin).toBe(false);
    const entries = await auditEntriesAfter(hub, before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "delivery.failed",
      outcome: "failure",
      reason: "DELIVERY_FAILED",
      targetId: userIdOf(hub, "E2"),
      payload: { messageId, channel: "sms", attempts: 1 },
    });
  });

  test("429 is retried", async () => {
    const { hub } = await startWebhookHub([429]);
    const messageId = await queueForE2(hub, 24 * HOUR_MS);

    await hub.delivery.runOnce();

    expect((await stateOf(hub, messageId)).status).toBe("pending");
  });

  test("gives up after max attempts", async () => {
    const { hub, receiver } = await startWebhookHub([503], {
      STOREFLOOR_DELIVERY_MAX_ATTEMPTS: "2",
    });
    const messageId = await queueForE2(hub, 24 * HOUR_MS);
    const before = await latestSeq(hub);

    await hub.delivery.runOnce();
    clock.advance(30_000);
    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(2);
    expect(state.status).toBe("failed");
    expect(state.holdsPin).toBe(false);
    expect(state.lastError).toContain("all 2 attempts failed");
    const entries = await auditEntriesAfter(hub, before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "delivery.failed",
      reason: "DELIVERY_FAILED",
      payload: { attempts: 2 },
    });
    clock.advance(HOUR_MS);
    await hub.delivery.runOnce();
    expect(receiver.requests).toHaveLength(2);
  });

  test("connection refused is retried", async () => {
    const { hub, receiver } = await startWebhookHub();
    await receiver.close();
    const messageId = await queueForE2(hub, 24 * HOUR_MS);

    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(state.status).toBe("pending");
    expect(state.lastError).toMatch(/^webhook request failed/);
    expect(state.holdsPin).toBe(true);
  });
});

describe("expiry", () => {
  test("overdue message expires", async () => {
    const { hub, receiver } = await startWebhookHub([500]);
    const messageId = await queueForE2(hub, 60_000);
    await hub.delivery.runOnce();
    const before = await latestSeq(hub);

    clock.advance(61_000);
    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(1);
    expect(state.status).toBe("expired");
    expect(state.holdsPin).toBe(false);
    const [stored] = await hub.context.storage.outbox.list(1);
    expect(stored?.ciphertext).toBe("");
    const entries = await auditEntriesAfter(hub, before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "delivery.failed",
      reason: "DELIVERY_EXPIRED",
      targetId: userIdOf(hub, "E2"),
      payload: { messageId },
    });
  });

  test("no retry past expiry", async () => {
    const { hub, receiver } = await startWebhookHub([500, 200]);
    const messageId = await queueForE2(hub, 10_000);
    const before = await latestSeq(hub);

    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(1);
    expect(state.status).toBe("failed");
    expect(state.holdsPin).toBe(false);
    expect(state.lastError).toContain("expires before another attempt");
    const entries = await auditEntriesAfter(hub, before);
    expect(entries[0]).toMatchObject({
      kind: "delivery.failed",
      reason: "DELIVERY_FAILED",
    });
  });
});

describe("routing", () => {
  test("channel without transport fails", async () => {
    const { hub, receiver } = await startWebhookHub();
    const user = await hub.context.storage.users.get(userIdOf(hub, "E1"));
    if (!user) {
      throw new Error("fixture user E1 is missing");
    }
    await queueTemporaryPin(hub.context.storage, hub.context.secretBox, {
      user,
      pin: TYPED_PIN,
      expiresAt: clock.now() + HOUR_MS,
      now: clock.now(),
    });
    const messageId = await newestMessageId(hub);
    const before = await latestSeq(hub);

    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(0);
    expect(state.status).toBe("failed");
    expect(state.holdsPin).toBe(false);
    expect(state.lastError).toContain("add smtp to STOREFLOOR_DELIVERY");
    const entries = await auditEntriesAfter(hub, before);
    expect(entries[0]).toMatchObject({
      kind: "delivery.failed",
      reason: "DELIVERY_NO_TRANSPORT",
      targetId: user.id,
      payload: { channel: "email" },
    });
  });

  test("deactivated user not sent", async () => {
    const { hub, receiver } = await startWebhookHub();
    const messageId = await queueForE2(hub, HOUR_MS);
    await hub.context.storage.users.update(
      userIdOf(hub, "E2"),
      { status: "deactivated" },
      clock.now(),
    );

    await hub.delivery.runOnce();

    const state = await stateOf(hub, messageId);
    expect(receiver.requests).toHaveLength(0);
    expect(state.status).toBe("failed");
    expect(state.holdsPin).toBe(false);
  });
});

describe("several hub processes", () => {
  test(
    "each message sent once",
    async () => {
      const { hub, receiver } = await startWebhookHub([200], {}, 20);
      const numbers = ["E1", "E2", "E3", "E5", "E6", "E7", "E9"];
      for (const [index, number] of numbers.entries()) {
        const user = await hub.context.storage.users.get(userIdOf(hub, number));
        if (!user) {
          throw new Error(`fixture user ${number} is missing`);
        }
        await queueTemporaryPin(hub.context.storage, hub.context.secretBox, {
          user: { ...user, email: null, phone: `+3460000000${index}` },
          pin: TYPED_PIN,
          expiresAt: clock.now() + HOUR_MS,
          now: clock.now(),
        });
      }
      const second = await startSecondHub(hub, receiver);

      second.go();
      await Promise.all([hub.delivery.runOnce(), second.exited]);

      const ids = receiver.requests.map(
        (request) => WebhookBody.parse(JSON.parse(request.rawBody)).messageId,
      );
      expect(ids).toHaveLength(numbers.length);
      expect(new Set(ids).size).toBe(numbers.length);
      const stored = await hub.context.storage.outbox.list(100);
      expect(stored.map((message) => message.status)).toEqual(
        numbers.map(() => "delivered"),
      );
    },
    SECOND_HUB_TIMEOUT_MS,
  );
});

describe("stopping", () => {
  test("stop releases a send", async () => {
    const { hub, receiver } = await startWebhookHub(["hold"]);
    const messageId = await queueForE2(hub, HOUR_MS);
    const pass = hub.delivery.runOnce();
    await receiver.request(0);

    await hub.delivery.stop();
    await pass;

    const state = await stateOf(hub, messageId);
    expect(state.status).toBe("pending");
    expect(state.claimedUntil).toBeNull();
    expect(state.nextAttemptAt).toBeLessThanOrEqual(clock.now());
    expect(state.holdsPin).toBe(true);
  });
});

/**
 * Starts a second hub process on the hub's database, with the same delivery
 * settings and a clock fixed at the test clock's time, and resolves
 * once it is ready. `go` makes it run one delivery pass; `exited` resolves
 * when it ended well.
 */
async function startSecondHub(
  hub: TestHub,
  receiver: WebhookReceiver,
): Promise<{ go: () => void; exited: Promise<void> }> {
  const child = spawn("npx", ["tsx", "test/support/webhookSecondHub.ts"], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      STOREFLOOR_DATA_DIR: hub.dataDir,
      STOREFLOOR_ARGON2_COST: "low",
      STOREFLOOR_DELIVERY: "webhook",
      STOREFLOOR_WEBHOOK_URL: receiver.url,
      STOREFLOOR_WEBHOOK_SECRET: SECRET,
      STOREFLOOR_TEST_NOW_MS: String(clock.now()),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const ready = new Promise<void>((resolve) => {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("ready")) {
        resolve();
      }
    });
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0 && stdout.includes("done")) {
        resolve();
      } else {
        reject(new Error(`second hub exited with ${code}: ${stderr}`));
      }
    });
  });
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill();
    }
    await exited.catch(() => undefined);
  });
  await Promise.race([ready, exited]);
  return { go: () => child.stdin.end("go\n"), exited };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
