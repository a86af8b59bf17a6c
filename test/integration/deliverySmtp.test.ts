import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, test } from "vitest";
import { PinResetResponse, SessionView } from "../../protocol";
import { DeliveryWorker } from "../../hub/delivery/deliveryWorker";
import { createSmtpTransport } from "../../hub/delivery/smtpTransport";
import {
  auditEntriesAfter,
  latestSeq,
  pinOf,
  postPinReset,
  postSignIn,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { manualClock } from "../support/manualClock";
import {
  startSmtpReceiver,
  type SmtpReceiver,
  type SmtpReceiverOptions,
} from "../support/smtpReceiver";
import { startTestHub, type TestHub } from "../support/startTestHub";

const TYPED_PIN = "264093";
const SMTP_USER = "storefloor";
/** Contains an `@` and a `/`, so it must be percent-encoded in the URL. */
const SMTP_PASSWORD = "p@ss/w0rd";
const FROM_ADDRESS = "storefloor@example.com";
/** Long enough that only the test's own `runOnce` calls run passes. */
const IDLE_POLL_MS = "600000";

let hub: TestHub | undefined;
let receiver: SmtpReceiver | undefined;

afterEach(async () => {
  await hub?.stop();
  await receiver?.close();
  hub = undefined;
  receiver = undefined;
});

/**
 * Starts an SMTP receiver on 127.0.0.1 and a demo hub that sends e-mail to
 * it, in plain text unless `tls` is `required`.
 */
async function startSmtpHub(
  options: SmtpReceiverOptions & { tls?: "required" | "none" } = {},
): Promise<{ hub: TestHub; receiver: SmtpReceiver }> {
  receiver = await startSmtpReceiver({
    credentials: { user: SMTP_USER, password: SMTP_PASSWORD },
    ...options,
  });
  const userInfo = `${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}`;
  hub = await startTestHub({
    now: manualClock().now,
    env: {
      STOREFLOOR_DELIVERY: "smtp",
      STOREFLOOR_SMTP_URL: `smtp://${userInfo}@127.0.0.1:${receiver.port}`,
      STOREFLOOR_SMTP_TLS: options.tls ?? "none",
      STOREFLOOR_MAIL_FROM: `Storefloor <${FROM_ADDRESS}>`,
      STOREFLOOR_DELIVERY_POLL_MS: IDLE_POLL_MS,
    },
  });
  return { hub, receiver };
}

/** Has manager E4 reset E1's PIN (E1 has an e-mail address) to `TYPED_PIN`. */
async function resetE1(hub: TestHub): Promise<PinResetResponse> {
  const token = await signInToken(hub, "E4", { tablet: "tablet-a9" });
  const response = await postPinReset(hub, token, userIdOf(hub, "E1"), {
    proof: { pin: pinOf(hub, "E4") },
    temporaryPin: TYPED_PIN,
  });
  expect(response.statusCode).toBe(200);
  return PinResetResponse.parse(response.json());
}

async function newestState(hub: TestHub) {
  const [message] = await hub.context.storage.outbox.list(1);
  const state = message
    ? await hub.context.storage.outbox.deliveryState(message.id)
    : null;
  if (!message || !state) {
    throw new Error("the outbox is empty");
  }
  return { id: message.id, ...state };
}

describe("e-mail delivery", () => {
  test("PIN arrives by e-mail", async () => {
    const { hub, receiver } = await startSmtpHub();

    const reset = await resetE1(hub);
    await hub.delivery.runOnce();

    expect(reset.delivery).toBe("email");
    expect(reset.temporaryPin).toBeUndefined();
    expect(receiver.messages).toHaveLength(1);
    const [mail] = receiver.messages;
    expect(mail?.rcptTo).toEqual(["ana@example.com"]);
    expect(mail?.mailFrom).toBe(FROM_ADDRESS);
    expect(mail?.user).toBe(SMTP_USER);
    expect(mail?.body).toContain(TYPED_PIN);
  });

  test("subject without PIN", async () => {
    const { hub, receiver } = await startSmtpHub();

    await resetE1(hub);
    await hub.delivery.runOnce();

    const [mail] = receiver.messages;
    expect(mail?.subject).toBe("Your temporary Storefloor PIN");
    expect(mail?.subject).not.toContain(TYPED_PIN);
  });

  test("body explains the PIN", async () => {
    const { hub, receiver } = await startSmtpHub();

    const reset = await resetE1(hub);
    await hub.delivery.runOnce();

    const body = receiver.messages[0]?.body ?? "";
    expect(body).toContain("Hello Ana,");
    expect(body).toContain("temporary PIN");
    expect(body).toContain("choose your own PIN");
    // Store A's time zone is Europe/Madrid, one hour ahead of UTC in January.
    const expiry = new Date(reset.expiresAt + 3_600_000);
    const day = expiry.getUTCDate();
    const hour = String(expiry.getUTCHours()).padStart(2, "0");
    const minute = String(expiry.getUTCMinutes()).padStart(2, "0");
    expect(body).toContain(
      `expires on ${day} January 2030 at ${hour}:${minute} CET`,
    );
  });

  test("mailed PIN signs in", async () => {
    const { hub, receiver } = await startSmtpHub();
    await resetE1(hub);
    await hub.delivery.runOnce();
    const mailed = /^ {4}(\d+)$/m.exec(receiver.messages[0]?.body ?? "")?.[1];

    const response = await postSignIn(hub, "E1", { pin: mailed ?? "" });

    expect(mailed).toBe(TYPED_PIN);
    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).mustChangePin).toBe(true);
  });

  test("delivered drops sealed PIN", async () => {
    const { hub } = await startSmtpHub();
    await resetE1(hub);
    const before = await latestSeq(hub);

    await hub.delivery.runOnce();

    const state = await newestState(hub);
    expect(state.status).toBe("delivered");
    expect(state.holdsPin).toBe(false);
    const entries = await auditEntriesAfter(hub, before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "delivery.sent",
      targetId: userIdOf(hub, "E1"),
      payload: { messageId: state.id, channel: "email" },
    });
  });
});

describe("e-mail failures", () => {
  test("TLS required, none offered", async () => {
    const { hub, receiver } = await startSmtpHub({ tls: "required" });

    await resetE1(hub);
    await hub.delivery.runOnce();

    const state = await newestState(hub);
    expect(receiver.sessions).toBe(1);
    expect(receiver.messages).toHaveLength(0);
    expect(state.status).toBe("pending");
    expect(state.attempts).toBe(1);
    expect(state.holdsPin).toBe(true);
    expect(state.lastError).toMatch(/STARTTLS/);
  });

  test("wrong password is retried", async () => {
    const { hub } = await startSmtpHub({
      credentials: { user: SMTP_USER, password: "another password" },
    });

    await resetE1(hub);
    await hub.delivery.runOnce();

    const state = await newestState(hub);
    expect(state.status).toBe("pending");
    expect(state.lastError).toContain("EAUTH");
  });

  test("550 recipient fails at once", async () => {
    const { hub, receiver } = await startSmtpHub({
      rejectRecipient: { code: 550, text: "no such user" },
    });
    await resetE1(hub);
    const before = await latestSeq(hub);

    await hub.delivery.runOnce();

    const state = await newestState(hub);
    expect(receiver.messages).toHaveLength(0);
    expect(state.status).toBe("failed");
    expect(state.holdsPin).toBe(false);
    expect(state.lastError).toContain("550");
    const entries = await auditEntriesAfter(hub, before);
    expect(entries[0]).toMatchObject({
      kind: "delivery.failed",
      reason: "DELIVERY_FAILED",
      targetId: userIdOf(hub, "E1"),
    });
  });

  test("echoed PIN never logged", async () => {
    const { hub } = await startSmtpHub({
      rejectData: { code: 451, text: `try later, body had ${TYPED_PIN}` },
    });
    const smtp = hub.context.config.delivery.smtp;
    if (!smtp) {
      throw new Error("the hub has no SMTP configured");
    }
    const lines: string[] = [];
    const logger = pino(
      { level: "trace" },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString("utf8"));
          callback();
        },
      }),
    );
    const worker = new DeliveryWorker(
      { ...hub.context, logger },
      {
        local: false,
        transports: [createSmtpTransport(smtp)],
        maxAttempts: 1,
        pollIntervalMs: 600_000,
      },
    );
    await resetE1(hub);
    const before = await latestSeq(hub);

    await worker.runOnce();
    await worker.stop();

    const state = await newestState(hub);
    expect(state.status).toBe("failed");
    expect(state.lastError).toContain("[PIN]");
    expect(state.lastError).not.toContain(TYPED_PIN);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("")).toContain(state.id);
    expect(lines.join("")).not.toContain(TYPED_PIN);
    const entries = await auditEntriesAfter(hub, before);
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(TYPED_PIN);
  });
});
