import { io, type Socket } from "socket.io-client";
import {
  ChangeMessage,
  HelloMessage,
  KIOSK_NAMESPACE,
  PROTOCOL_VERSION,
  type KioskClientEvents,
  type KioskServerEvents,
} from "../../protocol";

type KioskSocket = Socket<KioskServerEvents, KioskClientEvents>;

/** How long a test waits for a live event before it fails, in ms. */
const EVENT_DEADLINE_MS = 3_000;

/** The error socket.io-client reports for a rejected handshake. */
export type ConnectError = Error & { data?: unknown };

export interface SocketOptions {
  /** Headers of the WebSocket upgrade request, such as a browser's Origin. */
  readonly extraHeaders?: Record<string, string>;
}

/**
 * A real socket.io client in the tablets' namespace that records the hub's
 * `hello` and every `change` it receives, in order.
 */
export class TabletSocket {
  /** Changes in the order they arrived, each checked against the protocol. */
  readonly changes: ChangeMessage[] = [];
  /** Payloads of `change` events that did not match the protocol's schema. */
  readonly malformed: unknown[] = [];
  readonly #socket: KioskSocket;
  readonly #waiters: ChangeWaiter[] = [];
  #hello: HelloMessage | undefined;

  private constructor(socket: KioskSocket) {
    this.#socket = socket;
    socket.on("change", (payload: unknown) => this.#receive(payload));
  }

  /**
   * Connects an enrolled tablet with its tablet token and resolves once the
   * hub's `hello` arrived. Rejects with the connect error when the hub
   * rejects it.
   */
  static connect(
    url: string,
    auth: { tabletToken: string },
    options: SocketOptions = {},
  ): Promise<TabletSocket> {
    const socket = openKioskSocket(
      url,
      { protocolVersion: PROTOCOL_VERSION, ...auth },
      options,
    );
    const tablet = new TabletSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once("hello", (payload: unknown) => {
        tablet.#hello = HelloMessage.parse(payload);
        resolve(tablet);
      });
      socket.once("connect_error", (error: ConnectError) => {
        socket.disconnect();
        reject(error);
      });
      socket.connect();
    });
  }

  /** The `hello` the hub sent when the tablet connected. */
  get hello(): HelloMessage {
    if (this.#hello === undefined) {
      throw new Error("the tablet has not received hello yet");
    }
    return this.#hello;
  }

  /**
   * Resolves with the first change received so far, or later, that matches
   * `predicate`. Rejects, naming `expected`, when none arrives in time.
   */
  waitForChange(
    expected: string,
    predicate: (message: ChangeMessage) => boolean,
  ): Promise<ChangeMessage> {
    const received = this.changes.find(predicate);
    if (received !== undefined) {
      return Promise.resolve(received);
    }
    return new Promise((resolve, reject) => {
      const waiter: ChangeWaiter = {
        predicate,
        resolve: (message) => {
          clearTimeout(deadline);
          resolve(message);
        },
      };
      const deadline = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `no change with ${expected} within ${EVENT_DEADLINE_MS} ms; received ${JSON.stringify(this.changes.map(describeChange))}`,
          ),
        );
      }, EVENT_DEADLINE_MS);
      this.#waiters.push(waiter);
    });
  }

  close(): void {
    this.#socket.disconnect();
  }

  #receive(payload: unknown): void {
    const parsed = ChangeMessage.safeParse(payload);
    if (!parsed.success) {
      this.malformed.push(payload);
      return;
    }
    this.changes.push(parsed.data);
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate(parsed.data)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(parsed.data);
      }
    }
  }
}

/**
 * Tries a handshake that the hub should reject and resolves with the
 * `connect_error`. Rejects when the hub accepts the tablet instead.
 */
export function expectConnectError(
  url: string,
  auth: Record<string, unknown>,
  options: SocketOptions = {},
): Promise<ConnectError> {
  const socket = openKioskSocket(url, auth, options);
  return new Promise<ConnectError>((resolve, reject) => {
    socket.once("connect_error", (error: ConnectError) => resolve(error));
    socket.once("hello", () =>
      reject(new Error("the hub accepted a handshake it should reject")),
    );
    socket.connect();
  }).finally(() => socket.disconnect());
}

/** Closes every tablet a test opened; call it from `afterEach`. */
export class TabletPool {
  readonly #open: TabletSocket[] = [];

  async connect(
    url: string,
    auth: { tabletToken: string },
    options: SocketOptions = {},
  ): Promise<TabletSocket> {
    const tablet = await TabletSocket.connect(url, auth, options);
    this.#open.push(tablet);
    return tablet;
  }

  closeAll(): void {
    for (const tablet of this.#open.splice(0)) {
      tablet.close();
    }
  }
}

/** Describes a change in one line, for failure messages. */
export function describeChange(message: ChangeMessage): string {
  const { change } = message;
  switch (change.kind) {
    case "user.upsert":
      return `${message.seq} upsert ${change.user.employeeNumber} lock=${change.user.lock.kind}`;
    case "user.remove":
      return `${message.seq} remove ${change.userId}`;
    case "settings.update":
      return `${message.seq} settings`;
  }
}

function openKioskSocket(
  url: string,
  auth: Record<string, unknown>,
  options: SocketOptions,
): KioskSocket {
  return io(`${url}${KIOSK_NAMESPACE}`, {
    forceNew: true,
    transports: ["websocket"],
    autoConnect: false,
    reconnection: false,
    auth,
    ...(options.extraHeaders && { extraHeaders: options.extraHeaders }),
  });
}

interface ChangeWaiter {
  readonly predicate: (message: ChangeMessage) => boolean;
  readonly resolve: (message: ChangeMessage) => void;
}
