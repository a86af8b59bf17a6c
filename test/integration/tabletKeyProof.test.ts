import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { TABLET_TOKEN_TTL_MS } from "../../hub/tablets/tabletAuth";
import { PROTOCOL_VERSION, TABLET_TOKEN_HEADER } from "../../protocol";
import { errorOf } from "../support/kioskRequests";
import { startTestHub, type TestHub } from "../support/startTestHub";
import {
  disconnectTablets,
  enrollTablet,
  generateTabletKey,
  rejectedHandshake,
  signChallenge,
  type TestTablet,
} from "../support/testTablet";

/** How long a challenge waits for its signature, as the hub sets it. */
const CHALLENGE_TTL_MS = 60_000;

let hub: TestHub;
let clock = Date.now();
let tablet: TestTablet;

beforeAll(async () => {
  hub = await startTestHub({ now: () => clock });
  tablet = await enrollTablet(hub, storeA());
});
afterEach(disconnectTablets);
afterAll(async () => {
  await hub.stop();
});

function storeA(): NonNullable<TestHub["fixture"]["stores"]["A"]> {
  const storeId = hub.fixture.stores.A;
  if (!storeId) {
    throw new Error("no store A in the fixture");
  }
  return storeId;
}

/** Changes the first character of a token's MAC, keeping its id and expiry. */
function alterMac(token: string): string {
  const macStart = token.lastIndexOf(".") + 1;
  const replacement = token[macStart] === "A" ? "B" : "A";
  return token.slice(0, macStart) + replacement + token.slice(macStart + 1);
}

describe("challenge", () => {
  test("works once", async () => {
    const challenge = await tablet.challenge();
    const signature = signChallenge(tablet.privateKey, challenge);

    const first = await tablet.openSession(challenge, signature);
    const second = await tablet.openSession(challenge, signature);

    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode).toBe(401);
    expect(errorOf(second).code).toBe("TABLET_CHALLENGE_INVALID");
  });

  test("other key's signature rejected", async () => {
    const challenge = await tablet.challenge();
    const stranger = generateTabletKey();

    const response = await tablet.openSession(
      challenge,
      signChallenge(stranger.privateKey, challenge),
    );

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_CHALLENGE_INVALID");
  });

  test("failed signature uses it up", async () => {
    const challenge = await tablet.challenge();
    const stranger = generateTabletKey();
    await tablet.openSession(
      challenge,
      signChallenge(stranger.privateKey, challenge),
    );

    const retry = await tablet.openSession(
      challenge,
      signChallenge(tablet.privateKey, challenge),
    );

    expect(errorOf(retry).code).toBe("TABLET_CHALLENGE_INVALID");
  });

  test("another tablet's challenge rejected", async () => {
    const other = await enrollTablet(hub, storeA());
    const challenge = await other.challenge();

    const response = await tablet.openSession(
      challenge,
      signChallenge(tablet.privateKey, challenge),
    );

    expect(errorOf(response).code).toBe("TABLET_CHALLENGE_INVALID");
  });

  test("expires after a minute", async () => {
    const early = await tablet.challenge();
    const late = await tablet.challenge();

    clock += CHALLENGE_TTL_MS - 1;
    const beforeExpiry = await tablet.openSession(
      early,
      signChallenge(tablet.privateKey, early),
    );
    clock += 1;
    const atExpiry = await tablet.openSession(
      late,
      signChallenge(tablet.privateKey, late),
    );

    expect(beforeExpiry.statusCode, beforeExpiry.body).toBe(200);
    expect(errorOf(atExpiry).code).toBe("TABLET_CHALLENGE_INVALID");
  });

  test("unknown tablet rejected", async () => {
    const response = await hub.app.inject({
      method: "POST",
      url: "/api/tablets/challenge",
      payload: { tabletId: "0b5f6c1e-0000-4000-8000-000000000000" },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_UNKNOWN");
  });

  test("malformed signature invalid", async () => {
    const challenge = await tablet.challenge();

    const response = await tablet.openSession(challenge, "MEUCIQ");
    const error = errorOf(response);

    expect(response.statusCode).toBe(400);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fields?.map((field) => field.path)).toContain(
      "body.signature",
    );
  });
});

describe("handshake", () => {
  test("valid token greeted", async () => {
    const connection = await tablet.connect();

    expect(connection.hello.protocolVersion).toBe(PROTOCOL_VERSION);
    expect(connection.hello.seq).toBe(
      await hub.context.storage.log.latestSeq(),
    );
  });

  test("token works until its expiry", async () => {
    const token = await tablet.token();

    clock += TABLET_TOKEN_TTL_MS - 1;
    const connection = await tablet.connect(token);

    expect(connection.hello.protocolVersion).toBe(PROTOCOL_VERSION);
  });

  test("expired token rejected", async () => {
    const token = await tablet.token();

    clock += TABLET_TOKEN_TTL_MS;
    const rejection = await rejectedHandshake(hub.url, {
      protocolVersion: PROTOCOL_VERSION,
      tabletToken: token,
    });

    expect(rejection?.code).toBe("TABLET_NOT_ENROLLED");
  });

  test.each([
    { name: "altered MAC", forge: alterMac },
    {
      name: "extended expiry",
      forge: (token: string) => {
        const [id, expiresAt, mac] = token.split(".");
        return `${id}.${Number(expiresAt) + TABLET_TOKEN_TTL_MS}.${mac}`;
      },
    },
    {
      name: "another tablet's id",
      forge: (token: string) =>
        token.replace(/^[^.]+/, "0b5f6c1e-0000-4000-8000-000000000000"),
    },
    { name: "garbage", forge: () => "not-a-token" },
  ])("forged token rejected: $name", async ({ forge }) => {
    const token = forge(await tablet.token());

    const rejection = await rejectedHandshake(hub.url, {
      protocolVersion: PROTOCOL_VERSION,
      tabletToken: token,
    });

    expect(rejection?.code).toBe("TABLET_NOT_ENROLLED");
  });

  test("forged token rejected over REST", async () => {
    const token = alterMac(await tablet.token());

    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/sign-in",
      headers: { [TABLET_TOKEN_HEADER]: token },
      payload: {
        identity: { userId: hub.fixture.users.E1 },
        pin: hub.fixture.pins.E1,
      },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
  });

  test("protocol mismatch rejected", async () => {
    const rejection = await rejectedHandshake(hub.url, {
      protocolVersion: PROTOCOL_VERSION + 1,
      tabletToken: await tablet.token(),
    });

    expect(rejection?.code).toBe("PROTOCOL_MISMATCH");
  });

  test("missing auth rejected", async () => {
    const rejection = await rejectedHandshake(hub.url, {});

    expect(rejection?.code).toBe("INVALID_INPUT");
  });
});
