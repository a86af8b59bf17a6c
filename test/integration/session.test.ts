import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionView } from "../../protocol";
import { hashSessionToken } from "../../hub/security/sessionToken";
import {
  auditEntriesAfter,
  bearer,
  errorOf,
  getJson,
  latestSeq,
  pinOf,
  postJson,
  postPinChange,
  postPinReset,
  postSignIn,
  postUnlock,
  resetToTemporaryPin,
  signInSession,
  signInToken,
  tabletHeader,
  tabletIdOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

/** Idle time of the factory settings plus the hub's grace, in ms. */
const IDLE_SESSION_MS = 60_000 + 30_000;
const DAY_MS = 24 * 3_600_000;

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

describe("GET /api/kiosk/session", () => {
  test("returns the session", async () => {
    const signedIn = await signInSession(hub, "E4");

    const response = await getJson(hub, "/api/kiosk/session", signedIn.token);

    expect(response.statusCode).toBe(200);
    const session = SessionView.parse(response.json());
    expect(session.token).toBe(signedIn.token);
    expect(session.user.id).toBe(userIdOf(hub, "E4"));
    expect(session.mustChangePin).toBe(false);
  });

  test("use slides the expiry", async () => {
    const signedIn = await signInSession(hub, "E4");
    clock.advance(10_000);

    const response = await getJson(hub, "/api/kiosk/session", signedIn.token);

    expect(signedIn.expiresAt).toBe(clock.now() - 10_000 + IDLE_SESSION_MS);
    expect(SessionView.parse(response.json()).expiresAt).toBe(
      clock.now() + IDLE_SESSION_MS,
    );
  });

  test("idle session ends", async () => {
    const token = await signInToken(hub, "E4");
    clock.advance(IDLE_SESSION_MS);

    const response = await getJson(hub, "/api/kiosk/session", token);

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });

  test.each([
    { name: "no header", headers: {} },
    { name: "not a bearer", headers: { authorization: "Basic dXNlcg==" } },
    { name: "token too short", headers: bearer("abc") },
    { name: "unknown token", headers: bearer("A".repeat(43)) },
  ])("rejects $name", async ({ headers }) => {
    const response = await hub.app.inject({
      method: "GET",
      url: "/api/kiosk/session",
      headers: { ...(await tabletHeader(hub)), ...headers },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });

  test("rejects no tablet token", async () => {
    const token = await signInToken(hub, "E4");

    const response = await hub.app.inject({
      method: "GET",
      url: "/api/kiosk/session",
      headers: bearer(token),
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
  });

  test("rejects another tablet", async () => {
    const token = await signInToken(hub, "E4", { tablet: "tablet-a1" });
    const stored = () =>
      hub.context.storage.sessions.get(hashSessionToken(token));
    const before = await stored();
    clock.advance(10_000);

    const sameStore = await getJson(hub, "/api/kiosk/session", token, {
      tablet: "tablet-a2",
    });
    const otherStore = await getJson(hub, "/api/kiosk/session", token, {
      store: "B",
    });
    const afterForeign = await stored();
    const own = await getJson(hub, "/api/kiosk/session", token);

    expect(sameStore.statusCode).toBe(401);
    expect(errorOf(sameStore).code).toBe("UNAUTHENTICATED");
    expect(otherStore.statusCode).toBe(401);
    expect(errorOf(otherStore).code).toBe("UNAUTHENTICATED");
    // A foreign tablet's request does not extend the session either.
    expect(afterForeign?.expiresAt).toBe(before?.expiresAt);
    expect(own.statusCode).toBe(200);
    expect(before?.tabletId).toBe(
      await tabletIdOf(hub, { tablet: "tablet-a1" }),
    );
  });
});

describe("POST /api/kiosk/sign-out", () => {
  test("ends the token", async () => {
    const token = await signInToken(hub, "E1");

    const signOut = await postJson(hub, "/api/kiosk/sign-out", {}, token);
    const after = await getJson(hub, "/api/kiosk/session", token);

    expect(signOut.statusCode).toBe(204);
    expect(after.statusCode).toBe(401);
  });

  test("leaves other sessions", async () => {
    const ended = await signInToken(hub, "E1", { tablet: "tablet-a1" });
    const other = await signInToken(hub, "E1", { tablet: "tablet-a2" });

    await postJson(hub, "/api/kiosk/sign-out", {}, ended);
    const response = await getJson(hub, "/api/kiosk/session", other);

    expect(response.statusCode).toBe(200);
  });

  test("twice rejects", async () => {
    const token = await signInToken(hub, "E1");
    await postJson(hub, "/api/kiosk/sign-out", {}, token);

    const response = await postJson(hub, "/api/kiosk/sign-out", {}, token);

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });

  test("without token", async () => {
    const response = await postJson(hub, "/api/kiosk/sign-out", {});

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });
});

describe("temporary PIN session", () => {
  test("signs in to change", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");

    const response = await postSignIn(hub, "E4", { pin: temporaryPin });

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).mustChangePin).toBe(true);
  });

  test("may read the session", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");
    const token = await signInToken(hub, "E4", { pin: temporaryPin });

    const response = await getJson(hub, "/api/kiosk/session", token);

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).mustChangePin).toBe(true);
  });

  test("may sign out", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");
    const token = await signInToken(hub, "E4", { pin: temporaryPin });

    const response = await postJson(hub, "/api/kiosk/sign-out", {}, token);

    expect(response.statusCode).toBe(204);
  });

  test("reset needs PIN change", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");
    const token = await signInToken(hub, "E4", { pin: temporaryPin });

    const response = await postPinReset(hub, token, userIdOf(hub, "E1"), {
      proof: { pin: temporaryPin },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PIN_CHANGE_REQUIRED");
    expect((await postSignIn(hub, "E1")).statusCode).toBe(200);
  });

  test("unlock needs PIN change", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");
    const token = await signInToken(hub, "E4", { pin: temporaryPin });

    const response = await postUnlock(hub, token, userIdOf(hub, "E1"), {
      proof: { pin: temporaryPin },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PIN_CHANGE_REQUIRED");
  });

  test("change without current PIN", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");
    const token = await signInToken(hub, "E4", { pin: temporaryPin });

    const response = await postPinChange(hub, token, { newPin: "730615" });

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).mustChangePin).toBe(false);
  });

  test("after change, reset works", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");
    const token = await signInToken(hub, "E4", { pin: temporaryPin });
    await postPinChange(hub, token, { newPin: "730615" });

    const response = await postPinReset(hub, token, userIdOf(hub, "E2"), {
      proof: { pin: "730615" },
    });

    expect(response.statusCode).toBe(200);
  });

  test("session does not slide", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E4");
    const token = await signInToken(hub, "E4", { pin: temporaryPin });
    clock.advance(4 * 60_000);
    await getJson(hub, "/api/kiosk/session", token);
    clock.advance(60_000);

    const response = await getJson(hub, "/api/kiosk/session", token);

    expect(response.statusCode).toBe(401);
  });

  test("expired temporary PIN", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E2");
    const expiredAt = clock.now() + DAY_MS;
    clock.advance(DAY_MS);
    const before = await latestSeq(hub);

    const response = await postSignIn(hub, "E2", { pin: temporaryPin });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TEMPORARY_PIN_EXPIRED");
    expect(errorOf(response).details?.expiredAt).toBe(expiredAt);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "sign-in",
      outcome: "failure",
      reason: "TEMPORARY_PIN_EXPIRED",
    });
  });

  test("not yet expired", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E9", "E2");
    clock.advance(DAY_MS - 1);

    const response = await postSignIn(hub, "E2", { pin: temporaryPin });

    expect(response.statusCode).toBe(200);
  });

  test("expired, wrong PIN", async () => {
    // A guess at an expired temporary PIN learns only that it is wrong.
    await resetToTemporaryPin(hub, "E9", "E2");
    clock.advance(DAY_MS);

    const response = await postSignIn(hub, "E2", { pin: pinOf(hub, "E2") });

    expect(errorOf(response).code).toBe("PIN_INCORRECT");
  });
});
