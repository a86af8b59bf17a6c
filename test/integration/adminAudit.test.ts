import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { audit } from "../../hub/services/audit";
import {
  AdminAuditResponse,
  AUDIT_CSV_COLUMNS,
  type RoleId,
  type StoreId,
  type UserId,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { assignCustomRole } from "../support/customRole";
import {
  errorOf,
  fieldPathsOf,
  postSignIn,
  storeIdOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

/** Writes an audit entry one second after the previous one; returns its seq. */
async function writeAudit(entry: {
  kind: string;
  actor?: string;
  target?: UserId;
  stores?: string[];
  reason?: string;
  details?: Record<string, unknown>;
}): Promise<number> {
  clock.advance(1000);
  const written = await audit(
    hub.context.storage,
    {
      kind: entry.kind,
      outcome: entry.reason ? "failure" : "success",
      actorId: entry.actor ? userIdOf(hub, entry.actor) : null,
      targetId: entry.target ?? null,
      storeIds: (entry.stores ?? []).map((code) => storeIdOf(hub, code)),
      reason: entry.reason ?? null,
      details: entry.details ?? {},
    },
    clock.now(),
  );
  return written.seq;
}

async function auditPage(
  agent: AdminAgent,
  query = "",
): Promise<AdminAuditResponse> {
  const response = await agent.inject({
    method: "GET",
    url: `/api/admin/audit${query}`,
  });
  expect(response.statusCode).toBe(200);
  return AdminAuditResponse.parse(response.json());
}

/** Seeds entries of both stores and of the whole organisation. */
async function seedEntries(): Promise<Record<string, number>> {
  return {
    resetA: await writeAudit({
      kind: "pin.reset",
      actor: "E4",
      target: userIdOf(hub, "E1"),
      stores: ["A"],
    }),
    unlockB: await writeAudit({
      kind: "user.unlock",
      actor: "E5",
      target: userIdOf(hub, "E6"),
      stores: ["A", "B"],
    }),
    tabletB: await writeAudit({
      kind: "tablet.code",
      actor: "E5",
      stores: ["B"],
    }),
    settings: await writeAudit({ kind: "settings.update", actor: "E9" }),
    revokeA: await writeAudit({
      kind: "tablet.revoke",
      actor: "E4",
      stores: ["A"],
      reason: "ADMIN_PROOF_FAILED",
    }),
  };
}

describe("GET /api/admin/audit", () => {
  test("lists entries newest first with names", async () => {
    const seqs = await seedEntries();
    const admin = await signInAdmin(hub, "E9");

    const { entries } = await auditPage(admin, "?kind=pin.reset");

    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      seq: seqs.resetA,
      kind: "pin.reset",
      outcome: "success",
      actor: {
        id: userIdOf(hub, "E4"),
        employeeNumber: "E4",
        name: "Marek Nowak",
      },
      target: {
        id: userIdOf(hub, "E1"),
        employeeNumber: "E1",
        name: "Ana Lima",
      },
      storeIds: [storeIdOf(hub, "A")],
    });
    const all = await auditPage(admin);
    const seqList = all.entries.map((entry) => entry.seq);
    expect(seqList).toEqual([...seqList].sort((a, b) => b - a));
  });

  test("pages back with the cursor", async () => {
    const admin = await signInAdmin(hub, "E4");
    const since = clock.now() + 1;
    const seqs = await seedEntries();
    const query = `?actorId=${userIdOf(hub, "E4")}&from=${since}&limit=1`;

    const first = await auditPage(admin, query);
    const second = await auditPage(
      admin,
      `${query}&before=${first.nextBefore}`,
    );

    expect(first.entries.map((entry) => entry.seq)).toEqual([seqs.revokeA]);
    expect(first.nextBefore).toBe(seqs.revokeA);
    expect(second.entries.map((entry) => entry.seq)).toEqual([seqs.resetA]);
    expect(second.nextBefore).toBeNull();
  });

  test("filters by user, store, kind family and time", async () => {
    const admin = await signInAdmin(hub, "E9");
    const since = clock.now() + 1;
    const seqs = await seedEntries();
    const seqsOf = async (query: string) =>
      (await auditPage(admin, `${query}&from=${since}`)).entries.map(
        (entry) => entry.seq,
      );
    const unlockAt = since - 1 + 2000;

    expect(await seqsOf(`?userId=${userIdOf(hub, "E6")}`)).toEqual([
      seqs.unlockB,
    ]);
    expect(await seqsOf(`?storeId=${storeIdOf(hub, "B")}`)).toEqual([
      seqs.tabletB,
      seqs.unlockB,
    ]);
    expect(await seqsOf("?kind=tablet.*")).toEqual([
      seqs.revokeA,
      seqs.tabletB,
    ]);
    const window = await auditPage(
      admin,
      `?from=${unlockAt}&to=${new Date(unlockAt + 2000).toISOString()}`,
    );
    expect(window.entries.map((entry) => entry.seq)).toEqual([
      seqs.tabletB,
      seqs.unlockB,
    ]);
  });

  test("store manager sees own stores only", async () => {
    const seqs = await seedEntries();
    const manager = await signInAdmin(hub, "E4");

    const { entries } = await auditPage(manager, "?kind=pin.reset");
    const all = await auditPage(manager);

    expect(entries.map((entry) => entry.seq)).toEqual([seqs.resetA]);
    const seen = all.entries.map((entry) => entry.seq);
    expect(seen).toContain(seqs.unlockB);
    expect(seen).not.toContain(seqs.tabletB);
    expect(seen).not.toContain(seqs.settings);
  });

  test("redacts secret values in details", async () => {
    await writeAudit({
      kind: "test.secret",
      stores: ["A"],
      details: {
        tokenId: "4b1d2c9e",
        temporaryPin: "482619",
        nested: { passwordHash: "$argon2id$v=19$abc" },
        pinTemporary: true,
      },
    });
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/audit?kind=test.secret",
    });

    expect(response.body).not.toContain("482619");
    expect(response.body).not.toContain("argon2id");
    const [entry] = AdminAuditResponse.parse(response.json()).entries;
    expect(entry?.details).toEqual({
      tokenId: "4b1d2c9e",
      temporaryPin: "[redacted]",
      nested: { passwordHash: "[redacted]" },
      pinTemporary: true,
    });
  });

  test("real sign-in failure carries no PIN", async () => {
    await postSignIn(hub, "E1", { pin: "730615" });
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: `/api/admin/audit?userId=${userIdOf(hub, "E1")}`,
    });

    expect(response.statusCode).toBe(200);
    expect(
      AdminAuditResponse.parse(response.json()).entries.length,
    ).toBeGreaterThan(0);
    expect(response.body).not.toContain("730615");
  });

  test("invalid filters are rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/audit?limit=0&from=yesterday&kind=DROP%20TABLE&before=x",
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response).sort()).toEqual([
      "query.before",
      "query.from",
      "query.kind",
      "query.limit",
    ]);
  });

  test("unknown user is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/audit?actorId=no-such-user",
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_UNKNOWN");
  });

  test("store outside scope is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "GET",
      url: `/api/admin/audit?storeId=${storeIdOf(hub, "B")}`,
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("STORE_OUT_OF_SCOPE");
  });

  test("missing permission is rejected", async () => {
    await assignCustomRole(hub, "E7", { permissions: ["kiosk.enroll"] });
    const agent = await signInAdmin(hub, "E7");

    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/audit",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
    expect(errorOf(response).message).toContain("audit.read");
  });
});

describe("GET /api/admin/audit.csv", () => {
  /** Creates a user whose name a spreadsheet would read as a formula. */
  async function createFormulaUser(): Promise<UserId> {
    const id = "formula-user" as UserId;
    await hub.context.storage.users.create(
      {
        id,
        employeeNumber: "X1",
        firstName: '=HYPERLINK("http://evil.example")',
        lastName: 'Smith, "Jr"',
        email: null,
        phone: null,
        roleId: "employee" as RoleId,
        orgWide: false,
        storeIds: [storeIdOf(hub, "A") as StoreId],
        groupIds: [],
      },
      clock.now(),
    );
    return id;
  }

  test("exports quoted, formula-safe CSV", async () => {
    const target = await createFormulaUser();
    const seq = await writeAudit({
      kind: "user.update",
      actor: "E9",
      target,
      stores: ["A"],
      reason: "-1+1",
      details: { note: "@SUM(A1)", temporaryPin: "482619" },
    });
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/audit.csv?kind=user.update",
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="storefloor-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.body).not.toContain("482619");
    const rows = parse(response.body, { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.seq).toBe(String(seq));
    expect(row?.actor_employee_number).toBe("E9");
    expect(row?.actor_name).toBe("Alex Morgan");
    expect(row?.target_employee_number).toBe("X1");
    expect(row?.target_name).toBe(
      '\'=HYPERLINK("http://evil.example") Smith, "Jr"',
    );
    expect(row?.reason).toBe("'-1+1");
    expect(row?.stores).toBe("A");
    expect(JSON.parse(row?.details ?? "{}")).toEqual({
      note: "@SUM(A1)",
      temporaryPin: "[redacted]",
    });
    expect(response.body).toContain(
      '"\'=HYPERLINK(""http://evil.example"") Smith, ""Jr"""',
    );
  });

  test("exports more than one page in order", async () => {
    const written: number[] = [];
    for (let i = 0; i < 520; i++) {
      written.push(
        await writeAudit({ kind: "test.bulk", actor: "E4", stores: ["A"] }),
      );
    }
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/audit.csv?kind=test.bulk",
    });

    const rows = parse(response.body, { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => Number(row.seq))).toEqual(written.reverse());
  });

  test("store manager exports own stores only", async () => {
    const seqs = await seedEntries();
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "GET",
      url: "/api/admin/audit.csv",
    });

    const rows = parse(response.body, { columns: true }) as Record<
      string,
      string
    >[];
    const seqList = rows.map((row) => Number(row.seq));
    expect(seqList).toContain(seqs.resetA);
    expect(seqList).not.toContain(seqs.tabletB);
    expect(seqList).not.toContain(seqs.settings);
  });

  test("invalid filter is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/audit.csv?to=not-a-time",
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["query.to"]);
  });

  test("missing permission is rejected", async () => {
    await assignCustomRole(hub, "E7", { permissions: ["kiosk.enroll"] });
    const agent = await signInAdmin(hub, "E7");

    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/audit.csv",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });
});
