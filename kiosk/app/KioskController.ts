import {
  PROTOCOL_VERSION,
  type ChangeMessage,
  type KioskUser,
  type SessionUser,
  type SessionView,
  type StoreId,
  type TabletId,
} from "../../protocol";
import type { Logger } from "../log/Logger";
import { ApiClient } from "../net/ApiClient";
import { KioskError } from "../net/KioskError";
import { SyncClient, type ConnectionState } from "../net/SyncClient";
import {
  applyChange,
  replaceUser,
  type RosterState,
} from "../roster/applyChange";
import type { TabletStorage } from "../tablet/tabletStorage";

/** Minimum time between two session refreshes caused by input. */
const KEEPALIVE_INTERVAL_MS = 20_000;

/** Delay before loading the roster again after a failed load. */
const ROSTER_RETRY_DELAY_MS = 10_000;

/** Everything the screens show, as one immutable value. */
export interface KioskSnapshot {
  readonly tabletId: TabletId;
  readonly storeId: StoreId | undefined;
  readonly roster: RosterState | undefined;
  /** Error of the last failed roster load, while the tablet has no roster. */
  readonly rosterError: KioskError | undefined;
  readonly connection: ConnectionState;
  /** When the roster last came from the hub or took a live change, in ms. */
  readonly lastSyncAt: number | undefined;
  /** True when the hub speaks another protocol version. */
  readonly updateRequired: boolean;
  /** The signed-in user's session; its token stays in memory only. */
  readonly session: SessionView | undefined;
}

export type SignOutReason = "user" | "idle" | "removed" | "unauthenticated";

export interface KioskControllerOptions {
  readonly storage: TabletStorage;
  readonly logger: Logger;
  /** Creates the socket client; replaceable for tests. */
  readonly createSync?: (
    options: ConstructorParameters<typeof SyncClient>[0],
  ) => Pick<SyncClient, "start" | "stop">;
  readonly fetch?: typeof fetch;
}

type Listener = (snapshot: KioskSnapshot) => void;

/**
 * The tablet's state and its connection to the hub: the chosen store, the
 * roster with its live changes, the socket's status and the session. Screens
 * read `snapshot` and call the methods; nothing here touches the DOM.
 */
export class KioskController {
  readonly api: ApiClient;
  readonly #options: KioskControllerOptions;
  readonly #logger: Logger;
  readonly #listeners = new Set<Listener>();
  #snapshot: KioskSnapshot;
  #sync: Pick<SyncClient, "start" | "stop"> | undefined;
  #rosterLoad: Promise<void> | undefined;
  #rosterReloadWanted = false;
  #rosterRetryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Changes that arrive while the roster loads, applied after it. */
  #pendingChanges: ChangeMessage[] = [];
  #lastKeepAliveAt = 0;

  constructor(options: KioskControllerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ module: "controller" });
    this.api = new ApiClient({
      logger: options.logger.child({ module: "api" }),
      getToken: () => this.#snapshot.session?.token,
      onUnauthenticated: () => this.signOut("unauthenticated"),
      fetch: options.fetch,
    });
    this.#snapshot = {
      tabletId: options.storage.tabletId(),
      storeId: options.storage.storeId(),
      roster: undefined,
      rosterError: undefined,
      connection: "connecting",
      lastSyncAt: undefined,
      updateRequired: false,
      session: undefined,
    };
  }

  get snapshot(): KioskSnapshot {
    return this.#snapshot;
  }

  /** Calls `listener` after every change of the snapshot; returns the unsubscriber. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Checks the hub's protocol version and connects the chosen store. */
  start(): void {
    void this.#checkProtocolVersion();
    if (this.#snapshot.storeId !== undefined) {
      this.#connect(this.#snapshot.storeId);
    }
  }

  stop(): void {
    this.#sync?.stop();
    this.#sync = undefined;
    clearTimeout(this.#rosterRetryTimer);
  }

  /** Makes `storeId` the tablet's store and ends the current session. */
  chooseStore(storeId: StoreId): void {
    this.signOut("user");
    this.#options.storage.setStoreId(storeId);
    this.#logger.info({ storeId }, "store chosen");
    this.#update({
      storeId,
      roster: undefined,
      rosterError: undefined,
      lastSyncAt: undefined,
    });
    this.#connect(storeId);
  }

  /** Starts the session of a user who just signed in. */
  startSession(session: SessionView): void {
    this.#lastKeepAliveAt = Date.now();
    this.#logger.info({ userId: session.user.id }, "signed in");
    this.#update({ session });
  }

  /** Takes a newer view of the current session, such as after a PIN change. */
  updateSession(session: SessionView): void {
    if (this.#snapshot.session?.user.id !== session.user.id) {
      return;
    }
    this.#update({ session });
  }

  /**
   * Ends the session on the tablet at once, then sends the sign-out to the
   * hub. The hub's response does not matter, because the token is gone from
   * memory either way.
   */
  signOut(reason: SignOutReason): void {
    const session = this.#snapshot.session;
    if (session === undefined) {
      return;
    }
    this.#update({ session: undefined });
    this.#logger.info({ userId: session.user.id, reason }, "signed out");
    if (reason === "unauthenticated" || reason === "removed") {
      return;
    }
    void this.#revoke(session.token);
  }

  /**
   * Notes input on the tablet: while someone is signed in, refreshes the
   * session at most every KEEPALIVE_INTERVAL_MS, which also keeps it alive
   * at the hub and brings the role's current permissions.
   */
  noteActivity(): void {
    if (
      this.#snapshot.session !== undefined &&
      Date.now() - this.#lastKeepAliveAt >= KEEPALIVE_INTERVAL_MS
    ) {
      void this.refreshSession();
    }
  }

  /** Fetches the current session from the hub and takes it. */
  async refreshSession(): Promise<void> {
    const token = this.#snapshot.session?.token;
    if (token === undefined) {
      return;
    }
    this.#lastKeepAliveAt = Date.now();
    try {
      const session = await this.api.session();
      // Another user may have signed in while the request ran.
      if (this.#snapshot.session?.token === token) {
        this.#update({ session });
      }
    } catch (error) {
      // UNAUTHENTICATED already signed the user out through the API client.
      this.#logger.warn(
        { code: KioskError.from(error).code },
        "session refresh failed",
      );
    }
  }

  /** Takes a user the hub returned, such as after an unlock. */
  userUpdated(user: KioskUser): void {
    const roster = this.#snapshot.roster;
    if (roster !== undefined) {
      this.#update({ roster: replaceUser(roster, user) });
    }
  }

  /** Loads the roster again now, for a retry button. */
  reloadRoster(): void {
    void this.#loadRoster();
  }

  #connect(storeId: StoreId): void {
    this.#sync?.stop();
    this.#pendingChanges = [];
    const createSync =
      this.#options.createSync ?? ((options) => new SyncClient(options));
    this.#sync = createSync({
      storeId,
      tabletId: this.#snapshot.tabletId,
      logger: this.#options.logger.child({ module: "sync" }),
      listeners: {
        onState: (connection) => this.#update({ connection }),
        onConnected: (reconnected) => {
          if (reconnected || this.#snapshot.roster === undefined) {
            void this.#loadRoster();
          }
        },
        onHello: (hello) => {
          const roster = this.#snapshot.roster;
          // A load already running (after a reconnect) covers the hello.
          if (roster === undefined || this.#rosterLoad !== undefined) {
            return;
          }
          if (hello.seq > roster.seq) {
            void this.#loadRoster();
          } else {
            this.#update({ lastSyncAt: Date.now() });
          }
        },
        onChange: (message) => this.#receiveChange(message),
        onRejected: (error) => {
          if (error.is("PROTOCOL_MISMATCH")) {
            this.#update({ updateRequired: true });
          }
        },
      },
    });
    this.#sync.start();
    void this.#loadRoster();
  }

  /**
   * Loads the roster, one request at a time. A call during a load schedules
   * one more load after it, so the newest state always wins.
   */
  #loadRoster(): Promise<void> {
    if (this.#rosterLoad !== undefined) {
      this.#rosterReloadWanted = true;
      return this.#rosterLoad;
    }
    this.#rosterLoad = this.#fetchRoster().finally(() => {
      this.#rosterLoad = undefined;
      if (this.#rosterReloadWanted) {
        this.#rosterReloadWanted = false;
        void this.#loadRoster();
      }
    });
    return this.#rosterLoad;
  }

  async #fetchRoster(): Promise<void> {
    const storeId = this.#snapshot.storeId;
    if (storeId === undefined) {
      return;
    }
    clearTimeout(this.#rosterRetryTimer);
    try {
      const loaded = await this.api.roster(storeId);
      if (this.#snapshot.storeId !== storeId) {
        return;
      }
      let roster: RosterState = loaded;
      const pending = this.#pendingChanges.sort((a, b) => a.seq - b.seq);
      this.#pendingChanges = [];
      for (const message of pending) {
        roster = applyChange(roster, message).state;
      }
      const previous = this.#snapshot.roster;
      this.#update({ roster, rosterError: undefined, lastSyncAt: Date.now() });
      this.#logger.info(
        { storeId, users: roster.users.length, seq: roster.seq },
        "roster loaded",
      );
      this.#reconcileSession(previous, roster);
    } catch (error) {
      const failure = KioskError.from(error);
      this.#logger.warn({ storeId, code: failure.code }, "roster load failed");
      if (failure.is("STORE_NOT_FOUND")) {
        this.#forgetStore();
        return;
      }
      this.#update({ rosterError: failure });
      this.#rosterRetryTimer = setTimeout(
        () => void this.#loadRoster(),
        ROSTER_RETRY_DELAY_MS,
      );
    }
  }

  #receiveChange(message: ChangeMessage): void {
    const roster = this.#snapshot.roster;
    if (roster === undefined || this.#rosterLoad !== undefined) {
      this.#pendingChanges.push(message);
      return;
    }
    // The previous change this tablet may see is newer than the roster:
    // one was missed, so load the roster again and apply this one after it.
    if (message.previousSeq > roster.seq) {
      this.#logger.info(
        { seq: roster.seq, previousSeq: message.previousSeq },
        "missed a change",
      );
      this.#pendingChanges.push(message);
      void this.#loadRoster();
      return;
    }
    const { state, effect } = applyChange(roster, message);
    this.#update({ roster: state, lastSyncAt: Date.now() });

    const signedIn = this.#snapshot.session?.user;
    if (signedIn === undefined) {
      return;
    }
    if (effect.kind === "user-removed" && effect.userId === signedIn.id) {
      this.signOut("removed");
    } else if (
      effect.kind === "user-upserted" &&
      effect.user.id === signedIn.id
    ) {
      this.#applyToSession(effect.user);
    }
  }

  /** Reacts to a fresh roster that may have dropped or changed the user. */
  #reconcileSession(previous: RosterState | undefined, roster: RosterState) {
    const signedIn = this.#snapshot.session?.user;
    if (signedIn === undefined) {
      return;
    }
    const now = roster.users.find((user) => user.id === signedIn.id);
    const before = previous?.users.find((user) => user.id === signedIn.id);
    if (now === undefined && before !== undefined) {
      this.signOut("removed");
    } else if (now !== undefined) {
      this.#applyToSession(now);
    }
  }

  /**
   * Brings a change of the signed-in user into the session. A new role
   * drops every permission at once, so a demoted manager loses the manager
   * tools before the hub's view of the session arrives with the new ones.
   */
  #applyToSession(user: KioskUser): void {
    const session = this.#snapshot.session;
    if (session === undefined) {
      return;
    }
    const held = session.user.role;
    const roleChanged =
      held.id !== user.role.id || held.level !== user.role.level;
    const sessionUser: SessionUser = {
      ...session.user,
      firstName: user.firstName,
      lastName: user.lastName,
      role: roleChanged
        ? { ...user.role, permissions: [] }
        : { ...held, name: user.role.name },
    };
    this.#update({ session: { ...session, user: sessionUser } });
    if (roleChanged) {
      this.#logger.info({ userId: user.id }, "role of signed-in user changed");
      void this.refreshSession();
    }
  }

  #forgetStore(): void {
    this.signOut("user");
    this.stop();
    this.#options.storage.setStoreId(undefined);
    this.#update({
      storeId: undefined,
      roster: undefined,
      rosterError: undefined,
      lastSyncAt: undefined,
    });
  }

  async #checkProtocolVersion(): Promise<void> {
    try {
      const health = await this.api.health();
      if (health.protocolVersion !== PROTOCOL_VERSION) {
        this.#logger.warn(
          { hub: health.protocolVersion, kiosk: PROTOCOL_VERSION },
          "protocol version differs",
        );
        this.#update({ updateRequired: true });
      }
    } catch (error) {
      this.#logger.warn(
        { code: KioskError.from(error).code },
        "health check failed",
      );
    }
  }

  async #revoke(token: string): Promise<void> {
    try {
      await this.api.signOut(token);
    } catch (error) {
      this.#logger.info(
        { code: KioskError.from(error).code },
        "sign-out request failed",
      );
    }
  }

  #update(change: Partial<KioskSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    for (const listener of this.#listeners) {
      listener(this.#snapshot);
    }
  }
}
