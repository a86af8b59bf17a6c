import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  KioskUser,
  RECONNECT_DELAY_MAX_MS,
  RECONNECT_DELAY_MIN_MS,
  UserId,
  type ChangeMessage,
  type Mutation,
} from "../../protocol";
import type { QueuedEntry } from "../../kiosk/offline/cacheRecords";
import {
  applyPulledChanges,
  rosterFromSnapshot,
  type RosterState,
} from "../../kiosk/roster/applyChange";
import { rosterDiff } from "../../kiosk/roster/rosterDiff";
import { decideLiveChange } from "../../kiosk/sync/decideLiveChange";
import { reconnectDelay } from "../../kiosk/sync/reconnectDelay";
import { settleVerdicts } from "../../kiosk/sync/settleVerdicts";
import { verifierRequests } from "../../kiosk/sync/verifierRequests";

const STORE = { id: "s-1", code: "A", name: "Store A", timeZone: "UTC" };

function user(id: string, version = 1, credentialVersion = 1): KioskUser {
  return KioskUser.parse({
    id,
    employeeNumber: `E-${id}`,
    firstName: id,
    lastName: "Test",
    role: { id: "employee", name: "Employee", level: 1, permissions: [] },
    lock: { kind: "none" },
    failedAttempts: 0,
    delivery: "email",
    pinTemporary: false,
    pinExpiresAt: null,
    storeIds: ["s-1"],
    orgWide: false,
    credentialVersion,
    version,
  });
}

function roster(users: KioskUser[], seq: number): RosterState {
  return {
    store: STORE,
    users,
    settings: DEFAULT_SETTINGS,
    seq,
  } as RosterState;
}

function message(
  seq: number,
  previousSeq: number,
  change: ChangeMessage["change"],
): ChangeMessage {
  return { seq, previousSeq, change };
}

function queued(key: number, id: string): QueuedEntry {
  const mutation: Mutation = {
    kind: "sign-in.success",
    id,
    userId: UserId.parse("u-1"),
    clientTime: 1,
    baseVersion: 1,
  };
  return { key, mutation, undo: { users: [], verifiers: [] } };
}

describe("decideLiveChange", () => {
  const removal = { kind: "user.remove", userId: UserId.parse("u-1") } as const;

  it("ignores a change at or below the cursor", () => {
    expect(decideLiveChange(10, message(10, 7, removal))).toBe("ignore");
    expect(decideLiveChange(10, message(4, 2, removal))).toBe("ignore");
  });

  it("applies a change that follows the cursor", () => {
    expect(decideLiveChange(10, message(12, 10, removal))).toBe("apply");
  });

  it("applies a change whose predecessor lies below the cursor", () => {
    // A pull moved the cursor to the head, past changes of other stores.
    expect(decideLiveChange(10, message(14, 8, removal))).toBe("apply");
  });

  it("pulls after a gap", () => {
    expect(decideLiveChange(10, message(14, 12, removal))).toBe("pull");
  });
});

describe("applyPulledChanges", () => {
  it("moves the cursor past the last change", () => {
    const start = roster([user("u-1")], 5);
    const next = applyPulledChanges(
      start,
      [message(7, 5, { kind: "user.upsert", user: user("u-2") })],
      12,
    );
    expect(next.seq).toBe(12);
    expect(next.users.map((each) => each.id)).toEqual(["u-1", "u-2"]);
  });

  it("drops an upsert that is not newer than the cached user", () => {
    const cached = user("u-1", 4);
    const next = applyPulledChanges(
      roster([cached], 5),
      [message(6, 5, { kind: "user.upsert", user: user("u-1", 4) })],
      6,
    );
    expect(next.users[0]).toBe(cached);
  });

  it("skips changes the cursor already covers", () => {
    const next = applyPulledChanges(
      roster([user("u-1")], 9),
      [
        message(8, 5, {
          kind: "user.remove",
          userId: UserId.parse("u-1"),
        }),
      ],
      9,
    );
    expect(next.users).toHaveLength(1);
  });

  it("never moves the cursor back", () => {
    const next = applyPulledChanges(roster([], 9), [], 7);
    expect(next.seq).toBe(9);
  });
});

describe("rosterFromSnapshot", () => {
  it("takes the snapshot's cursor as the roster's", () => {
    const state = rosterFromSnapshot({
      store: STORE as RosterState["store"],
      users: [user("u-1")],
      settings: DEFAULT_SETTINGS,
      sealingKey: { kty: "RSA", n: "n", e: "AQAB" },
      cursor: 42,
    });
    expect(state.seq).toBe(42);
    expect(state.users).toHaveLength(1);
  });
});

describe("rosterDiff", () => {
  it("lists only changed and removed users", () => {
    const kept = user("u-1");
    const before = roster([kept, user("u-2"), user("u-3")], 1);
    const changed = user("u-2", 2);
    const after = roster([kept, changed, user("u-4")], 2);
    const diff = rosterDiff(before, after);
    expect(diff.changed.map((each) => each.id)).toEqual(["u-2", "u-4"]);
    expect(diff.removed).toEqual(["u-3"]);
  });

  it("writes every user of a first roster", () => {
    const diff = rosterDiff(undefined, roster([user("u-1")], 1));
    expect(diff.changed).toHaveLength(1);
    expect(diff.removed).toEqual([]);
  });
});

describe("verifierRequests", () => {
  it("asks for missing and outdated verifiers only", () => {
    const users = [user("u-1", 1, 3), user("u-2", 1, 2), user("u-3", 1, 1)];
    const cached = new Map([
      [UserId.parse("u-1"), 3],
      [UserId.parse("u-2"), 1],
    ]);
    expect(verifierRequests(users, cached)).toEqual([["u-2", "u-3"]]);
  });

  it("splits requests at the batch limit", () => {
    const users = Array.from({ length: 450 }, (_, index) => user(`u-${index}`));
    const requests = verifierRequests(users, new Map());
    expect(requests.map((ids) => ids.length)).toEqual([200, 200, 50]);
  });
});

describe("reconnectDelay", () => {
  it("stays between the minimum and the maximum", () => {
    for (const attempt of [0, 1, 3, 10, 50]) {
      for (const random of [0, 0.5, 0.999]) {
        const delay = reconnectDelay(attempt, () => random);
        expect(delay).toBeGreaterThanOrEqual(RECONNECT_DELAY_MIN_MS);
        expect(delay).toBeLessThanOrEqual(RECONNECT_DELAY_MAX_MS);
      }
    }
  });

  it("grows with the attempts", () => {
    expect(reconnectDelay(3, () => 0)).toBe(8 * RECONNECT_DELAY_MIN_MS);
    expect(reconnectDelay(20, () => 0)).toBe(RECONNECT_DELAY_MAX_MS);
  });

  it("spreads tablets apart", () => {
    expect(reconnectDelay(4, () => 0)).not.toBe(reconnectDelay(4, () => 0.9));
  });
});

describe("settleVerdicts", () => {
  const ids = [
    "00000000-0000-4000-8000-000000000001",
    "00000000-0000-4000-8000-000000000002",
    "00000000-0000-4000-8000-000000000003",
  ];

  it("sorts the batch by verdict", () => {
    const batch = ids.map((id, index) => queued(index + 1, id));
    const settlement = settleVerdicts(batch, [
      { id: ids[0] ?? "", status: "applied" },
      { id: ids[1] ?? "", status: "rejected", reason: "USER_INACTIVE" },
    ]);
    expect(settlement.applied).toEqual([1]);
    expect(settlement.rejected.map((each) => each.entry.key)).toEqual([2]);
    expect(settlement.rejected[0]?.result.reason).toBe("USER_INACTIVE");
    expect(settlement.unanswered).toEqual([3]);
  });

  it("ignores a verdict for an id it did not push", () => {
    const settlement = settleVerdicts(
      [queued(1, ids[0] ?? "")],
      [{ id: ids[2] ?? "", status: "applied" }],
    );
    expect(settlement.applied).toEqual([]);
    expect(settlement.unanswered).toEqual([1]);
  });
});
