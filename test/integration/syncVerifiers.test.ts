import argon2 from "argon2";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { revokeTablet } from "../../hub/tablets/revokeTablet";
import type { OfflineVerifier, UserId } from "../../protocol";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import { openSession, resetPinOnline } from "../support/kioskRequests";
import { deactivateUser } from "../support/rosterChanges";
import { startTestHub, type TestHub } from "../support/startTestHub";
import {
  disconnectTablets,
  enrollTablet,
  expectOk,
  type TabletConnection,
  type TestTablet,
} from "../support/testTablet";

let hub: TestHub;
let tablet: TestTablet;

beforeAll(async () => {
  hub = await startTestHub();
  tablet = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));
});
afterEach(disconnectTablets);
afterAll(async () => {
  await hub.stop();
});

function userId(employee: string): UserId {
  return fixtureUser(hub.fixture, employee).id;
}

async function verifiersOf(
  connection: TabletConnection,
  employees: string[],
): Promise<OfflineVerifier[]> {
  const ack = await connection.verifiers(employees.map(userId));
  return expectOk(ack).verifiers;
}

async function verifierOf(
  connection: TabletConnection,
  employee: string,
): Promise<OfflineVerifier> {
  const [verifier] = await verifiersOf(connection, [employee]);
  if (!verifier) {
    throw new Error(`no verifier for ${employee}`);
  }
  return verifier;
}

describe("sync:verifiers", () => {
  test("leaves out other stores' users", async () => {
    const connection = await tablet.connect();

    const verifiers = await verifiersOf(connection, ["E1", "E5", "E6"]);

    expect(verifiers.map((verifier) => verifier.userId).sort()).toEqual(
      [userId("E1"), userId("E6")].sort(),
    );
  });

  test("returns argon2id PHC strings", async () => {
    const connection = await tablet.connect();

    const verifiers = await verifiersOf(connection, ["E1", "E2", "E3"]);

    for (const { verifier } of verifiers) {
      expect(verifier).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    }
  });

  test("differs from the hub's hash", async () => {
    const connection = await tablet.connect();
    const credential = await hub.context.storage.credentials.getPin(
      userId("E1"),
    );

    const { verifier } = await verifierOf(connection, "E1");

    expect(credential?.hash).toMatch(/^\$argon2id\$/);
    expect(verifier).not.toBe(credential?.hash);
  });

  test("verifies the user's PIN", async () => {
    const connection = await tablet.connect();
    const { pin } = fixtureUser(hub.fixture, "E1");

    const { verifier } = await verifierOf(connection, "E1");

    expect(await argon2.verify(verifier, pin)).toBe(true);
    expect(await argon2.verify(verifier, "130508")).toBe(false);
  });

  test("matches the user list's credentialVersion", async () => {
    const connection = await tablet.connect();
    const snapshot = await connection.pullSnapshot();

    const verifiers = await verifiersOf(connection, ["E1", "E2", "E3", "E4"]);
    const listed = new Map(
      snapshot.users.map((user) => [user.id, user.credentialVersion]),
    );

    for (const verifier of verifiers) {
      expect(verifier.credentialVersion).toBe(listed.get(verifier.userId));
    }
  });

  test("newer after a reset", async () => {
    const connection = await tablet.connect();
    const before = await verifierOf(connection, "E2");
    const manager = fixtureUser(hub.fixture, "E4");
    const session = await openSession(
      hub,
      tablet.storeId,
      manager.id,
      manager.pin,
    );

    const reset = await resetPinOnline(
      hub,
      session.token,
      userId("E2"),
      manager.pin,
      "604918",
    );
    const after = await verifierOf(connection, "E2");

    expect(reset.statusCode, reset.body).toBe(200);
    expect(after.credentialVersion).toBeGreaterThan(before.credentialVersion);
    expect(await argon2.verify(after.verifier, "604918")).toBe(true);
  });

  test("leaves out a deactivated user", async () => {
    const connection = await tablet.connect();

    await deactivateUser(hub, userId("E7"));
    const verifiers = await verifiersOf(connection, ["E3", "E7"]);

    expect(verifiers.map((verifier) => verifier.userId)).toEqual([
      userId("E3"),
    ]);
  });

  test("in step with the user list after a stolen report", async () => {
    const stolen = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));
    const connection = await tablet.connect();

    await revokeTablet(hub.context, stolen.tabletId, {
      stolen: true,
      actorId: null,
      via: "test",
    });
    const snapshot = await connection.pullSnapshot();
    const listed = snapshot.users.find((user) => user.id === userId("E1"));
    const verifier = await verifierOf(connection, "E1");

    expect(listed?.pinTemporary).toBe(true);
    expect(verifier.credentialVersion).toBe(listed?.credentialVersion);
  });

  test.each([
    { name: "no ids", userIds: [], field: "event.userIds" },
    {
      name: "201 ids",
      userIds: Array.from({ length: 201 }, (_, index) => `user-${index}`),
      field: "event.userIds",
    },
    { name: "upper-case id", userIds: ["USER"], field: "event.userIds.0" },
  ])("rejects $name", async ({ userIds, field }) => {
    const connection = await tablet.connect();

    const ack = await connection.socket.emitWithAck("sync:verifiers", {
      userIds,
    });

    expect(ack.ok).toBe(false);
    expect(ack.ok ? null : ack.error.code).toBe("INVALID_INPUT");
    expect(ack.ok ? [] : ack.error.fields?.map((f) => f.path)).toContain(field);
  });
});
