import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  KioskUser,
  PinChoiceResponse,
  SessionView,
  type ChangeMessage,
} from "../../protocol";
import { hashPinChoiceGrant } from "../../hub/services/approvePinChoice";
import {
  auditEntriesAfter,
  errorOf,
  fieldPathsOf,
  getJson,
  latestSeq,
  logEntries,
  pinOf,
  postJson,
  postPinReset,
  postSignIn,
  rosterUser,
  signInToken,
  storedPinIs,
  tabletIdOf,
  tabletTokenOf,
  userIdOf,
  type TabletChoice,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool } from "../support/tabletSocket";

const WRONG_PIN = "730615";
const CHOSEN_PIN = "582946";
const OTHER_CHOSEN_PIN = "604713";
const GRANT_TTL_MS = 5 * 60_000;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
/** A well-formed grant that the hub never issued. */
const UNKNOWN_GRANT = "A".repeat(43);

/** The tablet the manager approves on and hands over. */
const COUNTER: TabletChoice = { tablet: "tablet-counter" };

let clock: ManualClock;
let hub: TestHub;
const sockets = new TabletPool();
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  sockets.closeAll();
  await hub.stop();
});

function approveUrl(userId: string): string {
  return `/api/kiosk/users/${userId}/pin-choice`;
}

function completeUrl(userId: string): string {
  return `/api/kiosk/users/${userId}/pin-choice/complete`;
}

/** Signs in `actor` on the counter tablet and posts an approval for `target`. */
async function postApproval(
  target: string,
  options: { actor?: string; proofPin?: string } = {},
) {
  const actor = options.actor ?? "E4";
  const token = await signInToken(hub, actor, COUNTER);
  const response = await postJson(
    hub,
    approveUrl(userIdOf(hub, target)),
    { proof: { pin: options.proofPin ?? pinOf(hub, actor) } },
    token,
  );
  return { token, response };
}

/** Approves a PIN choice for `target` by manager E4; returns the grant. */
async function approve(target: string): Promise<PinChoiceResponse> {
  const { response } = await postApproval(target);
  if (response.statusCode !== 200) {
    throw new Error(
      `approval failed with ${response.statusCode}: ${response.body}`,
    );
  }
  return PinChoiceResponse.parse(response.json());
}

/** Posts the chosen PIN for `target` from `tablet`, the counter by default. */
function complete(
  target: string,
  body: unknown,
  tablet: TabletChoice = COUNTER,
) {
  return postJson(
    hub,
    completeUrl(userIdOf(hub, target)),
    body,
    undefined,
    tablet,
  );
}

describe("approve and complete", () => {
  test("approval returns a grant", async () => {
    const { response } = await postApproval("E2");

    expect(response.statusCode).toBe(200);
    const approval = PinChoiceResponse.parse(response.json());
    expect(approval.grant).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(approval.expiresAt).toBe(clock.now() + GRANT_TTL_MS);
  });

  test("grant stored only as hash", async () => {
    const { grant } = await approve("E2");

    const storage = hub.context.storage.pinChoiceGrants;
    expect(await storage.get(grant)).toBeNull();
    const stored = await storage.get(hashPinChoiceGrant(grant));
    expect(stored).toMatchObject({
      userId: userIdOf(hub, "E2"),
      approverId: userIdOf(hub, "E4"),
      tabletId: await tabletIdOf(hub, COUNTER),
      usedAt: null,
    });
  });

  test("approval ends manager's session", async () => {
    const { token } = await postApproval("E2");

    const response = await getJson(hub, "/api/kiosk/session", token);

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });

  test("approval keeps the old PIN", async () => {
    await approve("E2");

    expect((await postSignIn(hub, "E2")).statusCode).toBe(200);
    expect((await rosterUser(hub, "A", "E2"))?.pinTemporary).toBe(false);
  });

  test("chosen PIN is the user's own", async () => {
    const { grant } = await approve("E2");

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(response.statusCode).toBe(200);
    const user = KioskUser.parse(response.json());
    expect(user.id).toBe(userIdOf(hub, "E2"));
    expect(user.pinTemporary).toBe(false);
    expect(user.pinExpiresAt).toBeNull();
    const signIn = await postSignIn(hub, "E2", { pin: CHOSEN_PIN });
    expect(signIn.statusCode).toBe(200);
    expect(SessionView.parse(signIn.json()).mustChangePin).toBe(false);
  });

  test("old PIN stops working", async () => {
    const { grant } = await approve("E2");

    await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(errorOf(await postSignIn(hub, "E2")).code).toBe("PIN_INCORRECT");
  });

  test("clears the lock", async () => {
    for (let i = 0; i < 5; i++) {
      await postSignIn(hub, "E2", { pin: WRONG_PIN });
    }
    expect((await rosterUser(hub, "A", "E2"))?.lock.kind).toBe("timed");
    const { grant } = await approve("E2");

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    const user = KioskUser.parse(response.json());
    expect(user.lock).toEqual({ kind: "none" });
    expect(user.failedAttempts).toBe(0);
    expect((await postSignIn(hub, "E2", { pin: CHOSEN_PIN })).statusCode).toBe(
      200,
    );
  });

  test("ends the user's sessions", async () => {
    const targetToken = await signInToken(hub, "E2", { tablet: "tablet-a2" });
    const { grant } = await approve("E2");

    await complete("E2", { grant, pin: CHOSEN_PIN });

    const session = await getJson(hub, "/api/kiosk/session", targetToken);
    expect(session.statusCode).toBe(401);
  });

  test("store's other tablet receives it", async () => {
    const before = await rosterUser(hub, "A", "E2");
    const socket = await sockets.connect(hub.url, {
      tabletToken: await tabletTokenOf(hub, { tablet: "tablet-a-live" }),
    });
    const { grant } = await approve("E2");

    await complete("E2", { grant, pin: CHOSEN_PIN });

    const userId = userIdOf(hub, "E2");
    const message = await socket.waitForChange(
      "an upsert of E2 with a new credential",
      ({ change }: ChangeMessage) =>
        change.kind === "user.upsert" &&
        change.user.id === userId &&
        change.user.credentialVersion > (before?.credentialVersion ?? 0),
    );
    expect(message.change).toMatchObject({
      kind: "user.upsert",
      user: { pinTemporary: false, lock: { kind: "none" } },
    });
  });

  test("audited as employee-chose", async () => {
    const before = await latestSeq(hub);
    const { grant } = await approve("E2");

    await complete("E2", { grant, pin: CHOSEN_PIN });

    const entries = await auditEntriesAfter(hub, before);
    const approval = entries.find(({ kind }) => kind === "pin.choice.approve");
    expect(approval).toMatchObject({
      outcome: "success",
      actorId: userIdOf(hub, "E4"),
      targetId: userIdOf(hub, "E2"),
    });
    const reset = entries.find(({ kind }) => kind === "pin.reset");
    expect(reset).toMatchObject({
      outcome: "success",
      actorId: userIdOf(hub, "E4"),
      targetId: userIdOf(hub, "E2"),
      tabletId: await tabletIdOf(hub, COUNTER),
      payload: { mode: "employee-chose" },
    });
  });

  test("log holds no PIN or grant", async () => {
    const before = await latestSeq(hub);
    const { grant } = await approve("E2");
    await complete("E2", { grant, pin: "123456" });

    await complete("E2", { grant, pin: CHOSEN_PIN });

    const entries = (await logEntries(hub)).filter(({ seq }) => seq > before);
    expect(entries.length).toBeGreaterThan(0);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(CHOSEN_PIN);
    expect(text).not.toContain("123456");
    expect(text).not.toContain(grant);
    expect(text).not.toContain(hashPinChoiceGrant(grant));
    expect(text).not.toContain(pinOf(hub, "E4"));
  });
});

describe("approval refused", () => {
  test("wrong proof", async () => {
    const before = await latestSeq(hub);

    const { token, response } = await postApproval("E2", {
      proofPin: WRONG_PIN,
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("PROOF_FAILED");
    expect((await rosterUser(hub, "A", "E4"))?.failedAttempts).toBe(1);
    // Nothing was approved, so the manager stays signed in.
    const session = await getJson(hub, "/api/kiosk/session", token);
    expect(session.statusCode).toBe(200);
    const entries = await auditEntriesAfter(hub, before);
    expect(entries.map(({ kind }) => kind)).toContain(
      "pin.choice.approve.proof",
    );
    expect(entries.map(({ kind }) => kind)).not.toContain("pin.choice.approve");
  });

  test("out-of-scope target", async () => {
    const { response } = await postApproval("E6");

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("OUT_OF_SCOPE");
  });

  test("actor without the permission", async () => {
    const { response } = await postApproval("E2", { actor: "E1" });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });

  test("own account", async () => {
    const { response } = await postApproval("E4");

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("SELF_ACTION");
  });

  test("user of another store", async () => {
    const { response } = await postApproval("E5");

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("refusal audited", async () => {
    const before = await latestSeq(hub);

    await postApproval("E6");

    const entries = await auditEntriesAfter(hub, before);
    expect(
      entries.find(({ kind }) => kind === "pin.choice.approve"),
    ).toMatchObject({ outcome: "failure", reason: "OUT_OF_SCOPE" });
  });
});

describe("grant rejected", () => {
  test("used twice", async () => {
    const { grant } = await approve("E2");
    await complete("E2", { grant, pin: CHOSEN_PIN });

    const response = await complete("E2", { grant, pin: OTHER_CHOSEN_PIN });

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_USED");
    expect(await storedPinIs(hub, "E2", CHOSEN_PIN)).toBe(true);
  });

  test("two completions at once", async () => {
    const { grant } = await approve("E2");

    const responses = await Promise.all([
      complete("E2", { grant, pin: CHOSEN_PIN }),
      complete("E2", { grant, pin: OTHER_CHOSEN_PIN }),
    ]);

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const rejected = responses.find((response) => response.statusCode === 409);
    expect(rejected && errorOf(rejected).code).toBe("PIN_CHOICE_GRANT_USED");
  });

  test("expired", async () => {
    const { grant } = await approve("E2");
    clock.advance(GRANT_TTL_MS);

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(response.statusCode).toBe(410);
    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_EXPIRED");
    expect(await storedPinIs(hub, "E2", pinOf(hub, "E2"))).toBe(true);
  });

  test("works until expiry", async () => {
    const { grant } = await approve("E2");
    clock.advance(GRANT_TTL_MS - 1);

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(response.statusCode).toBe(200);
  });

  test("from another tablet of the store", async () => {
    const { grant } = await approve("E2");

    const response = await complete(
      "E2",
      { grant, pin: CHOSEN_PIN },
      { tablet: "tablet-a1" },
    );

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_OTHER_TABLET");
    expect(await storedPinIs(hub, "E2", pinOf(hub, "E2"))).toBe(true);
    // The approving tablet can still use it.
    expect((await complete("E2", { grant, pin: CHOSEN_PIN })).statusCode).toBe(
      200,
    );
  });

  test("from a tablet of another store", async () => {
    const { grant } = await approve("E2");

    const response = await complete(
      "E2",
      { grant, pin: CHOSEN_PIN },
      { store: "B" },
    );

    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_OTHER_TABLET");
  });

  test("for another user", async () => {
    const { grant } = await approve("E2");

    const response = await complete("E1", { grant, pin: CHOSEN_PIN });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_INVALID");
    expect(await storedPinIs(hub, "E1", pinOf(hub, "E1"))).toBe(true);
  });

  test("unknown grant", async () => {
    const response = await complete("E2", {
      grant: UNKNOWN_GRANT,
      pin: CHOSEN_PIN,
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_INVALID");
  });

  test("newer approval voids older", async () => {
    const first = await approve("E2");
    await approve("E2");

    const response = await complete("E2", {
      grant: first.grant,
      pin: CHOSEN_PIN,
    });

    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_USED");
  });

  test("reset meanwhile wins", async () => {
    const { grant } = await approve("E2");
    const token = await signInToken(hub, "E4", { tablet: "tablet-a3" });
    await postPinReset(hub, token, userIdOf(hub, "E2"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe("CONFLICT_SUPERSEDED");
    expect((await rosterUser(hub, "A", "E2"))?.pinTemporary).toBe(true);
  });

  test("approver deactivated meanwhile", async () => {
    const { grant } = await approve("E2");
    await hub.context.storage.users.update(
      userIdOf(hub, "E4"),
      { status: "deactivated" },
      clock.now(),
    );

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(errorOf(response).code).toBe("CONFLICT_SUPERSEDED");
    expect(await storedPinIs(hub, "E2", pinOf(hub, "E2"))).toBe(true);
  });

  test("without tablet token", async () => {
    const { grant } = await approve("E2");

    const response = await hub.app.inject({
      method: "POST",
      url: completeUrl(userIdOf(hub, "E2")),
      payload: { grant, pin: CHOSEN_PIN },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
  });

  test("rejection audited", async () => {
    const { grant } = await approve("E2");
    const before = await latestSeq(hub);

    await complete("E2", { grant, pin: CHOSEN_PIN }, { tablet: "tablet-a1" });

    const entries = await auditEntriesAfter(hub, before);
    expect(entries.find(({ kind }) => kind === "pin.reset")).toMatchObject({
      outcome: "failure",
      reason: "PIN_CHOICE_GRANT_OTHER_TABLET",
      actorId: userIdOf(hub, "E4"),
      targetId: userIdOf(hub, "E2"),
      payload: { mode: "employee-chose" },
    });
  });
});

describe("PIN rules", () => {
  test("policy violation", async () => {
    const { grant } = await approve("E2");

    const response = await complete("E2", { grant, pin: "123456" });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("PIN_POLICY_VIOLATION");
    expect(errorOf(response).details?.violations).toEqual(["sequence"]);
    expect(await storedPinIs(hub, "E2", pinOf(hub, "E2"))).toBe(true);
  });

  test("grant survives a rejected PIN", async () => {
    const { grant } = await approve("E2");
    await complete("E2", { grant, pin: "123456" });

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(response.statusCode).toBe(200);
  });

  test("too short for the organisation", async () => {
    const { grant } = await approve("E2");

    const response = await complete("E2", { grant, pin: "5829" });

    expect(errorOf(response).details?.violations).toContain("too-short");
  });

  test("recently used PIN", async () => {
    const { grant } = await approve("E2");

    const response = await complete("E2", { grant, pin: pinOf(hub, "E2") });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.violations).toEqual(["recently-used"]);
  });

  test("fifth rejected PIN voids grant", async () => {
    const { grant } = await approve("E2");
    for (let i = 0; i < 5; i++) {
      await complete("E2", { grant, pin: "123456" });
    }

    const response = await complete("E2", { grant, pin: CHOSEN_PIN });

    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_USED");
  });
});

/** Approval bodies the schema rejects, with the paths named. */
const INVALID_APPROVALS = [
  { name: "missing proof", body: {}, paths: ["body.proof"] },
  {
    name: "proof PIN a number",
    body: { proof: { pin: 915273 } },
    paths: ["body.proof.pin"],
  },
  {
    name: "proof PIN with letters",
    body: { proof: { pin: "91527e" } },
    paths: ["body.proof.pin"],
  },
] as const;

/** Completion bodies the schema rejects, with the paths named. */
const INVALID_COMPLETIONS = [
  { name: "empty body", body: {}, paths: ["body.grant", "body.pin"] },
  {
    name: "grant too short",
    body: { grant: "abc", pin: CHOSEN_PIN },
    paths: ["body.grant"],
  },
  {
    name: "grant a number",
    body: { grant: 42, pin: CHOSEN_PIN },
    paths: ["body.grant"],
  },
  {
    name: "PIN with letters",
    body: { grant: UNKNOWN_GRANT, pin: "58294x" },
    paths: ["body.pin"],
  },
  {
    name: "PIN a number",
    body: { grant: UNKNOWN_GRANT, pin: 582946 },
    paths: ["body.pin"],
  },
  {
    name: "PIN too long",
    body: { grant: UNKNOWN_GRANT, pin: "5".repeat(13) },
    paths: ["body.pin"],
  },
] as const;

describe("bad input", () => {
  test.each(INVALID_APPROVALS)("approval $name", async ({ body, paths }) => {
    const token = await signInToken(hub, "E4", COUNTER);
    const before = await latestSeq(hub);

    const response = await postJson(
      hub,
      approveUrl(userIdOf(hub, "E2")),
      body,
      token,
    );

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(paths);
    expect(await latestSeq(hub)).toBe(before);
  });

  test.each(INVALID_COMPLETIONS)(
    "completion $name",
    async ({ body, paths }) => {
      const before = await latestSeq(hub);

      const response = await complete("E2", body);

      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe("INVALID_INPUT");
      expect(fieldPathsOf(response)).toEqual(paths);
      expect(await latestSeq(hub)).toBe(before);
    },
  );

  test.each([
    ["approval", approveUrl],
    ["completion", completeUrl],
  ])("%s malformed user id", async (_name, url) => {
    const token = await signInToken(hub, "E4", COUNTER);

    const response = await postJson(
      hub,
      url("Omar Haddad"),
      {
        proof: { pin: pinOf(hub, "E4") },
        grant: UNKNOWN_GRANT,
        pin: CHOSEN_PIN,
      },
      token,
    );

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["params.userId"]);
  });

  test("approval of unknown user", async () => {
    const token = await signInToken(hub, "E4", COUNTER);

    const response = await postJson(
      hub,
      approveUrl(UNKNOWN_ID),
      { proof: { pin: pinOf(hub, "E4") } },
      token,
    );

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("completion for unknown user", async () => {
    const response = await postJson(
      hub,
      completeUrl(UNKNOWN_ID),
      { grant: UNKNOWN_GRANT, pin: CHOSEN_PIN },
      undefined,
      COUNTER,
    );

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("PIN_CHOICE_GRANT_INVALID");
  });

  test("approval without session", async () => {
    const response = await postJson(
      hub,
      approveUrl(userIdOf(hub, "E2")),
      { proof: { pin: pinOf(hub, "E4") } },
      undefined,
      COUNTER,
    );

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });
});
