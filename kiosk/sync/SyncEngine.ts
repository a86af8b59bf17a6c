import { io, type Socket } from "socket.io-client";
import {
  ChangeMessage,
  HelloMessage,
  KIOSK_NAMESPACE,
  PROTOCOL_VERSION,
  RECONNECT_DELAY_MAX_MS,
  RECONNECT_DELAY_MIN_MS,
  type KioskClientEvents,
  type KioskServerEvents,
} from "../../protocol";
import type { Logger } from "../log/Logger";
import type { TabletTokenSource } from "../net/ApiClient";
import { KioskError, LenientErrorBody } from "../net/KioskError";
import type { TabletCache } from "../offline/TabletCache";
import type { RejectedAction } from "../offline/OutboxStore";
import { reconnectDelay } from "./reconnectDelay";
import { SyncSteps } from "./SyncSteps";

/** Whether the tablet's live connection to the hub is up. */
export type ConnectionState = "connecting" | "online" | "offline";

/**
 * Interval of the syncs of a connected tablet when nothing happened. Each
 * keeps the offline window open and records at the hub that the tablet is
 * up to date, which bounds how old an offline action's claimed time may be.
 */
const SYNC_INTERVAL_MS = 5 * 60_000;

export interface SyncListeners {
  onConnection(state: ConnectionState): void;
  /** The hub revoked the tablet or does not know it: wipe and re-enroll. */
  onRevoked(error: KioskError): void;
  /** The hub speaks another protocol version. */
  onProtocolMismatch(): void;
  /** The hub rejected offline actions; the cache has undone them. */
  onRejected(actions: readonly RejectedAction[]): void;
}

export interface SyncEngineOptions {
  readonly cache: TabletCache;
  readonly tokens: TabletTokenSource;
  readonly logger: Logger;
  readonly listeners: SyncListeners;
  /** Hub origin; the kiosk's own origin when left out. */
  readonly url?: string;
  readonly now?: () => number;
}

/**
 * Keeps the cache in step with the hub over socket.io. On every connection
 * it pushes the outbox (oldest first, in batches), then pulls from the
 * cursor until nothing more waits, then fetches the verifiers whose
 * credential version changed. Live changes apply at once when they follow
 * on from the cursor; a gap starts a pull. Every event and acknowledgement
 * is parsed with its protocol schema; one that fails is logged and dropped.
 */
export class SyncEngine {
  readonly #options: SyncEngineOptions;
  readonly #socket: Socket<KioskServerEvents, KioskClientEvents>;
  readonly #steps: SyncSteps;
  readonly #now: () => number;
  #retryAttempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #cycle: Promise<void> | undefined;
  #cycleAgain = false;
  #stopped = false;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    // forceNew: after a wipe and a new enrollment the old manager is gone,
    // and the new tablet's handshake needs a connection of its own.
    this.#socket = io(`${options.url ?? ""}${KIOSK_NAMESPACE}`, {
      autoConnect: false,
      forceNew: true,
      reconnectionDelay: RECONNECT_DELAY_MIN_MS,
      reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
      randomizationFactor: 0.5,
      auth: (send) => {
        void this.#handshake().then((auth) => {
          if (auth !== undefined) {
            send(auth);
          }
        });
      },
    });
    this.#steps = new SyncSteps({
      cache: options.cache,
      socket: this.#socket,
      onRejected: (actions) => options.listeners.onRejected(actions),
    });
    this.#listen();
  }

  start(): void {
    this.#options.listeners.onConnection("connecting");
    window.addEventListener("online", this.#reconnectNow);
    this.#socket.connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#heartbeat);
    window.removeEventListener("online", this.#reconnectNow);
    this.#socket.disconnect();
  }

  /** Whether the socket is connected to the hub right now. */
  get connected(): boolean {
    return this.#socket.connected;
  }

  /**
   * Runs a sync cycle now, such as after an offline action was queued. A
   * call during a cycle runs one more after it.
   */
  syncNow(): void {
    if (this.#stopped || !this.#socket.connected) {
      return;
    }
    if (this.#cycle !== undefined) {
      this.#cycleAgain = true;
      return;
    }
    this.#cycle = this.#runCycles().finally(() => {
      this.#cycle = undefined;
    });
  }

  /** Returns the handshake's auth, or undefined after giving up on it. */
  async #handshake(): Promise<object | undefined> {
    try {
      const tabletToken = await this.#options.tokens.token();
      return { protocolVersion: PROTOCOL_VERSION, tabletToken };
    } catch (error) {
      const failure = KioskError.from(error);
      this.#options.logger.warn(
        { code: failure.code },
        "tablet key proof failed",
      );
      this.#socket.disconnect();
      if (failure.is("TABLET_REVOKED") || failure.is("TABLET_UNKNOWN")) {
        this.stop();
        this.#options.listeners.onRevoked(failure);
      } else {
        this.#options.listeners.onConnection("offline");
        this.#scheduleRetry();
      }
      return undefined;
    }
  }

  #listen(): void {
    const { logger, listeners } = this.#options;
    const socket = this.#socket;

    socket.on("connect", () => {
      this.#retryAttempt = 0;
      logger.info({}, "socket connected");
      listeners.onConnection("online");
      clearInterval(this.#heartbeat);
      this.#heartbeat = setInterval(() => this.syncNow(), SYNC_INTERVAL_MS);
      this.syncNow();
    });

    socket.on("disconnect", (reason) => {
      logger.info({ reason }, "socket disconnected");
      clearInterval(this.#heartbeat);
      listeners.onConnection("offline");
      // socket.io reconnects by itself after a lost transport, but not
      // after the hub closed the socket, as it does when it shuts down.
      if (reason === "io server disconnect") {
        this.#scheduleRetry();
      }
    });

    socket.on("connect_error", (error) => {
      listeners.onConnection("offline");
      if (socket.active) {
        logger.debug({ error: error.message }, "socket connection failed");
        return;
      }
      this.#handleRejectedHandshake(error);
    });

    socket.on("revoked", (payload: unknown) => {
      const parsed = LenientErrorBody.shape.error.safeParse(payload);
      const error = new KioskError(
        parsed.success
          ? parsed.data
          : { code: "TABLET_REVOKED", message: "The hub revoked the tablet." },
      );
      logger.warn({ code: error.code }, "tablet revoked by the hub");
      this.stop();
      listeners.onRevoked(error);
    });

    socket.on("hello", (payload: unknown) => {
      const message = HelloMessage.safeParse(payload);
      if (!message.success) {
        logger.warn({ event: "hello" }, "socket event failed its schema");
        return;
      }
      logger.debug({ seq: message.data.seq }, "hub greeted the tablet");
    });

    socket.on("change", (payload: unknown) => {
      const message = ChangeMessage.safeParse(payload);
      if (!message.success) {
        logger.warn({ event: "change" }, "socket event failed its schema");
        return;
      }
      this.#receiveChange(message.data);
    });
  }

  /** Reacts to a handshake the hub's middleware rejected. */
  #handleRejectedHandshake(error: Error): void {
    const { logger, listeners, tokens } = this.#options;
    const data = LenientErrorBody.shape.error.safeParse(
      (error as Error & { data?: unknown }).data,
    );
    const rejection = data.success
      ? new KioskError(data.data)
      : new KioskError({ code: "BAD_RESPONSE", message: error.message });
    logger.warn({ code: rejection.code }, "socket handshake rejected");
    if (rejection.is("TABLET_REVOKED") || rejection.is("TABLET_UNKNOWN")) {
      this.stop();
      listeners.onRevoked(rejection);
      return;
    }
    if (rejection.is("PROTOCOL_MISMATCH")) {
      listeners.onProtocolMismatch();
      return;
    }
    if (rejection.is("TABLET_NOT_ENROLLED")) {
      tokens.invalidate();
    }
    this.#scheduleRetry();
  }

  /** Connects again after a jittered delay that grows with each attempt. */
  #scheduleRetry(): void {
    if (this.#stopped) {
      return;
    }
    clearTimeout(this.#retryTimer);
    const delay = reconnectDelay(this.#retryAttempt);
    this.#retryAttempt += 1;
    this.#retryTimer = setTimeout(() => {
      if (!this.#stopped && !this.#socket.connected) {
        this.#socket.connect();
      }
    }, delay);
  }

  /** Tries at once when the browser reports that the network is back. */
  readonly #reconnectNow = (): void => {
    if (this.#stopped || this.#socket.connected) {
      return;
    }
    clearTimeout(this.#retryTimer);
    this.#socket.disconnect();
    this.#socket.connect();
  };

  #receiveChange(message: ChangeMessage): void {
    // A running cycle pulls again after it ends, which brings this change
    // too; applying it now could be undone by a snapshot read before it.
    if (this.#cycle !== undefined) {
      this.#cycleAgain = true;
      return;
    }
    this.#options.cache
      .applyLiveChange(message)
      .then(async (action) => {
        if (action === "pull") {
          this.#options.logger.info(
            { seq: message.seq, previousSeq: message.previousSeq },
            "missed a change, pulling",
          );
          this.syncNow();
          return;
        }
        if (action === "apply") {
          await this.#steps.fetchVerifiers();
          await this.#options.cache.markSynced(this.#now());
          await this.#steps.acknowledge();
        }
      })
      .catch((error: unknown) => this.#failed(error, "live change failed"));
  }

  async #runCycles(): Promise<void> {
    do {
      this.#cycleAgain = false;
      try {
        await this.#steps.push();
        await this.#steps.pull();
        await this.#steps.fetchVerifiers();
        await this.#options.cache.markSynced(this.#now());
      } catch (error) {
        this.#failed(error, "sync failed");
        return;
      }
    } while (this.#cycleAgain && this.#socket.connected && !this.#stopped);
  }

  #failed(error: unknown, message: string): void {
    const failure = KioskError.from(error);
    this.#options.logger.warn({ code: failure.code }, message);
    if (failure.is("TABLET_REVOKED") || failure.is("TABLET_UNKNOWN")) {
      this.stop();
      this.#options.listeners.onRevoked(failure);
    }
  }
}
