import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionView, type ChangeMessage } from "../../protocol";
import {
  applyRosterImport,
  type CreatedUser,
  type RosterImportResult,
} from "../../hub/roster/applyRosterImport";
import { countBadRows } from "../../hub/roster/countBadRows";
import { parseRoster } from "../../hub/roster/parseRoster";
import { planRosterImport } from "../../hub/roster/planRosterImport";
import {
  auditEntriesAfter,
  errorOf,
  getJson,
  latestSeq,
  outboxPinOf,
  postSignIn,
  readRoster,
  rosterUser,
  signInToken,
  storeIdOf,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool, type TabletSocket } from "../support/tabletSocket";

const HEADER = "employee_number,first_name,last_name,email,phone,store,role";

/** The fixture's users as roster rows, unchanged. */
const FIXTURE_ROWS: Readonly<Record<string, string>> = {
  E1: "E1,Ana,Lima,ana@example.com,,A,Employee",
  E2: "E2,Omar,Haddad,,,A,Employee",
  E3: "E3,Sofía,Martínez,,,A,Supervisor",
  E4: "E4,Marek,Nowak,marek@example.com,,A,Manager",
  E5: "E5,Wei,Chen,,,B,Manager",
  E6: "E6,Yuki,Tanaka,,,A|B,Employee",
  E7: "E7,Lena,Berg,,,A,Shift lead",
  E9: "E9,Alex,Morgan,,,A|B,Administrator",
};

let hub: TestHub;
const tablets = new TabletPool();
beforeEach(async () => {
  hub = await startFreshHub();
});
afterEach(async () => {
  tablets.closeAll();
  await hub.stop();
});

/** Parses, plans and applies a roster file, failing on any bad row. */
async function importRoster(
  rows: readonly string[],
  options: { deactivateMissing?: boolean } = {},
): Promise<RosterImportResult> {
  const { storage } = hub.context;
  const parsed = parseRoster([HEADER, ...rows].join("\n"), {
    stores: await storage.org.listStores(),
    roles: await storage.org.listRoles(),
  });
  if (parsed.errors.length > 0) {
    throw new Error(`bad roster rows: ${JSON.stringify(parsed.errors)}`);
  }
  const plan = planRosterImport(parsed.rows, await storage.users.list(), {
    deactivateMissing: options.deactivateMissing ?? false,
  });
  return applyRosterImport(hub.context, plan, { source: "roster.csv" });
}

async function connectTablet(storeCode: string): Promise<TabletSocket> {
  return tablets.connect(hub.url, {
    tabletToken: await tabletTokenOf(hub, {
      store: storeCode,
      tablet: `tablet-${storeCode.toLowerCase()}-roster`,
    }),
  });
}

/** Returns the one user an import created. */
function onlyCreated(result: RosterImportResult): CreatedUser {
  const [created, ...others] = result.created;
  if (created === undefined || others.length > 0) {
    throw new Error(`expected one created user, got ${result.created.length}`);
  }
  return created;
}

function isRemovalOf(userId: string) {
  return ({ change }: ChangeMessage) =>
    change.kind === "user.remove" && change.userId === userId;
}

function isUpsertOf(userId: string) {
  return ({ change }: ChangeMessage) =>
    change.kind === "user.upsert" && change.user.id === userId;
}

function fixtureRowsExcept(...left: string[]): string[] {
  return Object.entries(FIXTURE_ROWS)
    .filter(([number]) => !left.includes(number))
    .map(([, row]) => row);
}

describe("new users", () => {
  test("with e-mail, PIN in outbox", async () => {
    const result = await importRoster([
      "E20,Maya,Okafor,maya@example.com,,A,Employee",
    ]);

    const created = onlyCreated(result);
    expect(created.delivery).toBe("email");
    expect(created.temporaryPin).toBeUndefined();
    const pin = await outboxPinOf(hub, created.userId);
    const signIn = await postSignIn(hub, "E20", { pin });
    expect(signIn.statusCode).toBe(200);
    expect(SessionView.parse(signIn.json()).mustChangePin).toBe(true);
  });

  test("without contact, PIN returned", async () => {
    const result = await importRoster(["E21,Ravi,Iyer,,,B,Employee"]);

    const created = onlyCreated(result);
    expect(created.delivery).toBe("in-person");
    expect(created.temporaryPin).toMatch(/^\d{6}$/);
    const signIn = await postSignIn(hub, "E21", {
      store: "B",
      pin: created.temporaryPin,
    });
    expect(signIn.statusCode).toBe(200);
  });

  test("with phone, by text message", async () => {
    const result = await importRoster([
      "E22,Ines,Duarte,,+351 912 345 678,A,Employee",
    ]);

    expect(onlyCreated(result).delivery).toBe("sms");
    expect(onlyCreated(result).temporaryPin).toBeUndefined();
  });

  test("listed by their store", async () => {
    await importRoster(["E21,Ravi,Iyer,,,B,Employee"]);

    expect((await rosterUser(hub, "B", "E21"))?.pinTemporary).toBe(true);
    expect(await rosterUser(hub, "A", "E21")).toBeUndefined();
  });

  test("pushed to the store", async () => {
    const tablet = await connectTablet("B");

    const result = await importRoster(["E21,Ravi,Iyer,,,B,Employee"]);

    const { userId } = onlyCreated(result);
    const message = await tablet.waitForChange(
      "new user E21",
      isUpsertOf(userId),
    );
    expect(message.change).toMatchObject({
      user: { employeeNumber: "E21", pinTemporary: true },
    });
  });
});

describe("updated users", () => {
  test("rename reaches tablets", async () => {
    const tablet = await connectTablet("A");

    const result = await importRoster(["E2,Omar,Haddad-Silva,,,A,Employee"]);

    expect(result.updated).toBe(1);
    const message = await tablet.waitForChange(
      "E2 renamed",
      isUpsertOf(userIdOf(hub, "E2")),
    );
    expect(message.change).toMatchObject({
      user: { lastName: "Haddad-Silva" },
    });
  });

  test("unchanged row changes nothing", async () => {
    const before = await latestSeq(hub);

    const result = await importRoster([FIXTURE_ROWS.E2 ?? ""]);

    expect(result.unchanged).toBe(1);
    const entries = await hub.context.storage.log.list({
      afterSeq: before,
      limit: 100,
    });
    expect(entries.map((entry) => entry.kind)).toEqual(["roster.import"]);
  });

  test("move A to B removes from A", async () => {
    const tabletA = await connectTablet("A");
    const tabletB = await connectTablet("B");
    const e2 = userIdOf(hub, "E2");

    await importRoster(["E2,Omar,Haddad,,,B,Employee"]);

    await tabletA.waitForChange("E2 removed", isRemovalOf(e2));
    await tabletB.waitForChange("E2 added", isUpsertOf(e2));
    expect(tabletA.changes.some(isUpsertOf(e2))).toBe(false);
    expect(await rosterUser(hub, "A", "E2")).toBeUndefined();
    expect((await rosterUser(hub, "B", "E2"))?.id).toBe(e2);
  });

  test("moved user signs in at B only", async () => {
    await importRoster(["E2,Omar,Haddad,,,B,Employee"]);

    const atA = await postSignIn(hub, "E2", { store: "A" });
    const atB = await postSignIn(hub, "E2", { store: "B" });

    expect(errorOf(atA).code).toBe("USER_NOT_FOUND");
    expect(atB.statusCode).toBe(200);
  });
});

describe("deactivate missing", () => {
  test("deactivates the unlisted", async () => {
    const result = await importRoster(fixtureRowsExcept("E2"), {
      deactivateMissing: true,
    });

    expect(result.deactivated).toBe(1);
    expect(errorOf(await postSignIn(hub, "E2")).code).toBe("USER_INACTIVE");
    expect(await rosterUser(hub, "A", "E2")).toBeUndefined();
  });

  test("ends their sessions", async () => {
    const token = await signInToken(hub, "E2");

    await importRoster(fixtureRowsExcept("E2"), { deactivateMissing: true });
    const response = await getJson(hub, "/api/kiosk/session", token);

    expect(response.statusCode).toBe(401);
  });

  test("tablets get a removal", async () => {
    const tablet = await connectTablet("A");
    const e2 = userIdOf(hub, "E2");

    await importRoster(fixtureRowsExcept("E2"), { deactivateMissing: true });
    const message = await tablet.waitForChange("E2 removed", isRemovalOf(e2));

    expect(message.change).toEqual({ kind: "user.remove", userId: e2 });
  });

  test("two-store user leaves both", async () => {
    const tabletA = await connectTablet("A");
    const tabletB = await connectTablet("B");
    const e6 = userIdOf(hub, "E6");

    await importRoster(fixtureRowsExcept("E6"), { deactivateMissing: true });

    await expect(
      tabletA.waitForChange("E6 removed at A", isRemovalOf(e6)),
    ).resolves.toBeDefined();
    await expect(
      tabletB.waitForChange("E6 removed at B", isRemovalOf(e6)),
    ).resolves.toBeDefined();
  });

  test("relisting reactivates", async () => {
    await importRoster(fixtureRowsExcept("E2"), { deactivateMissing: true });

    await importRoster([FIXTURE_ROWS.E2 ?? ""]);

    expect((await postSignIn(hub, "E2")).statusCode).toBe(200);
  });

  test("without the option, nobody", async () => {
    const result = await importRoster(fixtureRowsExcept("E2"));

    expect(result.deactivated).toBe(0);
    expect((await postSignIn(hub, "E2")).statusCode).toBe(200);
  });
});

test("import audited with counts", async () => {
  const before = await latestSeq(hub);

  await importRoster(
    [
      ...fixtureRowsExcept("E2", "E3"),
      "E3,Sofía,Martínez-Ruiz,,,A,Supervisor",
      "E21,Ravi,Iyer,,,B,Employee",
    ],
    { deactivateMissing: true },
  );

  const entries = await auditEntriesAfter(hub, before);
  expect(entries.find(({ kind }) => kind === "roster.import")).toMatchObject({
    outcome: "success",
    payload: {
      source: "roster.csv",
      created: 1,
      updated: 1,
      deactivated: 1,
      unchanged: 6,
    },
  });
});

test("roster lists the import", async () => {
  await importRoster(["E21,Ravi,Iyer,,,A|B,Employee"]);

  const numbersA = (await readRoster(hub, "A")).users.map(
    (user) => user.employeeNumber,
  );
  const numbersB = (await readRoster(hub, "B")).users.map(
    (user) => user.employeeNumber,
  );

  expect(numbersA).toContain("E21");
  expect(numbersB).toContain("E21");
});

describe("bad rows", () => {
  const ALIAS_HEADER =
    "Employee ID;Given name;last_name;E-Mail;Phone;Store;Role";

  test("one row, several problems", async () => {
    const { storage } = hub.context;
    const text = [
      ALIAS_HEADER,
      "E40;Maya;Okafor;;;A;Employee",
      "E41;Ravi;;not-an-email;;Z9;Employee",
    ].join("\n");

    const parsed = parseRoster(text, {
      stores: await storage.org.listStores(),
      roles: await storage.org.listRoles(),
    });

    expect(parsed.rows.map((row) => row.employeeNumber)).toEqual(["E40"]);
    expect(parsed.errors.map((error) => error.line)).toEqual([3, 3, 3]);
    expect(countBadRows(parsed.errors)).toBe(1);
  });

  test("column named as the file's header", async () => {
    const { storage } = hub.context;
    const text = [ALIAS_HEADER, "E41;Ravi;;not-an-email;;Z9;Employee"].join(
      "\n",
    );

    const parsed = parseRoster(text, {
      stores: await storage.org.listStores(),
      roles: await storage.org.listRoles(),
    });

    expect(
      parsed.errors.map(({ field, column }) => ({ field, column })),
    ).toEqual([
      { field: "lastName", column: "last_name" },
      { field: "email", column: "E-Mail" },
      { field: "stores", column: "Store" },
    ]);
  });
});
