import { PROTOCOL_VERSION } from "../../protocol";
import {
  createTabletKeyPair,
  exportTabletPublicKey,
} from "../crypto/tabletKeyPair";
import { TabletTokens } from "../enrollment/TabletTokens";
import type { Logger } from "../log/Logger";
import { ApiClient } from "../net/ApiClient";
import { KioskError } from "../net/KioskError";
import type { CacheTimes } from "../offline/cacheExpiry";
import type { TabletIdentity, TabletKeys } from "../offline/cacheRecords";
import { deleteKioskDatabase } from "../offline/kioskDatabase";
import { OfflineActions } from "../offline/OfflineActions";
import { openTabletCache } from "../offline/openTabletCache";
import type { RejectedAction } from "../offline/OutboxStore";
import { requestPersistentStorage } from "../offline/requestPersistentStorage";
import type { CacheView, TabletCache } from "../offline/TabletCache";
import type { RosterState } from "../roster/applyChange";
import type { KioskSession } from "../session/KioskSession";
import {
  SessionController,
  type SessionTablet,
} from "../session/SessionController";
import { SyncEngine, type ConnectionState } from "../sync/SyncEngine";

/** The tablet's overall state, which decides the screen on show. */
export type KioskPhase =
  /** Opening the cache. */
  | "starting"
  /** Not a secure context: no WebCrypto, no service worker. */
  | "insecure"
  /** IndexedDB cannot be opened, as in some private windows. */
  | "storage-failed"
  | "enrollment"
  | "enrolled";

/** Everything the screens show, as one immutable value. */
export interface KioskSnapshot {
  readonly phase: KioskPhase;
  readonly identity: TabletIdentity | undefined;
  /** The reason the enrollment screen shows again after a wipe. */
  readonly enrollmentReason: "revoked" | "unknown" | undefined;
  readonly roster: RosterState | undefined;
  /** What decides whether the cache may serve offline sign-ins. */
  readonly cacheTimes: CacheTimes | undefined;
  readonly connection: ConnectionState;
  /** End of the last complete sync, in ms since the epoch. */
  readonly lastSyncAt: number | undefined;
  /** Offline actions waiting to be sent. */
  readonly pendingCount: number;
  /** Whether the browser keeps the cache when space runs low. */
  readonly storagePersisted: boolean | undefined;
  /** True when the hub speaks another protocol version. */
  readonly updateRequired: boolean;
  /** True when a new version of the kiosk waits to take over. */
  readonly updateAvailable: boolean;
  /** Offline actions the hub rejected, which the tablet undid. */
  readonly rejections: readonly RejectedAction[];
  /** The signed-in user's session; it stays in memory only. */
  readonly session: KioskSession | undefined;
}

/** The service worker's update side, as the controller uses it. */
export interface UpdateSource {
  onAvailable(listener: () => void): void;
  apply(): Promise<void>;
}

export interface KioskControllerOptions {
  readonly logger: Logger;
  readonly updates?: UpdateSource;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

type Listener = (snapshot: KioskSnapshot) => void;

/**
 * The tablet's state: its enrollment, the encrypted cache, the sync with
 * the hub and the session. It wipes the cache and shows the enrollment
 * screen when the hub revoked the tablet or does not know it. Screens read
 * `snapshot` and call the methods, and nothing here touches the DOM.
 */
export class KioskController {
  readonly api: ApiClient;
  readonly sessions: SessionController;
  readonly #options: KioskControllerOptions;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #listeners = new Set<Listener>();
  #snapshot: KioskSnapshot;
  #cache: TabletCache | undefined;
  #tablet: SessionTablet | undefined;
  #sync: SyncEngine | undefined;
  #unsubscribeCache: (() => void) | undefined;
  #wiping = false;

  constructor(options: KioskControllerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ module: "controller" });
    this.#now = options.now ?? Date.now;
    this.api = new ApiClient({
      logger: options.logger.child({ module: "api" }),
      getToken: () => this.sessions.session?.token,
      onUnauthenticated: () => this.sessions.signOut("unauthenticated"),
      onTabletRejected: (error) => void this.#wipe(error),
      fetch: options.fetch,
    });
    this.sessions = new SessionController({
      api: this.api,
      logger: options.logger,
      tablet: () => this.#tablet,
      hubReachable: () => this.#snapshot.connection !== "offline",
      onChange: (session) => this.#update({ session }),
      now: this.#now,
    });
    this.#snapshot = {
      phase: "starting",
      identity: undefined,
      enrollmentReason: undefined,
      roster: undefined,
      cacheTimes: undefined,
      connection: "connecting",
      lastSyncAt: undefined,
      pendingCount: 0,
      storagePersisted: undefined,
      updateRequired: false,
      updateAvailable: false,
      rejections: [],
      session: undefined,
    };
    options.updates?.onAvailable(() => this.#update({ updateAvailable: true }));
  }

  get snapshot(): KioskSnapshot {
    return this.#snapshot;
  }

  /** Calls `listener` after every change of the snapshot; returns the unsubscriber. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Opens the cache and connects an enrolled tablet to the hub. */
  async start(): Promise<void> {
    void this.#checkProtocolVersion();
    // WebCrypto and service workers exist only in secure contexts: https,
    // or http on localhost.
    if (!window.isSecureContext || globalThis.crypto?.subtle === undefined) {
      this.#update({ phase: "insecure" });
      return;
    }
    try {
      await this.#openCache();
    } catch (error) {
      this.#logger.error({ error: String(error) }, "cache failed to open");
      this.#update({ phase: "storage-failed" });
    }
  }

  stop(): void {
    this.#sync?.stop();
    this.#sync = undefined;
  }

  /**
   * Enrolls the tablet with a code from a manager: makes its key pair,
   * sends the public key with the code, stores the response and connects.
   * Failures arrive as `KioskError`, such as ENROLLMENT_CODE_INVALID.
   */
  async enroll(code: string, label: string | undefined): Promise<void> {
    const cache = this.#cache;
    if (cache === undefined) {
      throw new KioskError({
        code: "STORAGE_FAILED",
        message: "The tablet's storage is not open.",
      });
    }
    const keyPair = await createTabletKeyPair();
    const response = await this.api.enroll({
      code,
      publicKey: await exportTabletPublicKey(keyPair),
      ...(label === undefined ? {} : { label }),
    });
    const identity: TabletIdentity = {
      tabletId: response.tabletId,
      store: response.store,
      enrolledAt: this.#now(),
    };
    const keys: TabletKeys = {
      privateKey: keyPair.privateKey,
      publicKey: keyPair.publicKey,
    };
    await cache.saveEnrollment(identity, keys);
    this.#logger.info(
      { tabletId: identity.tabletId, storeId: identity.store.id },
      "tablet enrolled",
    );
    this.#update({ enrollmentReason: undefined });
    void this.#requestPersistence();
    this.#connect(cache, identity, keys);
  }

  /** Hides a rejection notice once someone has read it. */
  dismissRejection(mutationId: string): void {
    this.#update({
      rejections: this.#snapshot.rejections.filter(
        (action) => action.mutationId !== mutationId,
      ),
    });
  }

  /** Loads the newest version of the kiosk. */
  applyUpdate(): void {
    if (this.#options.updates === undefined) {
      window.location.reload();
      return;
    }
    void this.#options.updates.apply();
  }

  async #openCache(): Promise<void> {
    const cache = await openTabletCache(this.#logger, () => {
      // Another tab wiped or replaced the database: start over from it.
      window.location.reload();
    });
    this.#cache = cache;
    this.#unsubscribeCache = cache.subscribe((view) =>
      this.#cacheChanged(view),
    );
    this.#cacheChanged(cache.view);
    const identity = cache.identity;
    const keys = cache.keys;
    if (identity === undefined || keys === undefined) {
      this.#update({ phase: "enrollment" });
      return;
    }
    void this.#requestPersistence();
    this.#connect(cache, identity, keys);
  }

  #connect(cache: TabletCache, identity: TabletIdentity, keys: TabletKeys) {
    const logger = this.#options.logger;
    const tokens = new TabletTokens({
      api: this.api,
      tabletId: identity.tabletId,
      privateKey: keys.privateKey,
      logger: logger.child({ module: "tablet" }),
      now: this.#now,
    });
    this.api.useTabletTokens(tokens);
    this.#tablet = {
      identity,
      cache,
      offline: new OfflineActions(
        cache,
        logger.child({ module: "offline" }),
        this.#now,
      ),
    };
    this.#sync?.stop();
    this.#sync = new SyncEngine({
      cache,
      tokens,
      logger: logger.child({ module: "sync" }),
      now: this.#now,
      listeners: {
        onConnection: (connection) => this.#update({ connection }),
        onRevoked: (error) => void this.#wipe(error),
        onProtocolMismatch: () => this.#update({ updateRequired: true }),
        onRejected: (actions) =>
          this.#update({
            rejections: [...this.#snapshot.rejections, ...actions],
          }),
      },
    });
    this.#update({ phase: "enrolled", identity });
    this.#sync.start();
  }

  #cacheChanged(view: CacheView): void {
    const previous = this.#snapshot;
    const roster = view.roster;
    this.#update({
      roster,
      lastSyncAt: view.lastSyncAt,
      pendingCount: view.pendingCount,
      cacheTimes:
        roster === undefined
          ? undefined
          : {
              lastSyncAt: view.lastSyncAt,
              highestTimeSeen: view.highestTimeSeen,
              offlineWindowHours: roster.settings.offlineWindowHours,
            },
    });
    if (roster !== undefined) {
      this.sessions.rosterChanged(roster);
    }
    // A new offline action goes out at once when the hub is connected.
    if (view.pendingCount > previous.pendingCount) {
      this.#sync?.syncNow();
    }
  }

  /**
   * Deletes everything the tablet stored, keys included, after the hub
   * revoked it (TABLET_REVOKED) or does not know it (TABLET_UNKNOWN), and
   * shows the enrollment screen with the reason.
   */
  async #wipe(error: KioskError): Promise<void> {
    if (this.#wiping || this.#cache === undefined) {
      return;
    }
    this.#wiping = true;
    this.#logger.warn({ code: error.code }, "wiping the tablet");
    this.sessions.signOut("removed");
    this.#sync?.stop();
    this.#sync = undefined;
    this.#tablet = undefined;
    this.api.useTabletTokens(undefined);
    this.#unsubscribeCache?.();
    this.#cache.close();
    this.#cache = undefined;
    try {
      await deleteKioskDatabase();
    } catch (deleteError) {
      this.#logger.error(
        { error: String(deleteError) },
        "cache failed to delete",
      );
    }
    this.#update({
      phase: "starting",
      identity: undefined,
      enrollmentReason: error.is("TABLET_UNKNOWN") ? "unknown" : "revoked",
      roster: undefined,
      cacheTimes: undefined,
      connection: "connecting",
      lastSyncAt: undefined,
      pendingCount: 0,
      rejections: [],
    });
    try {
      await this.#openCache();
    } catch (openError) {
      this.#logger.error({ error: String(openError) }, "cache failed to open");
      this.#update({ phase: "storage-failed" });
    } finally {
      this.#wiping = false;
    }
  }

  async #requestPersistence(): Promise<void> {
    try {
      const persisted = await requestPersistentStorage();
      this.#update({ storagePersisted: persisted });
      if (persisted === false) {
        this.#logger.warn({}, "persistent storage denied by the browser");
      }
    } catch (error) {
      this.#logger.warn({ error: String(error) }, "persistent storage failed");
    }
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

  #update(change: Partial<KioskSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    for (const listener of this.#listeners) {
      listener(this.#snapshot);
    }
  }
}
