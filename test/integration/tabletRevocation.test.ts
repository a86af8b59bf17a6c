import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { revokeTablet } from "../../hub/tablets/revokeTablet";
import { PROTOCOL_VERSION, SessionView } from "../../protocol";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import {
  errorOf,
  openSession,
  sessionHeaders,
  signInOnline,
} from "../support/kioskRequests";
import { startCachedKeyHub } from "../support/cachedKeyHub";
import type { TestHub } from "../support/startTestHub";
import {
  disconnectTablets,
  enrollTablet,
  rejectedHandshake,
  signChallenge,
  type TestTablet,
} from "../support/testTablet";

const STORE_A_USERS = ["E1", "E2", "E3", "E4", "E6", "E7", "E9"];

let hub: TestHub;
let tablet: TestTablet;

beforeEach(async () => {
  hub = await startCachedKeyHub();
  tablet = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));
});
afterEach(async () => {
  disconnectTablets();
  await hub.stop();
});

/** Sends the kiosk's revoke request as `employee`, signed in at `store`. */
async function revokeAs(
  employee: string,
  options: { store?: string; proofPin?: string; stolen?: boolean } = {},
) {
  const user = fixtureUser(hub.fixture, employee);
  const session = await openSession(
    hub,
    fixtureStore(hub.fixture, options.store ?? "A"),
    user.id,
    user.pin,
  );
  return hub.app.inject({
    method: "POST",
    url: `/api/kiosk/tablets/${tablet.tabletId}/revoke`,
    headers: sessionHeaders(session.token),
    payload: {
      proof: { pin: options.proofPin ?? user.pin },
      ...(options.stolen !== undefined && { stolen: options.stolen }),
    },
  });
}

async function revoke(stolen: boolean): Promise<void> {
  await revokeTablet(hub.context, tablet.tabletId, {
    stolen,
    actorId: null,
    via: "test",
  });
}

describe("revoke route", () => {
  test("disconnects the tablet", async () => {
    const connection = await tablet.connect();

    const response = await revokeAs("E4");
    const revoked = await connection.revoked;
    const reason = await connection.disconnected;

    expect(response.statusCode, response.body).toBe(204);
    expect(revoked.code).toBe("TABLET_REVOKED");
    expect(reason).toBe("io server disconnect");
  });

  test("needs kiosk.enroll", async () => {
    const response = await revokeAs("E3");

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });

  test("needs the right proof", async () => {
    const response = await revokeAs("E4", { proofPin: "130508" });
    const stillWorks = await tablet.requestChallenge();

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("PROOF_FAILED");
    expect(stillWorks.statusCode).toBe(200);
  });

  test("hides another store's tablet", async () => {
    const response = await revokeAs("E5", { store: "B" });
    const stillWorks = await tablet.requestChallenge();

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_UNKNOWN");
    expect(stillWorks.statusCode).toBe(200);
  });
});

describe("revoked tablet", () => {
  test("gets no challenge", async () => {
    await revoke(false);

    const response = await tablet.requestChallenge();

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_REVOKED");
  });

  test("gets no token for an earlier challenge", async () => {
    const challenge = await tablet.challenge();
    await revoke(false);

    const response = await tablet.openSession(
      challenge,
      signChallenge(tablet.privateKey, challenge),
    );

    expect(errorOf(response).code).toBe("TABLET_REVOKED");
  });

  test("cannot connect with an earlier token", async () => {
    const token = await tablet.token();
    await revoke(false);

    const rejection = await rejectedHandshake(hub.url, {
      protocolVersion: PROTOCOL_VERSION,
      tabletToken: token,
    });

    expect(rejection?.code).toBe("TABLET_REVOKED");
  });

  // Another process on the same database, such as `storefloor tablet
  // revoke`, cannot disconnect this hub's sockets: each event checks again.
  test("sync event on an open socket rejected", async () => {
    const connection = await tablet.connect();
    await hub.context.storage.tablets.setStatus(
      tablet.tabletId,
      "revoked",
      hub.context.now(),
    );

    const ack = await connection.pull({ afterSeq: 0 });
    const reason = await connection.disconnected;

    expect(ack.ok ? null : ack.error.code).toBe("TABLET_REVOKED");
    expect(reason).toBe("io server disconnect");
  });

  test("leaves other tablets of the store", async () => {
    const other = await enrollTablet(hub, tablet.storeId);
    await revoke(false);

    const connection = await other.connect();
    const ack = await connection.pull({ afterSeq: 0 });

    expect(ack.ok).toBe(true);
  });
});

describe("stolen tablet", () => {
  test("store's users must change PIN", async () => {
    await revoke(true);

    for (const employee of STORE_A_USERS) {
      const user = fixtureUser(hub.fixture, employee);
      const session = await openSession(hub, tablet.storeId, user.id, user.pin);

      expect(session.mustChangePin, employee).toBe(true);
    }
  });

  test("spares store B's own users", async () => {
    await revoke(true);
    const user = fixtureUser(hub.fixture, "E5");

    const response = await signInOnline(
      hub,
      fixtureStore(hub.fixture, "B"),
      user.id,
      user.pin,
    );

    expect(SessionView.parse(response.json()).mustChangePin).toBe(false);
  });

  test("reported via route", async () => {
    const response = await revokeAs("E4", { stolen: true });
    const user = fixtureUser(hub.fixture, "E1");

    const session = await openSession(hub, tablet.storeId, user.id, user.pin);

    expect(response.statusCode, response.body).toBe(204);
    expect(session.mustChangePin).toBe(true);
  });

  test("reaches the store's other tablets", async () => {
    const other = await enrollTablet(hub, tablet.storeId);
    const connection = await other.connect();
    const { id } = fixtureUser(hub.fixture, "E1");

    await revoke(true);
    const change = await connection.waitForChange(
      (message) =>
        message.change.kind === "user.upsert" && message.change.user.id === id,
    );

    expect(change.change).toMatchObject({ user: { pinTemporary: true } });
  });
});
