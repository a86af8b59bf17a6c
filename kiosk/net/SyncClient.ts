import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import {
  ChangeMessage,
  ErrorBody,
  HelloMessage,
  KIOSK_NAMESPACE,
  KioskHandshake,
  PROTOCOL_VERSION,
  type KioskClientEvents,
  type KioskServerEvents,
  type StoreId,
  type TabletId,
} from "../../protocol";
import type { Logger } from "../log/Logger";
import { KioskError } from "./KioskError";

/** Whether the tablet's live connection to the hub is up. */
export type ConnectionState = "connecting" | "online" | "offline";

export interface SyncListeners {
  onState(state: ConnectionState): void;
  /** The socket connected; `reconnected` is true from the second time on. */
  onConnected(reconnected: boolean): void;
  /** The hub greeted the tablet with its newest change sequence number. */
  onHello(message: HelloMessage): void;
  onChange(message: ChangeMessage): void;
  /** The hub rejected the handshake, for example with `PROTOCOL_MISMATCH`. */
  onRejected(error: KioskError): void;
}

export interface SyncClientOptions {
  readonly storeId: StoreId;
  readonly tabletId: TabletId;
  readonly logger: Logger;
  readonly listeners: SyncListeners;
  /** Hub origin; the kiosk's own origin when left out. */
  readonly url?: string;
}

/** Delay before retrying a handshake the hub rejected for a passing reason. */
const REJECTED_RETRY_DELAY_MS = 15_000;

const ConnectErrorData = ErrorBody.shape.error.extend({ code: z.string() });

/**
 * The tablet's socket.io connection to the hub's `/kiosk` namespace. Every
 * event is parsed with its protocol schema, and one that fails is logged and
 * dropped, so a bad message never reaches the roster.
 */
export class SyncClient {
  readonly #options: SyncClientOptions;
  readonly #socket: Socket<KioskServerEvents, KioskClientEvents>;
  #connectCount = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(options: SyncClientOptions) {
    this.#options = options;
    const auth = KioskHandshake.parse({
      protocolVersion: PROTOCOL_VERSION,
      storeId: options.storeId,
      tabletId: options.tabletId,
    });
    const url = `${options.url ?? ""}${KIOSK_NAMESPACE}`;
    // forceNew: after a change of store the old manager is closed, and a
    // new handshake needs a connection of its own.
    this.#socket = io(url, { auth, autoConnect: false, forceNew: true });
    this.#listen();
  }

  start(): void {
    this.#options.listeners.onState("connecting");
    this.#socket.connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#socket.disconnect();
  }

  #listen(): void {
    const { logger, listeners } = this.#options;
    const socket = this.#socket;

    socket.on("connect", () => {
      this.#connectCount += 1;
      logger.info({ connectCount: this.#connectCount }, "socket connected");
      listeners.onState("online");
      listeners.onConnected(this.#connectCount > 1);
    });

    socket.on("disconnect", (reason) => {
      logger.info({ reason }, "socket disconnected");
      listeners.onState("offline");
    });

    socket.on("connect_error", (error) => {
      listeners.onState("offline");
      // socket.io retries transport failures by itself (`active` stays
      // true); a rejection by the hub's middleware it leaves to us.
      if (socket.active) {
        logger.debug({ error: error.message }, "socket connection failed");
        return;
      }
      const data = ConnectErrorData.safeParse(
        (error as Error & { data?: unknown }).data,
      );
      const rejection = data.success
        ? new KioskError(data.data)
        : new KioskError({ code: "BAD_RESPONSE", message: error.message });
      logger.warn({ code: rejection.code }, "socket handshake rejected");
      listeners.onRejected(rejection);
      if (!rejection.is("PROTOCOL_MISMATCH")) {
        this.#scheduleRetry();
      }
    });

    socket.on("hello", (payload: unknown) => {
      const message = HelloMessage.safeParse(payload);
      if (!message.success) {
        logger.warn({ event: "hello" }, "socket event failed its schema");
        return;
      }
      listeners.onHello(message.data);
    });

    socket.on("change", (payload: unknown) => {
      const message = ChangeMessage.safeParse(payload);
      if (!message.success) {
        logger.warn({ event: "change" }, "socket event failed its schema");
        return;
      }
      listeners.onChange(message.data);
    });
  }

  #scheduleRetry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (!this.#stopped) {
        this.#socket.connect();
      }
    }, REJECTED_RETRY_DELAY_MS);
  }
}
