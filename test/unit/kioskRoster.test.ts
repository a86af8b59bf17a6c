import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  KioskUser,
  type ChangeMessage,
  type RosterResponse,
} from "../../protocol";
import { applyChange, replaceUser } from "../../kiosk/roster/applyChange";
import {
  foldForSearch,
  searchUsers,
  sortUsers,
} from "../../kiosk/users/userSearch";
import { initials, nextLockExpiry } from "../../kiosk/users/userDisplay";

function user(overrides: Partial<Record<string, unknown>> = {}): KioskUser {
  return KioskUser.parse({
    id: "u-1",
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
    credentialVersion: 1,
    version: 1,
    ...overrides,
  });
}

function roster(users: KioskUser[], seq = 10): RosterResponse {
  return {
    store: {
      id: "s-1" as RosterResponse["store"]["id"],
      code: "S01",
      name: "Downtown",
      timeZone: "Europe/Madrid",
    },
    users,
    settings: DEFAULT_SETTINGS,
    seq,
  };
}

function upsert(seq: number, changed: KioskUser): ChangeMessage {
  return {
    seq,
    previousSeq: seq - 1,
    change: { kind: "user.upsert", user: changed },
  };
}

describe("applyChange", () => {
  it("ignores a change the roster already has", () => {
    const state = roster([user()], 10);
    const result = applyChange(state, upsert(10, user({ version: 5 })));
    expect(result.effect).toEqual({ kind: "ignored", reason: "stale-seq" });
    expect(result.state).toBe(state);
  });

  it("ignores an upsert that is not newer", () => {
    const state = roster([user({ version: 3 })]);
    const result = applyChange(state, upsert(11, user({ version: 3 })));
    expect(result.effect).toEqual({ kind: "ignored", reason: "stale-version" });
    expect(result.state.users[0]?.version).toBe(3);
    expect(result.state.seq).toBe(11);
  });

  it("replaces a user with a newer version", () => {
    const locked = user({ version: 2, lock: { kind: "permanent" } });
    const result = applyChange(roster([user()]), upsert(11, locked));
    expect(result.effect.kind).toBe("user-upserted");
    expect(result.state.users).toEqual([locked]);
    expect(result.state.seq).toBe(11);
  });

  it("adds a user it did not hold", () => {
    const added = user({ id: "u-2", employeeNumber: "E2" });
    const result = applyChange(roster([user()]), upsert(11, added));
    expect(result.state.users.map((each) => each.id)).toEqual(["u-1", "u-2"]);
  });

  it("removes a user", () => {
    const result = applyChange(roster([user()]), {
      seq: 11,
      previousSeq: 10,
      change: { kind: "user.remove", userId: user().id },
    });
    expect(result.effect).toEqual({
      kind: "user-removed",
      userId: "u-1",
      existed: true,
    });
    expect(result.state.users).toEqual([]);
  });

  it("replaces the settings", () => {
    const settings = { ...DEFAULT_SETTINGS, idleTimeoutSeconds: 120 };
    const result = applyChange(roster([]), {
      seq: 11,
      previousSeq: 10,
      change: { kind: "settings.update", settings },
    });
    expect(result.state.settings.idleTimeoutSeconds).toBe(120);
  });

  it("leaves the given roster untouched", () => {
    const state = roster([user()]);
    applyChange(state, upsert(11, user({ version: 2, firstName: "Bea" })));
    expect(state.users[0]?.firstName).toBe("Ana");
    expect(state.seq).toBe(10);
  });
});

describe("replaceUser", () => {
  it("takes only a newer version", () => {
    const state = roster([user({ version: 4 })]);
    expect(replaceUser(state, user({ version: 4, firstName: "X" }))).toBe(
      state,
    );
    const newer = replaceUser(state, user({ version: 5, firstName: "X" }));
    expect(newer.users[0]?.firstName).toBe("X");
  });
});

describe("searchUsers", () => {
  const users = [
    user({
      id: "a",
      employeeNumber: "E1001",
      firstName: "Zoë",
      lastName: "Ånström",
    }),
    user({
      id: "b",
      employeeNumber: "E1002",
      firstName: "Łukasz",
      lastName: "Wiśniewski",
    }),
    user({ id: "c", employeeNumber: "E2001", firstName: "伟", lastName: "陈" }),
    user({
      id: "d",
      employeeNumber: "E3001",
      firstName: "Ａｎａ",
      lastName: "Lima",
    }),
  ];
  const ids = (query: string) => searchUsers(users, query).map((u) => u.id);

  it("matches without accents", () => {
    expect(ids("zoe anstrom")).toEqual(["a"]);
  });

  it("matches in any case and word order", () => {
    expect(ids("WIŚNIEWSKI łukasz")).toEqual(["b"]);
  });

  it("matches names in other scripts", () => {
    expect(ids("陈")).toEqual(["c"]);
  });

  it("matches full-width letters", () => {
    expect(ids("ana")).toEqual(["d"]);
  });

  it("matches the employee number", () => {
    expect(ids("e200")).toEqual(["c"]);
  });

  it("returns everyone for a blank query", () => {
    expect(ids("   ")).toHaveLength(4);
  });

  it("folds compatibility characters", () => {
    expect(foldForSearch("ﬁ Ü")).toBe("fi u");
  });
});

describe("user display", () => {
  it("sorts by first then last name", () => {
    const sorted = sortUsers(
      [
        user({ id: "1", firstName: "Bea", lastName: "B" }),
        user({ id: "2", firstName: "Ana", lastName: "Z" }),
        user({ id: "3", firstName: "Ana", lastName: "A" }),
      ],
      "en",
    );
    expect(sorted.map((each) => each.id)).toEqual(["3", "2", "1"]);
  });

  it("takes whole graphemes as initials", () => {
    expect(initials({ firstName: "çağrı", lastName: "öztürk" }, "tr")).toBe(
      "ÇÖ",
    );
    expect(initials({ firstName: "伟", lastName: "陈" })).toBe("伟陈");
  });

  it("finds the next end of a timed lock", () => {
    const now = 1_000;
    expect(
      nextLockExpiry(
        [
          user({ lock: { kind: "timed", until: 5_000 } }),
          user({ lock: { kind: "timed", until: 3_000 } }),
          user({ lock: { kind: "timed", until: 500 } }),
          user({ lock: { kind: "permanent" } }),
        ],
        now,
      ),
    ).toBe(3_000);
  });
});
