import { describe, expect, it } from "vitest";
import { KioskUser, UserId, type Mutation } from "../../protocol";
import type {
  CachedVerifier,
  QueuedEntry,
  UndoRecord,
} from "../../kiosk/offline/cacheRecords";
import { planUndo } from "../../kiosk/offline/planUndo";

const ANA = UserId.parse("u-ana");

function user(overrides: Partial<Record<string, unknown>> = {}): KioskUser {
  return KioskUser.parse({
    id: ANA,
    employeeNumber: "E1",
    firstName: "Ana",
    lastName: "Lima",
    role: { id: "employee", name: "Employee", level: 1, permissions: [] },
    lock: { kind: "none" },
    failedAttempts: 0,
    delivery: "email",
    pinTemporary: false,
    pinExpiresAt: null,
    storeIds: ["s-1"],
    orgWide: false,
    credentialVersion: 3,
    version: 5,
    ...overrides,
  });
}

function verifier(text: string): CachedVerifier {
  return { userId: ANA, credentialVersion: 3, verifier: `$argon2id$${text}` };
}

function entry(key: number, undo: UndoRecord): QueuedEntry {
  const mutation: Mutation = {
    kind: "sign-in.failure",
    id: `00000000-0000-4000-8000-00000000000${key}`,
    userId: ANA,
    clientTime: 1,
    baseVersion: 5,
  };
  return { key, mutation, undo };
}

const ORIGINAL = verifier("original");
const RESET = verifier("reset");
const CHANGED = verifier("changed");

describe("planUndo", () => {
  it("puts back the user and the verifier the action replaced", () => {
    const before = user();
    const rejected = entry(1, {
      users: [{ before }],
      verifiers: [{ userId: ANA, before: ORIGINAL, written: RESET.verifier }],
    });
    const plan = planUndo({
      rejected,
      later: [],
      users: new Map([[ANA, user({ pinTemporary: true })]]),
      verifiers: new Map([[ANA, RESET]]),
    });
    expect(plan.users).toEqual([before]);
    expect(plan.verifiers).toEqual([{ userId: ANA, verifier: ORIGINAL }]);
    expect(plan.laterEntries).toEqual([]);
  });

  it("deletes a verifier the tablet did not have before", () => {
    const plan = planUndo({
      rejected: entry(1, {
        users: [],
        verifiers: [{ userId: ANA, before: null, written: RESET.verifier }],
      }),
      later: [],
      users: new Map(),
      verifiers: new Map([[ANA, RESET]]),
    });
    expect(plan.verifiers).toEqual([{ userId: ANA, verifier: null }]);
  });

  it("keeps a newer copy of the user from the hub", () => {
    const plan = planUndo({
      rejected: entry(1, { users: [{ before: user() }], verifiers: [] }),
      later: [],
      users: new Map([[ANA, user({ version: 6, failedAttempts: 2 })]]),
      verifiers: new Map(),
    });
    expect(plan.users).toEqual([]);
  });

  it("keeps a verifier the hub sent since", () => {
    const plan = planUndo({
      rejected: entry(1, {
        users: [],
        verifiers: [{ userId: ANA, before: ORIGINAL, written: RESET.verifier }],
      }),
      later: [],
      users: new Map(),
      verifiers: new Map([[ANA, verifier("from-the-hub")]]),
    });
    expect(plan.verifiers).toEqual([]);
  });

  it("hands the undo on to a later action on the same user", () => {
    // A reset, then the user's own change of the temporary PIN; the reset
    // is rejected first, so the change must later undo back to the original.
    const reset = entry(1, {
      users: [{ before: user() }],
      verifiers: [{ userId: ANA, before: ORIGINAL, written: RESET.verifier }],
    });
    const change = entry(2, {
      users: [{ before: user({ pinTemporary: true }) }],
      verifiers: [{ userId: ANA, before: RESET, written: CHANGED.verifier }],
    });
    const plan = planUndo({
      rejected: reset,
      later: [change],
      users: new Map([[ANA, user()]]),
      verifiers: new Map([[ANA, CHANGED]]),
    });
    expect(plan.users).toEqual([]);
    expect(plan.verifiers).toEqual([]);
    expect(plan.laterEntries).toHaveLength(1);
    expect(plan.laterEntries[0]?.undo.verifiers[0]?.before).toEqual(ORIGINAL);
    expect(plan.laterEntries[0]?.undo.users[0]?.before).toEqual(user());
    // The entry passed in stays as it was.
    expect(change.undo.verifiers[0]?.before).toEqual(RESET);
  });

  it("unwinds a chain when the later action is rejected too", () => {
    const reset = entry(1, {
      users: [{ before: user() }],
      verifiers: [{ userId: ANA, before: ORIGINAL, written: RESET.verifier }],
    });
    const change = entry(2, {
      users: [{ before: user({ pinTemporary: true }) }],
      verifiers: [{ userId: ANA, before: RESET, written: CHANGED.verifier }],
    });
    const first = planUndo({
      rejected: reset,
      later: [change],
      users: new Map([[ANA, user()]]),
      verifiers: new Map([[ANA, CHANGED]]),
    });
    const rewritten = first.laterEntries[0];
    expect(rewritten).toBeDefined();
    const second = planUndo({
      rejected: rewritten ?? change,
      later: [],
      users: new Map([[ANA, user()]]),
      verifiers: new Map([[ANA, CHANGED]]),
    });
    expect(second.verifiers).toEqual([{ userId: ANA, verifier: ORIGINAL }]);
    expect(second.users).toEqual([user()]);
  });

  it("leaves later actions on other users alone", () => {
    const other = UserId.parse("u-omar");
    const later = entry(2, {
      users: [{ before: user({ id: other, employeeNumber: "E2" }) }],
      verifiers: [],
    });
    const plan = planUndo({
      rejected: entry(1, { users: [{ before: user() }], verifiers: [] }),
      later: [later],
      users: new Map([[ANA, user()]]),
      verifiers: new Map(),
    });
    expect(plan.laterEntries).toEqual([]);
    expect(plan.users).toEqual([user()]);
  });
});
