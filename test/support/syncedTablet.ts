import type { HubSealingKey, StoreId, UserId } from "../../protocol";
import type { LockoutRecord } from "../../hub/storage/records";
import { fixtureStore, fixtureUser } from "./fixtureLookup";
import { startCachedKeyHub } from "./cachedKeyHub";
import type { TestHub } from "./startTestHub";
import {
  enrollTablet,
  type HubHandle,
  type TabletConnection,
  type TestTablet,
} from "./testTablet";

/** A hub clock that tests move by hand, in ms since the epoch. */
export interface TestClock {
  now: number;
}

/**
 * A fresh hub with a hand-moved clock and a store-A tablet that is connected
 * and has pulled its snapshot, ready to push mutations.
 */
export interface SyncedTablet {
  readonly hub: TestHub;
  readonly clock: TestClock;
  readonly storeId: StoreId;
  readonly tablet: TestTablet;
  readonly connection: TabletConnection;
  /** The hub's key for sealing PINs, from the snapshot. */
  readonly sealingKey: HubSealingKey;
  /** Hub time of the tablet's last sync, the earliest plausible action. */
  readonly syncedAt: number;
  /** A fixture user's id and PIN, by employee number. */
  user(employeeNumber: string): { id: UserId; pin: string };
}

/** Starts a hub and syncs a store-A tablet; stop it with `hub.stop()`. */
export async function startSyncedTablet(): Promise<SyncedTablet> {
  const clock: TestClock = { now: Date.now() };
  const hub = await startCachedKeyHub({ now: () => clock.now });
  const storeId = fixtureStore(hub.fixture, "A");
  const tablet = await enrollTablet(hub, storeId);
  const connection = await tablet.connect();
  const snapshot = await connection.pullSnapshot();
  return {
    hub,
    clock,
    storeId,
    tablet,
    connection,
    sealingKey: snapshot.sealingKey,
    syncedAt: clock.now,
    user: (employeeNumber) => fixtureUser(hub.fixture, employeeNumber),
  };
}

/** What a rejected mutation must leave alone: a user and their PIN state. */
export interface UserState {
  readonly version: number | undefined;
  readonly status: string | undefined;
  readonly hash: string | undefined;
  readonly temporary: boolean | undefined;
  readonly credentialVersion: number | undefined;
  readonly lockout: LockoutRecord;
}

/** Reads the stored state of each user, by id. */
export async function readUserStates(
  hub: HubHandle,
  userIds: readonly UserId[],
): Promise<Record<string, UserState>> {
  const { storage } = hub.context;
  const states: Record<string, UserState> = {};
  for (const userId of userIds) {
    const user = await storage.users.get(userId);
    const pin = await storage.credentials.getPin(userId);
    states[userId] = {
      version: user?.version,
      status: user?.status,
      hash: pin?.hash,
      temporary: pin?.temporary,
      credentialVersion: pin?.version,
      lockout: await storage.credentials.getLockout(userId),
    };
  }
  return states;
}
