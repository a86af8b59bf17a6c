import { afterAll, beforeAll, expect, test } from "vitest";
import { revokeTablet } from "../../hub/tablets/revokeTablet";
import type { UserId } from "../../protocol";
import { fixtureStore } from "../support/fixtureLookup";
import {
  openSession,
  resetPinOnline,
  sessionHeaders,
  signInOnline,
} from "../support/kioskRequests";
import { startSyncedTablet, type SyncedTablet } from "../support/syncedTablet";
import {
  pinChange,
  pinReset,
  signInFailure,
  signInSuccess,
} from "../support/tabletMutations";
import {
  disconnectTablets,
  enrollTablet,
  expectOk,
  type TabletConnection,
} from "../support/testTablet";

/**
 * Every PIN, hash, verifier and token the scenario below makes or uses. The
 * hub must never put one of them into the change log or the audit log.
 */
const secrets = new Set<string>();
/** Live changes received by a tablet of each store. */
let watchers: TabletConnection[] = [];
let synced: SyncedTablet;

beforeAll(async () => {
  synced = await startSyncedTablet();
  const { hub, connection, sealingKey } = synced;
  const storeB = fixtureStore(hub.fixture, "B");
  const allUsers = Object.values(hub.fixture.users);
  Object.values(hub.fixture.pins).forEach((pin) => secrets.add(pin));
  await collectHashes(allUsers);

  const watcherB = await enrollTablet(hub, storeB);
  watchers = [await synced.tablet.connect(), await watcherB.connect()];
  secrets.add(await synced.tablet.token());
  for (const watcher of watchers) {
    await watcher.pullSnapshot();
  }

  // Online: wrong PINs, a reset with a typed PIN, the target's own change.
  const manager = synced.user("E4");
  const target = synced.user("E2");
  await signInOnline(hub, synced.storeId, synced.user("E1").id, "130508");
  await signInOnline(hub, storeB, synced.user("E5").id, "130508");
  const managerSession = await openSession(
    hub,
    synced.storeId,
    manager.id,
    manager.pin,
  );
  secrets.add(managerSession.token);
  await resetPinOnline(
    hub,
    managerSession.token,
    target.id,
    manager.pin,
    "604918",
  );
  const targetSession = await openSession(
    hub,
    synced.storeId,
    target.id,
    "604918",
  );
  secrets.add(targetSession.token);
  await hub.app.inject({
    method: "POST",
    url: "/api/kiosk/session/pin",
    headers: sessionHeaders(targetSession.token),
    payload: { newPin: "591736" },
  });
  ["130508", "604918", "591736"].forEach((pin) => secrets.add(pin));

  // Offline: every kind of mutation, applied and rejected.
  synced.clock.now += 60_000;
  const at = { clientTime: synced.clock.now };
  const results = await connection.pushMutations([
    signInFailure(synced.user("E1").id, at),
    signInSuccess(synced.user("E3").id, at),
    pinChange(
      sealingKey,
      synced.user("E3").id,
      { currentPin: synced.user("E3").pin, newPin: "846201" },
      at,
    ),
    pinReset(
      sealingKey,
      manager.id,
      synced.user("E1").id,
      { actorPin: manager.pin, temporaryPin: "372958" },
      at,
    ),
    pinChange(
      sealingKey,
      synced.user("E7").id,
      { currentPin: "130508", newPin: "728391" },
      at,
    ),
  ]);
  expect(results.map((result) => result.status)).toEqual([
    "applied",
    "applied",
    "applied",
    "applied",
    "rejected",
  ]);
  ["846201", "372958", "728391"].forEach((pin) => secrets.add(pin));

  // A stolen tablet makes every PIN of its store temporary.
  const stolen = await enrollTablet(hub, synced.storeId);
  await revokeTablet(hub.context, stolen.tabletId, {
    stolen: true,
    actorId: null,
    via: "test",
  });

  await collectHashes(allUsers);
  const verifiers = expectOk(await connection.verifiers(allUsers)).verifiers;
  verifiers.forEach((entry) => secrets.add(entry.verifier));
});
afterAll(async () => {
  disconnectTablets();
  await synced.hub.stop();
});

async function collectHashes(userIds: readonly UserId[]): Promise<void> {
  for (const userId of userIds) {
    const pin = await synced.hub.context.storage.credentials.getPin(userId);
    if (pin) {
      secrets.add(pin.hash);
    }
  }
}

/** Returns the secrets found in `text`; PINs only as whole numbers. */
function secretsIn(text: string): string[] {
  const found = [...secrets].filter((secret) =>
    /^\d+$/.test(secret)
      ? new RegExp(`(?<![\\w-])${secret}(?![\\w-])`).test(text)
      : text.includes(secret),
  );
  if (/\$argon2/i.test(text)) {
    found.push("$argon2");
  }
  return found;
}

test("scenario collected secrets", () => {
  // Fourteen PINs, the hashes before and after, verifiers and three tokens.
  expect(secrets.size).toBeGreaterThan(30);
});

test("snapshot holds none", async () => {
  const snapshot = await synced.connection.pullSnapshot();

  expect(secretsIn(JSON.stringify(snapshot))).toEqual([]);
});

test("pulled changes hold none", async () => {
  const pulled = await synced.connection.pullChanges(1);

  expect(pulled.changes.length).toBeGreaterThan(10);
  expect(secretsIn(JSON.stringify(pulled))).toEqual([]);
});

test("live changes hold none", () => {
  const received = watchers.flatMap((watcher) => watcher.changes);

  expect(received.length).toBeGreaterThan(10);
  expect(secretsIn(JSON.stringify(received))).toEqual([]);
});

test("log holds none", async () => {
  const entries = await synced.hub.context.storage.log.list({
    afterSeq: 0,
    limit: 100_000,
  });

  expect(entries.filter((entry) => entry.category === "audit")).not.toEqual([]);
  expect(secretsIn(JSON.stringify(entries))).toEqual([]);
});

test("scan finds a planted PIN", () => {
  const planted = JSON.stringify({ change: { pin: "846201" } });

  expect(secretsIn(planted)).toEqual(["846201"]);
});
