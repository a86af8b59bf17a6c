import {
  OUTBOX_MAX,
  type ChangeMessage,
  type HubSealingKey,
  type KioskUser,
  type OfflineVerifier,
  type Snapshot,
  type UserId,
  type UserPasskeys,
} from "../../protocol";
import type { CacheCipher } from "../crypto/CacheCipher";
import type { Logger } from "../log/Logger";
import { KioskError } from "../net/KioskError";
import {
  applyPulledChanges,
  replaceUser,
  rosterFromSnapshot,
  type RosterState,
} from "../roster/applyChange";
import { rosterDiff } from "../roster/rosterDiff";
import {
  decideLiveChange,
  type LiveChangeAction,
} from "../sync/decideLiveChange";
import type {
  CachedPasskeys,
  CachedVerifier,
  CacheMeta,
  OutboxEntry,
  TabletIdentity,
  TabletKeys,
} from "./cacheRecords";
import type { KioskDatabase } from "./kioskDatabase";
import type { LoadedCache } from "./loadCache";
import { OutboxStore, type RejectedAction } from "./OutboxStore";
import { SerialQueue } from "./SerialQueue";
import { recordContext, WriteBatch } from "./WriteBatch";
import { CachedVerifier as CachedVerifierSchema } from "./cacheRecords";

/** The cache as the screens and the sync engine read it. */
export interface CacheView {
  /** The store's users and settings at the cursor (`seq`). */
  readonly roster: RosterState | undefined;
  readonly sealingKey: HubSealingKey | undefined;
  /** End of the last complete sync, by the tablet's clock, in ms. */
  readonly lastSyncAt: number | undefined;
  readonly highestTimeSeen: number;
  /** Mutations waiting in the outbox. */
  readonly pendingCount: number;
}

type Listener = (view: CacheView) => void;

/**
 * The tablet's encrypted cache in IndexedDB, with its decrypted state in
 * memory. Every change runs through one queue and commits in one
 * transaction before the state in memory follows, so a reload finds either
 * the state before a change or after it.
 *
 * NOTE: the queue orders the changes of one page. Two kiosk tabs of the
 * same tablet would each keep their own state in memory and write over
 * each other's; a tablet is expected to run the kiosk in one tab.
 */
export class TabletCache {
  readonly #database: KioskDatabase;
  readonly #cipher: CacheCipher;
  readonly #logger: Logger;
  readonly #queue = new SerialQueue();
  readonly #listeners = new Set<Listener>();
  readonly #outbox: OutboxStore;
  #identity: TabletIdentity | undefined;
  #keys: TabletKeys | undefined;
  #meta: CacheMeta | undefined;
  #users: KioskUser[];
  #verifierVersions: Map<UserId, number>;
  #passkeys: CachedPasskeys;
  #pendingCount: number;
  #view: CacheView;

  constructor(
    database: KioskDatabase,
    cipher: CacheCipher,
    loaded: LoadedCache,
    logger: Logger,
  ) {
    this.#database = database;
    this.#cipher = cipher;
    this.#logger = logger;
    this.#outbox = new OutboxStore(database, cipher, logger);
    this.#identity = loaded.identity;
    this.#keys = loaded.keys;
    this.#meta = loaded.meta;
    this.#users = [...loaded.users];
    this.#verifierVersions = new Map(loaded.verifierVersions);
    this.#passkeys = [...loaded.passkeys];
    this.#pendingCount = loaded.pendingCount;
    this.#view = this.#buildView();
  }

  /** The tablet's enrollment, when both its record and its keys are sound. */
  get identity(): TabletIdentity | undefined {
    return this.#keys === undefined ? undefined : this.#identity;
  }

  get keys(): TabletKeys | undefined {
    return this.#keys;
  }

  get view(): CacheView {
    return this.#view;
  }

  /** Credential versions of the cached verifiers, by user id. */
  get verifierVersions(): ReadonlyMap<UserId, number> {
    return this.#verifierVersions;
  }

  /** Passkey versions of the cached public keys, by user id. */
  get passkeyVersions(): ReadonlyMap<UserId, number> {
    return new Map(
      this.#passkeys.map((entry) => [entry.userId, entry.passkeyVersion]),
    );
  }

  /** Returns the cached passkey public keys of a user, if any were sent. */
  passkeysOf(userId: UserId): UserPasskeys | undefined {
    return this.#passkeys.find((entry) => entry.userId === userId);
  }

  /** Calls `listener` after every committed change; returns the unsubscriber. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stores the tablet's enrollment: its keys first, then its identity. */
  saveEnrollment(identity: TabletIdentity, keys: TabletKeys): Promise<void> {
    return this.#queue.run(async () => {
      await this.#database.put("keys", keys, "tablet");
      await new WriteBatch()
        .put("records", "identity", identity)
        .commit(this.#database, this.#cipher);
      this.#identity = identity;
      this.#keys = keys;
      this.#changed();
    });
  }

  /** Replaces the cache's users, settings and sealing key with a snapshot. */
  applySnapshot(snapshot: Snapshot): Promise<void> {
    return this.#queue.run(async () => {
      const meta: CacheMeta = {
        store: snapshot.store,
        settings: snapshot.settings,
        cursor: snapshot.cursor,
        sealingKey: snapshot.sealingKey,
        lastSyncAt: this.#meta?.lastSyncAt,
        highestTimeSeen: this.#meta?.highestTimeSeen ?? 0,
      };
      await this.#commitRoster(rosterFromSnapshot(snapshot), meta);
    });
  }

  /** Applies the changes of one pull and moves the cursor to `cursor`. */
  applyPull(changes: readonly ChangeMessage[], cursor: number): Promise<void> {
    return this.#queue.run(async () => {
      const roster = this.#roster();
      if (roster === undefined || this.#meta === undefined) {
        return;
      }
      const next = applyPulledChanges(roster, changes, cursor);
      await this.#commitRoster(next, { ...this.#meta });
    });
  }

  /**
   * Applies a change the hub pushed live when it follows on from the
   * cursor. Returns "pull" when the tablet missed a change before it.
   */
  applyLiveChange(message: ChangeMessage): Promise<LiveChangeAction> {
    return this.#queue.run(async () => {
      const roster = this.#roster();
      if (roster === undefined || this.#meta === undefined) {
        return "pull";
      }
      const action = decideLiveChange(roster.seq, message);
      if (action === "apply") {
        const next = applyPulledChanges(roster, [message], message.seq);
        await this.#commitRoster(next, { ...this.#meta });
      }
      return action;
    });
  }

  /** Takes a user the hub returned directly, when newer than the cached one. */
  putUser(user: KioskUser): Promise<void> {
    return this.#queue.run(async () => {
      const roster = this.#roster();
      if (roster === undefined || this.#meta === undefined) {
        return;
      }
      await this.#commitRoster(replaceUser(roster, user), { ...this.#meta });
    });
  }

  /** Stores verifiers the hub sent, for users still in the store. */
  storeVerifiers(verifiers: readonly OfflineVerifier[]): Promise<void> {
    return this.#queue.run(async () => {
      const known = new Set(this.#users.map((user) => user.id));
      const kept = verifiers.filter((verifier) => known.has(verifier.userId));
      const batch = new WriteBatch();
      for (const verifier of kept) {
        batch.put("verifiers", verifier.userId, verifier);
      }
      await batch.commit(this.#database, this.#cipher);
      for (const verifier of kept) {
        this.#verifierVersions.set(verifier.userId, verifier.credentialVersion);
      }
      this.#changed();
    });
  }

  /**
   * Stores the passkey public keys the hub sent, replacing each listed
   * user's keys, for users still in the store. A signature counter never
   * goes back: a counter the tablet raised after an offline proof stays.
   */
  storePasskeys(received: readonly UserPasskeys[]): Promise<void> {
    return this.#queue.run(async () => {
      if (received.length === 0) {
        return;
      }
      const known = new Set(this.#users.map((user) => user.id));
      const byUser = new Map(
        this.#passkeys.map((entry) => [entry.userId, entry]),
      );
      for (const entry of received) {
        const cached = byUser.get(entry.userId);
        byUser.set(entry.userId, {
          ...entry,
          passkeys: entry.passkeys.map((passkey) => {
            const previous = cached?.passkeys.find(
              (each) => each.credentialId === passkey.credentialId,
            );
            return previous === undefined || previous.counter <= passkey.counter
              ? passkey
              : { ...passkey, counter: previous.counter };
          }),
        });
      }
      const next = [...byUser.values()].filter((entry) =>
        known.has(entry.userId),
      );
      await new WriteBatch()
        .put("records", "passkeys", next)
        .commit(this.#database, this.#cipher);
      this.#passkeys = next;
      this.#changed();
    });
  }

  /** Records the end of a complete sync at `now`, by the tablet's clock. */
  markSynced(now: number): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#meta === undefined) {
        return;
      }
      // The hub has vouched for the cache, so a clock that was once set
      // ahead and then corrected starts counting from here.
      await this.#commitMeta({
        ...this.#meta,
        lastSyncAt: now,
        highestTimeSeen: now,
      });
    });
  }

  /** Raises the highest clock time seen to `now`, when it is higher. */
  noteTime(now: number): Promise<void> {
    return this.#queue.run(async () => {
      const meta = this.#meta;
      if (meta === undefined || now <= meta.highestTimeSeen) {
        return;
      }
      await this.#commitMeta({ ...meta, highestTimeSeen: now });
    });
  }

  /** Reads one user's cached verifier. */
  readVerifier(userId: UserId): Promise<CachedVerifier | undefined> {
    return this.#queue.run(() => this.#readVerifier(userId));
  }

  /**
   * Queues a mutation together with its effect on the cache: the changed
   * users and verifiers, and the signature counter of a passkey that proved
   * it, commit in the same transaction as the entry. Throws OUTBOX_FULL
   * when OUTBOX_MAX entries wait already.
   */
  enqueue(
    entry: OutboxEntry,
    effect: {
      readonly users: readonly KioskUser[];
      readonly verifiers: readonly CachedVerifier[];
      readonly passkeyCounter?: PasskeyCounter;
    },
  ): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#pendingCount >= OUTBOX_MAX) {
        throw new KioskError({
          code: "OUTBOX_FULL",
          message: `${OUTBOX_MAX} offline actions wait to be sent; connect the tablet to the hub first.`,
        });
      }
      const batch = new WriteBatch();
      for (const user of effect.users) {
        batch.put("users", user.id, user);
      }
      for (const verifier of effect.verifiers) {
        batch.put("verifiers", verifier.userId, verifier);
      }
      const passkeys =
        effect.passkeyCounter === undefined
          ? undefined
          : withCounter(this.#passkeys, effect.passkeyCounter);
      if (passkeys !== undefined) {
        batch.put("records", "passkeys", passkeys);
      }
      batch.addOutbox(entry);
      await batch.commit(this.#database, this.#cipher);
      if (passkeys !== undefined) {
        this.#passkeys = passkeys;
      }
      this.#users = replaceUsers(this.#users, effect.users);
      for (const verifier of effect.verifiers) {
        this.#verifierVersions.set(verifier.userId, verifier.credentialVersion);
      }
      this.#pendingCount += 1;
      this.#changed();
    });
  }

  /** Returns the oldest queued entries, at most `max`. */
  pendingEntries(max: number) {
    return this.#queue.run(() => this.#outbox.oldest(max));
  }

  /**
   * Removes the pushed entries that have a verdict, undoes the rejected
   * ones in the cache, and returns the rejections to show.
   */
  settle(
    pushed: Parameters<OutboxStore["settle"]>[0]["pushed"],
    results: Parameters<OutboxStore["settle"]>[0]["results"],
  ): Promise<RejectedAction[]> {
    return this.#queue.run(async () => {
      const outcome = await this.#outbox.settle({
        pushed,
        results,
        users: this.#users,
        readVerifier: (userId) => this.#readVerifier(userId),
      });
      this.#users = replaceUsers(this.#users, outcome.restoredUsers);
      for (const { userId, verifier } of outcome.restoredVerifiers) {
        if (verifier === null) {
          this.#verifierVersions.delete(userId);
        } else {
          this.#verifierVersions.set(userId, verifier.credentialVersion);
        }
      }
      this.#pendingCount = await this.#database.count("outbox");
      this.#changed();
      return outcome.rejected;
    });
  }

  /** Closes the database; the cache is unusable afterwards. */
  close(): void {
    this.#database.close();
  }

  #roster(): RosterState | undefined {
    const meta = this.#meta;
    return meta === undefined
      ? undefined
      : {
          store: meta.store,
          users: this.#users,
          settings: meta.settings,
          seq: meta.cursor,
        };
  }

  async #readVerifier(userId: UserId): Promise<CachedVerifier | undefined> {
    const verifier = await this.#cipher.open(
      await this.#database.get("verifiers", userId),
      recordContext("verifiers", userId),
      CachedVerifierSchema,
    );
    return verifier?.userId === userId ? verifier : undefined;
  }

  /** Commits a new roster with its meta record, writing only what changed. */
  async #commitRoster(roster: RosterState, meta: CacheMeta): Promise<void> {
    const { changed, removed } = rosterDiff(this.#roster(), roster);
    const next: CacheMeta = {
      ...meta,
      store: roster.store,
      settings: roster.settings,
      cursor: roster.seq,
    };
    const batch = new WriteBatch().put("records", "meta", next);
    for (const user of changed) {
      batch.put("users", user.id, user);
    }
    for (const userId of removed) {
      batch.delete("users", userId).delete("verifiers", userId);
    }
    await batch.commit(this.#database, this.#cipher);
    this.#meta = next;
    this.#users = roster.users;
    for (const userId of removed) {
      this.#verifierVersions.delete(userId);
    }
    if (changed.length > 0 || removed.length > 0) {
      this.#logger.debug(
        { changed: changed.length, removed: removed.length, seq: roster.seq },
        "cache updated",
      );
    }
    this.#changed();
  }

  async #commitMeta(meta: CacheMeta): Promise<void> {
    await new WriteBatch()
      .put("records", "meta", meta)
      .commit(this.#database, this.#cipher);
    this.#meta = meta;
    this.#changed();
  }

  #buildView(): CacheView {
    return {
      roster: this.#roster(),
      sealingKey: this.#meta?.sealingKey,
      lastSyncAt: this.#meta?.lastSyncAt,
      highestTimeSeen: this.#meta?.highestTimeSeen ?? 0,
      pendingCount: this.#pendingCount,
    };
  }

  #changed(): void {
    this.#view = this.#buildView();
    for (const listener of this.#listeners) {
      listener(this.#view);
    }
  }
}

/** A passkey's signature counter after an offline proof. */
export interface PasskeyCounter {
  readonly userId: UserId;
  readonly credentialId: string;
  readonly counter: number;
}

/** Returns the cached passkeys with one credential's counter replaced. */
function withCounter(
  passkeys: CachedPasskeys,
  update: PasskeyCounter,
): CachedPasskeys {
  return passkeys.map((entry) =>
    entry.userId !== update.userId
      ? entry
      : {
          ...entry,
          passkeys: entry.passkeys.map((passkey) =>
            passkey.credentialId === update.credentialId
              ? { ...passkey, counter: update.counter }
              : passkey,
          ),
        },
  );
}

/** Replaces users by id, keeping the order and every other user object. */
function replaceUsers(
  users: KioskUser[],
  replacements: readonly KioskUser[],
): KioskUser[] {
  if (replacements.length === 0) {
    return users;
  }
  const byId = new Map(replacements.map((user) => [user.id, user]));
  return users.map((user) => byId.get(user.id) ?? user);
}
