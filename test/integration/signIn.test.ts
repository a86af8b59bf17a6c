import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionView } from "../../protocol";
import { hashSessionToken } from "../../hub/security/sessionToken";
import {
  auditEntriesAfter,
  errorOf,
  fieldPathsOf,
  latestSeq,
  pinOf,
  postJson,
  postSignIn,
  rosterUser,
  signInSession,
  storeIdOf,
  tabletHeader,
  tabletIdOf,
  userIdOf,
} from "../support/kioskClient";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

let hub: TestHub;
beforeEach(async () => {
  hub = await startFreshHub();
});
afterEach(async () => {
  await hub.stop();
});

describe("sign-in success", () => {
  test("by employee number", async () => {
    const response = await postSignIn(hub, "E1");

    expect(response.statusCode).toBe(200);
    const session = SessionView.parse(response.json());
    expect(session.user.id).toBe(userIdOf(hub, "E1"));
    expect(session.user.role.id).toBe("employee");
    expect(session.mustChangePin).toBe(false);
  });

  test("employee number ignores case", async () => {
    const response = await postJson(hub, "/api/kiosk/sign-in", {
      identity: { employeeNumber: "e4" },
      pin: pinOf(hub, "E4"),
    });

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).user.id).toBe(
      userIdOf(hub, "E4"),
    );
  });

  test("by user id", async () => {
    const response = await postJson(hub, "/api/kiosk/sign-in", {
      identity: { userId: userIdOf(hub, "E3") },
      pin: pinOf(hub, "E3"),
    });

    expect(response.statusCode).toBe(200);
    const session = SessionView.parse(response.json());
    expect(session.user.employeeNumber).toBe("E3");
    expect(session.user.role.permissions).toEqual(["pin.reset", "user.unlock"]);
  });

  test("user of both stores at B", async () => {
    const response = await postSignIn(hub, "E6", { store: "B" });

    expect(response.statusCode).toBe(200);
  });

  test("second sign-in, new token", async () => {
    const first = await signInSession(hub, "E1");
    const second = await signInSession(hub, "E1");

    expect(second.token).not.toBe(first.token);
  });

  test("audited as success", async () => {
    const before = await latestSeq(hub);

    await signInSession(hub, "E1", { tablet: "tablet-a7" });

    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "sign-in",
      outcome: "success",
      actorId: userIdOf(hub, "E1"),
      targetId: userIdOf(hub, "E1"),
      tabletId: await tabletIdOf(hub, { tablet: "tablet-a7" }),
      storeIds: [storeIdOf(hub, "A")],
    });
  });
});

describe("sign-in rejected", () => {
  test("wrong PIN counts down", async () => {
    const first = await postSignIn(hub, "E1", { pin: "730615" });
    const second = await postSignIn(hub, "E1", { pin: "730615" });

    expect(first.statusCode).toBe(401);
    expect(errorOf(first).code).toBe("PIN_INCORRECT");
    expect(errorOf(first).details?.attemptsBeforeLock).toBe(4);
    expect(errorOf(second).details?.attemptsBeforeLock).toBe(3);
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(2);
  });

  test("wrong PIN audited", async () => {
    const before = await latestSeq(hub);

    await postSignIn(hub, "E1", { pin: "730615" });

    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "sign-in",
      outcome: "failure",
      reason: "PIN_INCORRECT",
      targetId: userIdOf(hub, "E1"),
    });
  });

  test("user of another store", async () => {
    const before = await latestSeq(hub);

    const response = await postSignIn(hub, "E5", { store: "A" });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "sign-in",
      outcome: "failure",
      reason: "USER_NOT_FOUND",
    });
  });

  test("another store's user, wrong PIN", async () => {
    // The answer must not tell a wrong PIN from a user of another store.
    const response = await postSignIn(hub, "E5", {
      store: "A",
      pin: "730615",
    });

    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
    expect((await rosterUser(hub, "B", "E5"))?.failedAttempts).toBe(0);
  });

  test("unknown employee number", async () => {
    const response = await postSignIn(hub, "E404", { pin: "730615" });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("unknown user id", async () => {
    const response = await postJson(hub, "/api/kiosk/sign-in", {
      identity: { userId: UNKNOWN_ID },
      pin: "730615",
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("without tablet token", async () => {
    const before = await latestSeq(hub);

    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/sign-in",
      payload: validBody(hub),
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
    expect(await latestSeq(hub)).toBe(before);
  });

  test("old body without tablet token", async () => {
    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/sign-in",
      payload: {
        ...validBody(hub),
        storeId: storeIdOf(hub, "A"),
        tabletId: "tablet-a1",
      },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
  });

  test("store named in body ignored", async () => {
    // The store comes from the tablet token: a store-A tablet cannot sign
    // in store B's own user by naming store B.
    const response = await postJson(hub, "/api/kiosk/sign-in", {
      storeId: storeIdOf(hub, "B"),
      tabletId: await tabletIdOf(hub, { store: "B" }),
      identity: { employeeNumber: "E5" },
      pin: pinOf(hub, "E5"),
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("session bound to the tablet", async () => {
    const session = await signInSession(hub, "E6", { store: "B" });

    const stored = await hub.context.storage.sessions.get(
      hashSessionToken(session.token),
    );

    expect(stored?.tabletId).toBe(await tabletIdOf(hub, { store: "B" }));
    expect(stored?.storeId).toBe(storeIdOf(hub, "B"));
  });

  test("deactivated user", async () => {
    const userId = userIdOf(hub, "E1");
    await hub.context.storage.users.update(
      userId,
      { status: "deactivated" },
      hub.context.now(),
    );
    const before = await latestSeq(hub);

    const response = await postSignIn(hub, "E1");

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("USER_INACTIVE");
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "sign-in",
      outcome: "failure",
      reason: "USER_INACTIVE",
      targetId: userId,
    });
  });
});

/** Sign-in bodies that the protocol's schema rejects, with the paths named. */
const INVALID_BODIES: {
  name: string;
  body: (hub: TestHub) => unknown;
  paths: string[];
}[] = [
  {
    name: "missing identity",
    body: (hub) => ({ ...validBody(hub), identity: undefined }),
    paths: ["body.identity"],
  },
  {
    name: "identity with both keys",
    body: (hub) => ({
      ...validBody(hub),
      identity: { employeeNumber: "E1", userId: userIdOf(hub, "E1") },
    }),
    paths: ["body.identity"],
  },
  {
    name: "missing PIN",
    body: (hub) => ({ ...validBody(hub), pin: undefined }),
    paths: ["body.pin"],
  },
  {
    name: "PIN a number",
    body: (hub) => ({ ...validBody(hub), pin: Number(pinOf(hub, "E1")) }),
    paths: ["body.pin"],
  },
  {
    name: "PIN with letters",
    body: (hub) => ({ ...validBody(hub), pin: "48261a" }),
    paths: ["body.pin"],
  },
  {
    name: "PIN of nine digits",
    body: (hub) => ({ ...validBody(hub), pin: "482619000" }),
    paths: ["body.pin"],
  },
  {
    name: "body an array",
    body: () => [],
    paths: ["body"],
  },
];

describe("sign-in bad input", () => {
  test.each(INVALID_BODIES)("$name", async ({ body, paths }) => {
    const before = await latestSeq(hub);

    const response = await postJson(hub, "/api/kiosk/sign-in", body(hub));

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(paths);
    expect(await latestSeq(hub)).toBe(before);
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(0);
  });

  test("malformed JSON", async () => {
    const before = await latestSeq(hub);

    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/sign-in",
      headers: {
        "content-type": "application/json",
        ...(await tabletHeader(hub)),
      },
      payload: '{"identity": {}, "pin": ',
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body"]);
    expect(await latestSeq(hub)).toBe(before);
  });

  test("PIN still works after", async () => {
    for (const { body } of INVALID_BODIES) {
      await postJson(hub, "/api/kiosk/sign-in", body(hub));
    }

    const response = await postSignIn(hub, "E1");

    expect(response.statusCode).toBe(200);
  });
});

function validBody(hub: TestHub): Record<string, unknown> {
  return {
    identity: { employeeNumber: "E1" },
    pin: pinOf(hub, "E1"),
  };
}
