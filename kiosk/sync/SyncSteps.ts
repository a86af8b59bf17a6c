import type { Socket } from "socket.io-client";
import type { z } from "zod";
import {
  acknowledgement,
  PULL_BATCH_MAX,
  PullResponse,
  PUSH_BATCH_MAX,
  PushResponse,
  SyncAckResponse,
  VERIFIER_BATCH_MAX,
  VerifierResponse,
  type ErrorBody,
  type KioskClientEvents,
  type KioskServerEvents,
} from "../../protocol";
import { KioskError } from "../net/KioskError";
import type { RejectedAction } from "../offline/OutboxStore";
import type { TabletCache } from "../offline/TabletCache";
import { verifierRequests } from "./verifierRequests";

/** How long to wait for the hub to acknowledge a sync event. */
const ACK_TIMEOUT_MS = 20_000;

const PullAck = acknowledgement(PullResponse);
const PushAck = acknowledgement(PushResponse);
const VerifierAck = acknowledgement(VerifierResponse);
const SyncAck = acknowledgement(SyncAckResponse);

export interface SyncStepsOptions {
  readonly cache: TabletCache;
  readonly socket: Socket<KioskServerEvents, KioskClientEvents>;
  /** Receives the offline actions the hub rejected, after their undo. */
  readonly onRejected: (actions: readonly RejectedAction[]) => void;
}

/**
 * The three steps of a sync over a connected socket: push the outbox, pull
 * the changes, fetch the verifiers. Each acknowledgement is parsed with its
 * protocol schema, and a failure arrives as `KioskError`, the hub's code
 * included.
 */
export class SyncSteps {
  readonly #options: SyncStepsOptions;

  constructor(options: SyncStepsOptions) {
    this.#options = options;
  }

  /** Pushes the outbox, oldest first, until it is empty. */
  async push(): Promise<void> {
    const { cache, onRejected } = this.#options;
    for (;;) {
      const batch = await cache.pendingEntries(PUSH_BATCH_MAX);
      if (batch.length === 0) {
        return;
      }
      const response = await this.#request(PushAck, "sync:push", {
        mutations: batch.map((entry) => entry.mutation),
      });
      const rejected = await cache.settle(batch, response.results);
      if (rejected.length > 0) {
        onRejected(rejected);
      }
      // An entry without a verdict stays queued. Sending it again at once
      // could loop for ever, so the next sync cycle retries it.
      const answered = new Set(response.results.map((result) => result.id));
      if (batch.some((entry) => !answered.has(entry.mutation.id))) {
        throw KioskError.badResponse("sync:push response missing verdicts");
      }
    }
  }

  /** Pulls from the cursor until the hub has nothing more. */
  async pull(): Promise<void> {
    const { cache } = this.#options;
    for (;;) {
      const afterSeq = cache.view.roster?.seq ?? 0;
      const response = await this.#request(PullAck, "sync:pull", {
        afterSeq,
        limit: PULL_BATCH_MAX,
      });
      if (response.kind === "snapshot") {
        await cache.applySnapshot(response.snapshot);
        return;
      }
      await cache.applyPull(response.changes, response.cursor);
      if (!response.hasMore) {
        return;
      }
    }
  }

  /**
   * Fetches the verifiers whose credential version the cache lacks, and the
   * passkey public keys whose passkey version it lacks.
   */
  async fetchVerifiers(): Promise<void> {
    const { cache } = this.#options;
    const users = cache.view.roster?.users ?? [];
    const requests = verifierRequests(
      users,
      cache.verifierVersions,
      VERIFIER_BATCH_MAX,
      cache.passkeyVersions,
    );
    for (const userIds of requests) {
      const response = await this.#request(VerifierAck, "sync:verifiers", {
        userIds,
      });
      await cache.storeVerifiers(response.verifiers);
      await cache.storePasskeys(response.passkeys);
    }
  }

  /**
   * Tells the hub the cursor that live changes moved the cache to, so the
   * control panel shows the tablet as up to date without a pull.
   */
  async acknowledge(): Promise<void> {
    const cursor = this.#options.cache.view.roster?.seq;
    if (cursor === undefined) {
      return;
    }
    await this.#request(SyncAck, "sync:ack", { cursor });
  }

  /** Sends a sync event and returns the parsed data of its acknowledgement. */
  async #request<Data>(
    schema: z.ZodType<
      { ok: true; data: Data } | { ok: false; error: ErrorBody["error"] }
    >,
    event: "sync:pull" | "sync:push" | "sync:verifiers" | "sync:ack",
    body: unknown,
  ): Promise<Data> {
    let raw: unknown;
    try {
      raw = await this.#options.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(event, body);
    } catch (error) {
      throw KioskError.network(error);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw KioskError.badResponse(`acknowledgement of ${event}`);
    }
    if (!parsed.data.ok) {
      throw new KioskError(parsed.data.error);
    }
    return parsed.data.data;
  }
}
