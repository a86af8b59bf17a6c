import { randomUUID } from "node:crypto";
import type { HubContext } from "../services/hubContext";
import type { LogEntry } from "../storage/records";
import { deliverMessage } from "./deliverMessage";
import { auditDeliveryFailure } from "./deliveryAudit";
import type { DeliveryChannel, DeliveryTransport } from "./deliveryTransport";
import { createSmtpTransport } from "./smtpTransport";
import { createWebhookTransport } from "./webhookTransport";

/**
 * How long a claimed message stays reserved for the process sending it.
 * The transports give up after 15 to 30 s without progress, so another
 * process does not normally send it again while the first still could.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** Settings of a DeliveryWorker. */
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
      await deliverMessage(
        {
          context: this.#context,
          transports: this.#transports,
          maxAttempts: this.#options.maxAttempts,
          random: this.#options.random,
          stopping: this.#stopping.signal,
        },
        message,
      );
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
          await auditDeliveryFailure(tx, now, {
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
