import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  RosterImportApplyResponse,
  RosterImportPreviewResponse,
} from "../../protocol";
import { applyRosterImportFromPanel } from "../../hub/admin/rosterImport/rosterImportFromPanel";
import { resolveUser } from "../../hub/domain/actorScope";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { assignCustomRole } from "../support/customRole";
import {
  errorOf,
  fieldPathsOf,
  logEntries,
  storeIdOf,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool } from "../support/tabletSocket";

const HEADER = "employee_number;first_name;last_name;email;phone;store;role";

/** The fixture's users other than E7 and E9, as Excel writes them. */
const ROWS = [
  "E1;Ana;Lima;ana@example.com;;A;Employee",
  "E2;Omar;Haddad-Ruiz;;;A;Employee",
  "E3;Sofía;Martínez;;;A;Supervisor",
  "E4;Marek;Nowak;marek@example.com;;A;Manager",
  "E5;Wei;Chen;;;B;Manager",
  "E6;Yuki;Tanaka;;;A|B;Employee",
  'N1;"Nguyen; Thi";Hoa;hoa@example.com;;A;Employee',
  "N2;Jamal;Idris;;;B;Employee",
];

function csvOf(rows: readonly string[]): string {
  return `\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`;
}

let hub: TestHub;
const sockets = new TabletPool();
beforeEach(async () => {
  hub = await startFreshHub();
});
afterEach(async () => {
  sockets.closeAll();
  await hub.stop();
});

async function preview(
  agent: AdminAgent,
  csv: string,
  deactivateMissing = true,
): Promise<RosterImportPreviewResponse> {
  const response = await agent.inject({
    method: "POST",
    url: "/api/admin/roster-imports/preview",
    payload: { csv, deactivateMissing },
  });
  expect(response.statusCode).toBe(200);
  return RosterImportPreviewResponse.parse(response.json());
}

function apply(
  agent: AdminAgent,
  csv: string,
  fingerprint: string,
  deactivateMissing = true,
) {
  return agent.inject({
    method: "POST",
    url: "/api/admin/roster-imports/apply",
    payload: { csv, deactivateMissing, fingerprint, proof: agent.proof },
  });
}

describe("POST /api/admin/roster-imports/preview", () => {
  test("lists the plan with changed fields", async () => {
    const admin = await signInAdmin(hub, "E9");

    const result = await preview(admin, csvOf(ROWS));

    expect(result.errors).toEqual([]);
    expect(result.canApply).toBe(true);
    expect(result.rowCount).toBe(8);
    expect(result.plan.create.map((row) => row.employeeNumber)).toEqual([
      "N1",
      "N2",
    ]);
    expect(result.plan.create[0]).toMatchObject({
      line: 8,
      firstName: "Nguyen; Thi",
      storeIds: [storeIdOf(hub, "A")],
      roleId: "employee",
    });
    expect(result.plan.update).toEqual([
      {
        line: 3,
        userId: userIdOf(hub, "E2"),
        employeeNumber: "E2",
        name: "Omar Haddad",
        changes: [{ field: "lastName", from: "Haddad", to: "Haddad-Ruiz" }],
      },
    ]);
    expect(result.plan.deactivate).toEqual([
      { userId: userIdOf(hub, "E7"), employeeNumber: "E7", name: "Lena Berg" },
    ]);
    expect(result.plan.unchanged).toBe(5);
    expect(result.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test("reports bad rows with line numbers", async () => {
    const admin = await signInAdmin(hub, "E9");
    const rows = [...ROWS];
    rows[6] = "N1;Thi;Hoa;not-an-email;;A;Employee";
    rows[7] = "N2;Jamal;Idris;;;Z9;Employee";

    const result = await preview(admin, csvOf(rows));

    expect(result.canApply).toBe(false);
    expect(
      result.errors.map(({ line, field, employeeNumber }) => ({
        line,
        field,
        employeeNumber,
      })),
    ).toEqual([
      { line: 8, field: "email", employeeNumber: "N1" },
      { line: 9, field: "stores", employeeNumber: "N2" },
    ]);
    expect(result.errors[0]?.message).toContain("not-an-email");
    expect(result.errors.map((error) => error.column)).toEqual([
      "email",
      "store",
    ]);
    expect(result.badRowCount).toBe(2);
    expect(result.plan.create).toEqual([]);
    expect(
      await hub.context.storage.users.getByEmployeeNumber("N1"),
    ).toBeNull();
  });

  test("one bad row, several problems", async () => {
    const admin = await signInAdmin(hub, "E9");
    const header = "Emp no;First name;Surname;E-Mail;Phone;Store;Role";
    const csv = [
      header,
      "N1;Thi;Hoa;;;A;Employee",
      "N2;;;not-an-email;;Z9;Employee",
    ].join("\n");

    const result = await preview(admin, csv);

    expect(result.rowCount).toBe(2);
    expect(result.readyRowCount).toBe(1);
    expect(result.badRowCount).toBe(1);
    expect(result.errors).toHaveLength(4);
    expect(result.errors.map((error) => error.line)).toEqual([3, 3, 3, 3]);
    expect(result.errors.map((error) => error.column)).toEqual([
      "First name",
      "Surname",
      "E-Mail",
      "Store",
    ]);
    expect(result.canApply).toBe(false);
  });

  test("role at the actor's level is a row error", async () => {
    await assignCustomRole(hub, "E4", {
      permissions: ["user.manage"],
      level: 3,
      orgWide: true,
    });
    const agent = await signInAdmin(hub, "E4");

    const result = await preview(
      agent,
      csvOf(["N3;Kim;Park;;;A;Manager", "N4;Lee;Ono;;;A;Employee"]),
      false,
    );

    expect(result.canApply).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      line: 2,
      field: "role",
      column: "role",
    });
    expect(result.plan.create.map((row) => row.employeeNumber)).toEqual(["N4"]);
  });

  test("missing fields are rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/roster-imports/preview",
      payload: {},
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response).sort()).toEqual([
      "body.csv",
      "body.deactivateMissing",
    ]);
  });

  test("wrong types are rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/roster-imports/preview",
      payload: { csv: 12, deactivateMissing: "yes" },
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response).sort()).toEqual([
      "body.csv",
      "body.deactivateMissing",
    ]);
  });

  test("store-scoped manager is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: "/api/admin/roster-imports/preview",
      payload: { csv: csvOf(ROWS), deactivateMissing: false },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ORG_WIDE_REQUIRED");
  });

  test("missing permission is rejected", async () => {
    await assignCustomRole(hub, "E4", {
      permissions: ["audit.read"],
      orgWide: true,
    });
    const agent = await signInAdmin(hub, "E4");

    const response = await agent.inject({
      method: "POST",
      url: "/api/admin/roster-imports/preview",
      payload: { csv: csvOf(ROWS), deactivateMissing: false },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
    expect(errorOf(response).message).toContain("user.manage");
  });
});

describe("POST /api/admin/roster-imports/apply", () => {
  test("bad row rejected, then fixed file applies", async () => {
    const tablet = await sockets.connect(hub.url, {
      tabletToken: await tabletTokenOf(hub, { store: "A" }),
    });
    const admin = await signInAdmin(hub, "E9");
    const badRows = [...ROWS];
    badRows[6] = "N1;Thi;Hoa;not-an-email;;A;Employee";
    const bad = await preview(admin, csvOf(badRows));

    const rejected = await apply(admin, csvOf(badRows), bad.fingerprint);
    const fixed = await preview(admin, csvOf(ROWS));
    const applied = await apply(admin, csvOf(ROWS), fixed.fingerprint);

    expect(rejected.statusCode).toBe(422);
    expect(errorOf(rejected).code).toBe("ROSTER_INVALID");
    expect(errorOf(rejected).details?.lines).toEqual(["8"]);
    expect(errorOf(rejected).message).toContain(
      "rows with problems: 1, problems in all: 1",
    );
    expect(applied.statusCode).toBe(200);
    const result = RosterImportApplyResponse.parse(applied.json());
    expect(result.updated).toBe(1);
    expect(result.deactivated).toBe(1);
    expect(result.unchanged).toBe(5);
    expect(
      result.created.map(({ employeeNumber, delivery }) => ({
        employeeNumber,
        delivery,
      })),
    ).toEqual([
      { employeeNumber: "N1", delivery: "email" },
      { employeeNumber: "N2", delivery: "in-person" },
    ]);
    expect(result.created[0]?.temporaryPin).toBeUndefined();
    expect(result.created[1]?.temporaryPin).toMatch(/^\d{6,8}$/);

    const n1 = await hub.context.storage.users.getByEmployeeNumber("N1");
    expect(n1?.firstName).toBe("Nguyen; Thi");
    const e7 = await hub.context.storage.users.get(userIdOf(hub, "E7"));
    expect(e7?.status).toBe("deactivated");
    await tablet.waitForChange(
      "N1 added",
      ({ change }) =>
        change.kind === "user.upsert" && change.user.id === n1?.id,
    );
    await tablet.waitForChange(
      "E7 removed",
      ({ change }) =>
        change.kind === "user.remove" && change.userId === userIdOf(hub, "E7"),
    );
    const audit = (await logEntries(hub, "audit")).filter(
      (entry) => entry.kind === "roster.import",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(userIdOf(hub, "E9"));
    expect(JSON.stringify(audit[0]?.payload)).not.toContain(
      result.created[1]?.temporaryPin ?? "missing",
    );
  });

  test("changed users reject the old fingerprint", async () => {
    const admin = await signInAdmin(hub, "E9");
    const previewed = await preview(admin, csvOf(ROWS));
    await hub.context.storage.users.update(
      userIdOf(hub, "E2"),
      { lastName: "Haddad-Ruiz" },
      hub.context.now(),
    );

    const response = await apply(admin, csvOf(ROWS), previewed.fingerprint);

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe("ROSTER_PLAN_CHANGED");
    expect(
      await hub.context.storage.users.getByEmployeeNumber("N1"),
    ).toBeNull();
  });

  test("user changed during hashing is not overwritten", async () => {
    const admin = await signInAdmin(hub, "E9");
    const previewed = await preview(admin, csvOf(ROWS));
    const { storage } = hub.context;
    const actor = await storage.users.get(userIdOf(hub, "E9"));
    if (!actor) {
      throw new Error("E9 is missing");
    }
    // Holds the hashing of new users' PINs, which runs before the import's
    // transaction, until E2 has been changed.
    let hashingStarted!: () => void;
    const hashing = new Promise<void>((resolve) => (hashingStarted = resolve));
    let releaseHashing!: () => void;
    const gate = new Promise<void>((resolve) => (releaseHashing = resolve));
    const realHasher = hub.context.hasher;
    const gatedHasher = new Proxy(realHasher, {
      get(target, property) {
        if (property === "offlineVerifier") {
          return async (pin: string) => {
            hashingStarted();
            await gate;
            return target.offlineVerifier(pin);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });

    const applying = applyRosterImportFromPanel(
      { ...hub.context, hasher: gatedHasher },
      { actor: await resolveUser(storage, actor), sessionId: "test" },
      {
        csv: csvOf(ROWS),
        deactivateMissing: true,
        fingerprint: previewed.fingerprint,
        proof: admin.proof,
      },
    );
    await hashing;
    await storage.users.update(
      userIdOf(hub, "E2"),
      { lastName: "Haddad-Ruiz" },
      hub.context.now(),
    );
    releaseHashing();

    await expect(applying).rejects.toMatchObject({
      code: "ROSTER_PLAN_CHANGED",
    });
    expect(await storage.users.getByEmployeeNumber("N1")).toBeNull();
    const e7 = await storage.users.get(userIdOf(hub, "E7"));
    expect(e7?.status).toBe("active");
  });

  test("other options reject the fingerprint", async () => {
    const admin = await signInAdmin(hub, "E9");
    const previewed = await preview(admin, csvOf(ROWS), false);

    const response = await apply(
      admin,
      csvOf(ROWS),
      previewed.fingerprint,
      true,
    );

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe("ROSTER_PLAN_CHANGED");
    const e7 = await hub.context.storage.users.get(userIdOf(hub, "E7"));
    expect(e7?.status).toBe("active");
  });

  test("wrong password imports nothing", async () => {
    const admin = await signInAdmin(hub, "E9");
    const previewed = await preview(admin, csvOf(ROWS));

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/roster-imports/apply",
      payload: {
        csv: csvOf(ROWS),
        deactivateMissing: true,
        fingerprint: previewed.fingerprint,
        proof: { password: "this is not the password" },
      },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_PROOF_FAILED");
    expect(
      await hub.context.storage.users.getByEmployeeNumber("N1"),
    ).toBeNull();
  });

  test("missing fingerprint and proof are rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/roster-imports/apply",
      payload: { csv: csvOf(ROWS), deactivateMissing: false },
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response).sort()).toEqual([
      "body.fingerprint",
      "body.proof",
    ]);
  });

  test("malformed fingerprint is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await apply(admin, csvOf(ROWS), "abc");

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["body.fingerprint"]);
  });
});
