import { randomUUID } from "node:crypto";
import type { UserId } from "../../protocol";
import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import type { ClaimedMessage } from "../storage/outboxRepository";
import type { LogEntry, UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import {
  DeliveryError,
  type DeliveryChannel,
  type DeliveryTransport,
} from "./deliveryTransport";
import { retryDelayMs } from "./retrySchedule";
import { openSealedPin } from "./sealedPin";
import { createSmtpTransport } from "./smtpTransport";
import { createWebhookTransport } from "./webhookTransport";

/**
 * How long a claimed message stays reserved for the process sending it.
 * Longer than any one send may take (the transports time out within a
 * minute), so no other process sends it again while the first still could.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** Time zone of an expiry shown to a user without a store. */
const FALLBACK_TIME_ZONE = "UTC";

/** Maximum length of the error text on the outbox row and in the audit log. */
const MAX_ERROR_LENGTH = 500;

/** Audit reasons of `delivery.failed`. */
export type DeliveryFailureReason =
  | "DELIVERY_FAILED"
  | "DELIVERY_EXPIRED"
  | "DELIVERY_NO_TRANSPORT"
  | "USER_INACTIVE"
  | "SEALED_PIN_UNREADABLE";

export interface DeliveryWorkerOptions {
  /** Keep messages in the local outbox instead of sending them. */
  readonly local: boolean;
  readonly transports: readonly DeliveryTransport[];
  readonly maxAttempts: number;
  readonly pollIntervalMs: number;
  /** Source of jitter, in [0, 1); `Math.random` by default. */
  readonly random?: () => number;
}

/**
 * Sends the temporary PINs waiting in the outbox. Each pass expires
 * overdue messages, then claims due ones one at a time and hands each to
 * the transport of its channel. A failed attempt is retried with
 * exponential backoff and jitter until `maxAttempts` or the message's
 * expiry, whichever comes first. A message that ends delivered, failed or
 * expired loses its sealed PIN; one that ends undelivered gets an audit
 * entry `delivery.failed`. Several hub processes may run a worker on one
 * database: a message is sent only under its claim.
 */
export class DeliveryWorker {
  readonly #context: HubContext;
  readonly #options: DeliveryWorkerOptions;
  readonly #transports: ReadonlyMap<DeliveryChannel, DeliveryTransport>;
  readonly #stopping = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  /** The pass running now, or the last one; passes never overlap. */
  #passes: Promise<void> = Promise.resolve();

  constructor(context: HubContext, options: DeliveryWorkerOptions) {
    this.#context = context;
    this.#options = options;
    this.#transports = new Map(
      options.transports.map((transport) => [transport.channel, transport]),
    );
  }

  /** Runs a pass now and then every poll interval until `stop`. */
  start(): void {
    const { logger } = this.#context;
    if (this.#options.local) {
      logger.info("temporary PINs stay in the local outbox");
      return;
    }
    if (this.#transports.size === 0) {
      logger.warn(
        "no delivery transport is configured; set STOREFLOOR_DELIVERY to smtp or webhook to send temporary PINs",
      );
    } else {
      logger.info(
        {
          channels: [...this.#transports.keys()],
          pollIntervalMs: this.#options.pollIntervalMs,
        },
        "delivery worker started",
      );
    }
    this.#schedule(0);
  }

  /**
   * Runs one pass after the current one, if any, and resolves when it is
   * done: expires overdue messages and sends every message that is due.
   */
  runOnce(): Promise<void> {
    const pass = this.#passes.then(() => this.#runPass());
    this.#passes = pass.catch(() => undefined);
    return pass;
  }

  /**
   * Stops polling, aborts a send in progress (its message becomes due
   * again at once), waits for the pass to end and closes the transports.
   */
  async stop(): Promise<void> {
    this.#stopping.abort();
    clearTimeout(this.#timer);
    await this.#passes;
    for (const transport of this.#transports.values()) {
      transport.close();
    }
  }

  #schedule(delayMs: number): void {
    if (this.#stopping.signal.aborted) {
      return;
    }
    this.#timer = setTimeout(() => {
      this.runOnce()
        .catch((error: unknown) => {
          this.#context.logger.error({ err: error }, "delivery pass failed");
        })
        .finally(() => this.#schedule(this.#options.pollIntervalMs));
    }, delayMs);
    this.#timer.unref();
  }

  async #runPass(): Promise<void> {
    if (this.#options.local || this.#stopping.signal.aborted) {
      return;
    }
    await this.#expireOverdue();
    while (!this.#stopping.signal.aborted) {
      const message = await this.#context.storage.outbox.claimNext(
        this.#context.now(),
        CLAIM_LEASE_MS,
        randomUUID(),
      );
      if (!message) {
        return;
      }
      await this.#deliver(message);
    }
  }

  async #expireOverdue(): Promise<void> {
    const { storage, logger } = this.#context;
    const now = this.#context.now();
    const { expired, entries } = await storage.transaction(async (tx) => {
      const expired = await tx.outbox.expireDue(now);
      const entries: LogEntry[] = [];
      for (const message of expired) {
        entries.push(
          await auditFailure(tx, now, {
            messageId: message.id,
            userId: message.userId,
            channel: message.channel,
            attempts: message.attempts,
            reason: "DELIVERY_EXPIRED",
            error:
              message.lastError ??
              "the temporary PIN expired before a delivery attempt",
          }),
        );
      }
      return { expired, entries };
    });
    this.#context.changes.publish(entries);
    for (const message of expired) {
      logger.error(
        {
          messageId: message.id,
          userId: message.userId,
          channel: message.channel,
          attempts: message.attempts,
        },
        "temporary PIN expired before delivery",
      );
    }
  }

  async #deliver(message: ClaimedMessage): Promise<void> {
    const { storage } = this.#context;
    const user = await storage.users.get(message.userId);
    if (!user || user.status !== "active") {
      await this.#giveUp(message, "USER_INACTIVE", "the user is deactivated");
      return;
    }
    const transport =
      message.channel === "local"
        ? undefined
        : this.#transports.get(message.channel);
    if (!transport) {
      const needed = message.channel === "email" ? "smtp" : "webhook";
      await this.#giveUp(
        message,
        "DELIVERY_NO_TRANSPORT",
        `no transport is configured for ${message.channel}; add ${needed} to STOREFLOOR_DELIVERY`,
      );
      return;
    }
    let pin: string;
    try {
      pin = openSealedPin(
        this.#context.secretBox,
        message.ciphertext,
        message.id,
      );
    } catch {
      await this.#giveUp(
        message,
        "SEALED_PIN_UNREADABLE",
        "the sealed PIN cannot be decrypted with this hub's secret key",
      );
      return;
    }

    try {
      await transport.send(
        {
          messageId: message.id,
          recipient: message.recipient,
          firstName: user.firstName,
          pin,
          expiresAt: message.expiresAt,
          timeZone: await this.#timeZoneOf(user),
        },
        this.#stopping.signal,
      );
    } catch (error) {
      await this.#handleFailure(message, describeFailure(error, pin));
      return;
    }
    await this.#recordDelivered(message, user);
  }

  async #recordDelivered(
    message: ClaimedMessage,
    user: UserRecord,
  ): Promise<void> {
    const { storage, logger } = this.#context;
    const now = this.#context.now();
    const entries = await storage.transaction(async (tx) => {
      if (!(await tx.outbox.markDelivered(message, now))) {
        return null;
      }
      return [
        await audit(
          tx,
          {
            kind: "delivery.sent",
            outcome: "success",
            targetId: user.id,
            storeIds: await effectiveStoreIds(tx, user),
            details: {
              messageId: message.id,
              channel: message.channel,
              attempts: message.attempts,
            },
          },
          now,
        ),
      ];
    });
    const fields = logFields(message);
    if (entries === null) {
      // The PIN went out, but a newer reset superseded the message or its
      // lease ran out meanwhile; the row keeps what that change wrote.
      logger.warn(fields, "temporary PIN delivered after its claim ended");
      return;
    }
    this.#context.changes.publish(entries);
    logger.info(fields, "temporary PIN delivered");
  }

  async #handleFailure(
    message: ClaimedMessage,
    failure: DeliveryError,
  ): Promise<void> {
    const { storage, logger } = this.#context;
    const now = this.#context.now();
    if (this.#stopping.signal.aborted) {
      await storage.outbox.scheduleRetry(message, now, "the hub stopped");
      return;
    }
    const retryAt = now + retryDelayMs(message.attempts, this.#options.random);
    const finalReason = failure.permanent
      ? "retrying cannot help"
      : message.attempts >= this.#options.maxAttempts
        ? `all ${this.#options.maxAttempts} attempts failed`
        : retryAt >= message.expiresAt
          ? "the PIN expires before another attempt"
          : null;
    if (finalReason !== null) {
      await this.#giveUp(
        message,
        "DELIVERY_FAILED",
        `${failure.message} (${finalReason})`,
      );
      return;
    }
    await storage.outbox.scheduleRetry(message, retryAt, failure.message);
    logger.warn(
      {
        ...logFields(message),
        error: failure.message,
        retryAt: new Date(retryAt).toISOString(),
      },
      "temporary PIN delivery failed, will retry",
    );
  }

  /** Ends a claimed message as failed, drops its PIN and audits it. */
  async #giveUp(
    message: ClaimedMessage,
    reason: DeliveryFailureReason,
    error: string,
  ): Promise<void> {
    const { storage, logger } = this.#context;
    const now = this.#context.now();
    const entries = await storage.transaction(async (tx) => {
      if (!(await tx.outbox.markUndeliverable(message, "failed", error))) {
        return [];
      }
      return [
        await auditFailure(tx, now, {
          messageId: message.id,
          userId: message.userId,
          channel: message.channel,
          attempts: message.attempts,
          reason,
          error,
        }),
      ];
    });
    this.#context.changes.publish(entries);
    logger.error(
      { ...logFields(message), reason, error },
      "temporary PIN not delivered",
    );
  }

  /** Returns the time zone of the user's first store, if it is valid. */
  async #timeZoneOf(user: UserRecord): Promise<string> {
    const [storeId] = await effectiveStoreIds(this.#context.storage, user);
    const store = storeId
      ? await this.#context.storage.org.getStore(storeId)
      : null;
    if (!store) {
      return FALLBACK_TIME_ZONE;
    }
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: store.timeZone });
      return store.timeZone;
    } catch {
      return FALLBACK_TIME_ZONE;
    }
  }
}

/**
 * Creates the worker for the hub's delivery configuration, with a
 * transport for each configured channel.
 */
export function createDeliveryWorker(context: HubContext): DeliveryWorker {
  const { delivery } = context.config;
  const transports: DeliveryTransport[] = [];
  if (delivery.smtp) {
    transports.push(createSmtpTransport(delivery.smtp));
  }
  if (delivery.webhook) {
    transports.push(createWebhookTransport(delivery.webhook, context.now));
  }
  return new DeliveryWorker(context, {
    local: delivery.local,
    transports,
    maxAttempts: delivery.maxAttempts,
    pollIntervalMs: delivery.pollIntervalMs,
  });
}

/** Appends a `delivery.failed` audit entry for the user's stores. */
async function auditFailure(
  storage: Storage,
  now: number,
  failure: {
    messageId: string;
    userId: UserId;
    channel: string;
    attempts: number;
    reason: DeliveryFailureReason;
    error: string;
  },
): Promise<LogEntry> {
  const user = await storage.users.get(failure.userId);
  return audit(
    storage,
    {
      kind: "delivery.failed",
      outcome: "failure",
      targetId: failure.userId,
      storeIds: user ? await effectiveStoreIds(storage, user) : [],
      reason: failure.reason,
      details: {
        messageId: failure.messageId,
        channel: failure.channel,
        attempts: failure.attempts,
        error: failure.error,
      },
    },
    now,
  );
}

/**
 * Turns what a transport threw into a DeliveryError whose message cannot
 * contain the PIN, even if a server echoed it back.
 */
function describeFailure(error: unknown, pin: string): DeliveryError {
  const failure =
    error instanceof DeliveryError
      ? error
      : new DeliveryError(
          error instanceof Error ? error.message : String(error),
          false,
        );
  const message = failure.message
    .split(pin)
    .join("[PIN]")
    .slice(0, MAX_ERROR_LENGTH);
  return new DeliveryError(message, failure.permanent);
}

function logFields(message: ClaimedMessage) {
  return {
    messageId: message.id,
    userId: message.userId,
    channel: message.channel,
    attempt: message.attempts,
  };
}
