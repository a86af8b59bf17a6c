import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, RoleId, StoreId } from "../../protocol";
import { parseRoster } from "../../hub/roster/parseRoster";
import type { RosterLookup } from "../../hub/roster/parseRoster";

const HEADER = "employee_number,first_name,last_name,email,phone,store,role";

const S01 = StoreId.parse("s01");
const S02 = StoreId.parse("s02");
const S03 = StoreId.parse("s03");

const LOOKUP: RosterLookup = {
  stores: [
    { id: S01, code: "S01", name: "Downtown" },
    { id: S02, code: "S02", name: "Harbour" },
    { id: S03, code: "S03", name: "Airport" },
  ],
  roles: BUILT_IN_ROLES.map((role) => ({
    id: RoleId.parse(role.id),
    name: role.name,
    level: role.level,
  })),
};

const DEMO_ROSTER = readFileSync(
  new URL("../../hub/demo/roster.csv", import.meta.url),
  "utf8",
);

const EXCEL_ROSTER = readFileSync(
  new URL("../fixtures/roster/excel-semicolons.csv", import.meta.url),
  "utf8",
);

describe("parseRoster, demo roster", () => {
  const result = parseRoster(DEMO_ROSTER, LOOKUP);

  it("has no errors", () => {
    expect(result.errors).toEqual([]);
  });

  it("has 120 people", () => {
    expect(result.rows).toHaveLength(120);
  });

  it("reads the first manager", () => {
    expect(result.rows.find((row) => row.employeeNumber === "E1004")).toEqual({
      line: 5,
      employeeNumber: "E1004",
      firstName: "Marek",
      lastName: "Nowak",
      email: "marek.nowak@example.com",
      phone: "+15550100",
      storeIds: [S01],
      roleId: "manager",
    });
  });

  it("reads a quoted comma", () => {
    const row = result.rows.find((row) => row.employeeNumber === "E1018");
    expect(row?.lastName).toBe("García, Jr.");
  });

  it("reads two stores", () => {
    const row = result.rows.find((row) => row.employeeNumber === "E1012");
    expect(row?.storeIds).toEqual([S01, S02]);
  });
});

describe("parseRoster, Excel habits", () => {
  it("reads the Excel fixture", () => {
    const result = parseRoster(EXCEL_ROSTER, LOOKUP);
    expect(result.errors).toEqual([]);
  });

  it("keeps spreadsheet line numbers", () => {
    const result = parseRoster(EXCEL_ROSTER, LOOKUP);
    expect(result.rows.map((row) => row.line)).toEqual([2, 3, 5, 6]);
  });

  it("reads the Excel fixture rows", () => {
    const result = parseRoster(EXCEL_ROSTER, LOOKUP);
    expect(result.rows.map((row) => [row.lastName, row.storeIds])).toEqual([
      ["Lima", [S01]],
      ["Chen", [S02]],
      ["García; Jr.", [S01, S02]],
      ["Иванова", [S01]],
    ]);
  });

  it("strips a byte-order mark", () => {
    const result = parseRoster(
      `\uFEFF${HEADER}\nE1,Ana,Lima,,,S01,Employee\n`,
      LOOKUP,
    );
    expect(result.errors).toEqual([]);
  });

  it("reads semicolons", () => {
    const text = `${HEADER.replaceAll(",", ";")}\nE1;Ana;Lima;;;S01;Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.lastName).toBe("Lima");
  });

  it("reads tabs", () => {
    const text = `${HEADER.replaceAll(",", "\t")}\nE1\tAna\tLima\t\t\tS01\tEmployee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.lastName).toBe("Lima");
  });

  it("follows a sep= hint line", () => {
    const text = `sep=;\r\n${HEADER.replaceAll(",", ";")}\r\nE1;Ana;Lima, Jr.;;;S01;Employee\r\n`;
    expect(parseRoster(text, LOOKUP).rows[0]).toMatchObject({
      line: 2,
      lastName: "Lima, Jr.",
    });
  });

  it("reads CRLF line numbers", () => {
    const text = `${HEADER}\r\nE1,Ana,Lima,,,S01,Employee\r\nE2,Omar,Haddad,,,S01,Employee\r\n`;
    expect(parseRoster(text, LOOKUP).rows.map((row) => row.line)).toEqual([
      2, 3,
    ]);
  });

  it("reads CRLF role cleanly", () => {
    const text = `${HEADER}\r\nE1,Ana,Lima,,,S01,Employee\r\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.roleId).toBe("employee");
  });

  it("reads old Mac line ends", () => {
    const text = `${HEADER}\rE1,Ana,Lima,,,S01,Employee\rE2,Omar,Haddad,,,S01,Employee\r`;
    expect(parseRoster(text, LOOKUP).rows.map((row) => row.line)).toEqual([
      2, 3,
    ]);
  });

  it("reads quoted commas", () => {
    const text = `${HEADER}\nE1,"Ana, María","Lima, Jr.",,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]).toMatchObject({
      firstName: "Ana, María",
      lastName: "Lima, Jr.",
    });
  });

  it("reads doubled quotes", () => {
    const text = `${HEADER}\nE1,"Ana ""Nita""",Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.firstName).toBe('Ana "Nita"');
  });

  it("skips blank lines, keeps numbering", () => {
    const text = `${HEADER}\n\nE1,Ana,Lima,,,S01,Employee\n   \n,,,,,,\nE2,Omar,Haddad,,,S01,Employee\n\n`;
    expect(parseRoster(text, LOOKUP).rows.map((row) => row.line)).toEqual([
      3, 6,
    ]);
  });

  it("skips blank lines before header", () => {
    const text = `\n\n${HEADER}\nE1,Ana,Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.line).toBe(4);
  });

  it("accepts missing trailing cells", () => {
    const text = `employee_number,first_name,last_name,store,role,email,phone\nE1,Ana,Lima,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]).toMatchObject({
      email: null,
      phone: null,
    });
  });

  it("ignores trailing empty cells", () => {
    const text = `${HEADER},,\nE1,Ana,Lima,,,S01,Employee,,\n`;
    expect(parseRoster(text, LOOKUP).errors).toEqual([]);
  });
});

describe("parseRoster, names in any script", () => {
  it.each([
    ["Spanish", "Begoña", "Ibáñez"],
    ["Portuguese", "João", "Gonçalves"],
    ["Polish", "Łukasz", "Wiśniewski"],
    ["Vietnamese", "Thị Lan", "Nguyễn"],
    ["Turkish", "Çağrı", "Öztürk"],
    ["Cyrillic", "Ольга", "Иванова"],
    ["Greek", "Νίκος", "Παπαδόπουλος"],
    ["Arabic", "ليلى", "منصور"],
    ["Hebrew", "נועה", "כהן"],
    ["Chinese", "明", "李"],
    ["Japanese", "陽菜", "佐藤"],
    ["Korean", "지민", "김"],
    ["Devanagari", "प्रिया", "शर्मा"],
    ["Thai", "สมชาย", "ใจดี"],
  ])("%s", (_script, firstName, lastName) => {
    const text = `${HEADER}\nE1,${firstName},${lastName},,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]).toMatchObject({
      firstName,
      lastName,
    });
  });

  it("normalizes decomposed accents", () => {
    const decomposed = "Sofi\u0301a";
    const text = `${HEADER}\nE1,${decomposed},Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.firstName).toBe("Sof\u00EDa");
  });

  it("collapses inner whitespace", () => {
    const text = `${HEADER}\nE1,"  Ana   María ",Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.firstName).toBe("Ana María");
  });

  it("counts characters, not code units", () => {
    const name = "𠀀".repeat(100);
    const text = `${HEADER}\nE1,${name},Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors).toEqual([]);
  });
});

describe("parseRoster, header variants", () => {
  it.each([
    "Employee number,First name,Last name,E-mail,Phone,Store,Role",
    "employee_number,first_name,last_name,email,phone,store,role",
    "EmployeeNumber,FirstName,LastName,Email,Phone,Store,Role",
    " EMPLOYEE NUMBER , First  Name ,LAST_NAME,e-mail,PHONE,STORE,ROLE",
    "Employee No.,Given name,Surname,E-mail address,Mobile,Stores,Role name",
    "Staff number,Forename,Family name,Mail,Telephone,Store code,Role",
  ])("%s", (header) => {
    const text = `${header}\nE1,Ana,Lima,ana@example.com,+1 555 0100,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]).toEqual({
      line: 2,
      employeeNumber: "E1",
      firstName: "Ana",
      lastName: "Lima",
      email: "ana@example.com",
      phone: "+15550100",
      storeIds: [S01],
      roleId: "employee",
    });
  });

  it("takes columns in any order", () => {
    const text = `Role,Store,Last name,First name,Department,Employee number\nManager,S02,Lima,Ana,Sales,E1\n`;
    expect(parseRoster(text, LOOKUP).rows[0]).toMatchObject({
      employeeNumber: "E1",
      storeIds: [S02],
      roleId: "manager",
    });
  });

  it("reads absent optional columns", () => {
    const text = `Employee number,First name,Last name,Store,Role\nE1,Ana,Lima,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]).toMatchObject({
      email: null,
      phone: null,
    });
  });
});

describe("parseRoster, cell values", () => {
  it.each([
    ["+1 555 0199", "+15550199"],
    ["+1 (555) 019-9", "+15550199"],
    ["+1.555.0199", "+15550199"],
    ["+44 20 7946 0958", "+442079460958"],
    ["", null],
    ["   ", null],
  ])("phone %j", (cell, expected) => {
    const text = `${HEADER}\nE1,Ana,Lima,,${cell},S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.phone).toBe(expected);
  });

  it("trims e-mail", () => {
    const text = `${HEADER}\nE1,Ana,Lima, ana@example.com ,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.email).toBe("ana@example.com");
  });

  it("matches store name, any case", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,harbour|AIRPORT,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.storeIds).toEqual([S02, S03]);
  });

  it("matches store code, any case", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,s03,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.storeIds).toEqual([S03]);
  });

  it("drops repeated stores", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,S01 | Downtown |S01|,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.storeIds).toEqual([S01]);
  });

  it("matches role, any case", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,S01, sUPERVISOR \n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.roleId).toBe("supervisor");
  });

  it("prefers store code over name", () => {
    const lookup: RosterLookup = {
      ...LOOKUP,
      stores: [
        { id: S01, code: "S01", name: "North" },
        { id: S02, code: "North", name: "Harbour" },
      ],
    };
    const text = `${HEADER}\nE1,Ana,Lima,,,north,Employee\n`;
    expect(parseRoster(text, lookup).rows[0]?.storeIds).toEqual([S02]);
  });
});

describe("parseRoster, malformed rows", () => {
  it.each([
    ["empty employee number", ",Ana,Lima,,,S01,Employee", "employeeNumber"],
    ["spaced employee number", "E 1,Ana,Lima,,,S01,Employee", "employeeNumber"],
    ["empty first name", "E1,,Lima,,,S01,Employee", "firstName"],
    ["blank last name", "E1,Ana,  ,,,S01,Employee", "lastName"],
    [
      "long first name",
      `E1,${"a".repeat(101)},Lima,,,S01,Employee`,
      "firstName",
    ],
    ["line break in name", 'E1,"An\na",Lima,,,S01,Employee', "firstName"],
    ["tab in name", 'E1,"An\ta",Lima,,,S01,Employee', "firstName"],
    ["unreadable character", "E1,Sof\uFFFDa,Lima,,,S01,Employee", "firstName"],
    ["invalid e-mail", "E1,Ana,Lima,ana@,,S01,Employee", "email"],
    ["e-mail without domain", "E1,Ana,Lima,ana,,S01,Employee", "email"],
    ["phone without plus", "E1,Ana,Lima,,555 0100,S01,Employee", "phone"],
    ["phone too short", "E1,Ana,Lima,,+1 555,S01,Employee", "phone"],
    ["phone too long", "E1,Ana,Lima,,+1234567890123456,S01,Employee", "phone"],
    ["phone with letters", "E1,Ana,Lima,,+1 555 CALL,S01,Employee", "phone"],
    ["empty store", "E1,Ana,Lima,,,,Employee", "stores"],
    ["only separators", "E1,Ana,Lima,,,|,Employee", "stores"],
    ["unknown store", "E1,Ana,Lima,,,S09,Employee", "stores"],
    ["one unknown store", "E1,Ana,Lima,,,S01|S09,Employee", "stores"],
    ["empty role", "E1,Ana,Lima,,,S01,", "role"],
    ["unknown role", "E1,Ana,Lima,,,S01,Cashier", "role"],
  ])("%s", (_name, row, field) => {
    const text = `${HEADER}\nE0,Omar,Haddad,,,S01,Employee\n${row}\n`;
    expect(parseRoster(text, LOOKUP).errors).toEqual([
      expect.objectContaining({ line: 3, field }),
    ]);
  });

  it("keeps a bad row out", () => {
    const text = `${HEADER}\nE0,Omar,Haddad,,,S01,Employee\nE1,Ana,Lima,ana@,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows.map((row) => row.line)).toEqual([2]);
  });

  it("reports every field of a row", () => {
    const text = `${HEADER}\nE1,,Lima,ana@,555,S09,Cashier\n`;
    expect(
      parseRoster(text, LOOKUP).errors.map((error) => error.field),
    ).toEqual(["firstName", "email", "phone", "stores", "role"]);
  });

  it("names the employee number", () => {
    const text = `${HEADER}\nE1,,Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.employeeNumber).toBe("E1");
  });

  it("explains an invalid e-mail", () => {
    const text = `${HEADER}\nE1,Ana,Lima,ana@,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toBe(
      'email "ana@" must be an e-mail address such as name@example.com, or empty.',
    );
  });

  it("explains an empty name", () => {
    const text = `${HEADER}\nE1,Ana,,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toBe(
      "last_name must not be empty. Fill it in or delete the row.",
    );
  });

  it("explains a phone without plus", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,15550100,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toMatch(
      /^phone "15550100" must be \+ and 7 to 15 digits.*keeps the \+\.$/,
    );
  });

  it("shortens a long value", () => {
    const text = `${HEADER}\nE1,${"a".repeat(101)},Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toBe(
      `first_name "${"a".repeat(60)}…" must have at most 100 characters. Shorten it.`,
    );
  });

  it("explains an unknown store", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,S09,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toBe(
      'store "S09" is not a known store. Use a store code or name: S01 (Downtown), S02 (Harbour), S03 (Airport).',
    );
  });

  it("explains an unknown role", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,S01,Cashier\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toBe(
      'role "Cashier" is not a known role. Use one of: Employee, Supervisor, Manager, Administrator.',
    );
  });

  it("shortens a long store list", () => {
    const stores = Array.from({ length: 15 }, (_, index) => ({
      id: StoreId.parse(`store-${index + 1}`),
      code: `T${index + 1}`,
      name: `Town ${index + 1}`,
    }));
    const text = `${HEADER}\nE1,Ana,Lima,,,S01,Employee\n`;
    expect(parseRoster(text, { ...LOOKUP, stores }).errors[0]?.message).toMatch(
      /T10 \(Town 10\) and 5 more\.$/,
    );
  });

  it("explains an ambiguous store name", () => {
    const lookup: RosterLookup = {
      ...LOOKUP,
      stores: [
        { id: S01, code: "S01", name: "Central" },
        { id: S02, code: "S02", name: "Central" },
      ],
    };
    const text = `${HEADER}\nE1,Ana,Lima,,,central,Employee\n`;
    expect(parseRoster(text, lookup).errors[0]?.message).toBe(
      'store "central" is the name of 2 stores. Use the store code instead: S01, S02.',
    );
  });

  it("explains missing stores", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,S01,Employee\n`;
    expect(
      parseRoster(text, { ...LOOKUP, stores: [] }).errors[0]?.message,
    ).toMatch(/no stores yet/);
  });

  it("rejects an unquoted comma", () => {
    const text = `${HEADER}\nE1,Luis,García, Jr.,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors).toEqual([
      {
        line: 2,
        employeeNumber: "E1",
        message:
          "The row has 8 cells but the header has 7. Put quotes around each value that contains a comma.",
      },
    ]);
  });

  it("counts cells up to the last value", () => {
    const text = `${HEADER}\nE1,Luis,García, Jr.,,,S01,Employee,,\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toMatch(
      /^The row has 8 cells but the header has 7\./,
    );
  });

  it("rejects an unclosed quote", () => {
    const text = `${HEADER}\nE1,Ana,Lima,,,S01,Employee\nE2,"Omar,Haddad,,,S01,Employee\nE3,Wei,Chen,,,S02,Employee\n`;
    expect(parseRoster(text, LOOKUP)).toEqual({
      rows: [],
      errors: [{ line: 3, message: expect.stringMatching(/never closed/) }],
    });
  });

  it("rejects a stray quote", () => {
    const text = `${HEADER}\nE1,Ana,O"Brien,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors).toEqual([
      { line: 2, message: expect.stringMatching(/does not start with one/) },
    ]);
  });

  it("accepts spaces around quotes", () => {
    const text = `${HEADER}\nE1, "Ana" , "Lima, Jr." ,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).rows[0]?.lastName).toBe("Lima, Jr.");
  });

  it("rejects text after a quote", () => {
    const text = `${HEADER}\nE1,"Ana"x,Lima,,,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors).toEqual([
      { line: 2, message: expect.stringMatching(/after its closing quote/) },
    ]);
  });
});

describe("parseRoster, file errors", () => {
  it("rejects an empty file", () => {
    expect(parseRoster("\uFEFF\r\n\r\n", LOOKUP)).toEqual({
      rows: [],
      errors: [{ line: 1, message: expect.stringMatching(/empty/) }],
    });
  });

  it("rejects a header alone", () => {
    expect(parseRoster(`${HEADER}\r\n`, LOOKUP).errors).toEqual([
      { line: 2, message: expect.stringMatching(/no people/) },
    ]);
  });

  it("names a missing column", () => {
    const text = `employee_number,first_name,last_name,store\nE1,Ana,Lima,S01\n`;
    expect(parseRoster(text, LOOKUP)).toEqual({
      rows: [],
      errors: [
        {
          line: 1,
          field: "role",
          column: "Role",
          message:
            "The Role column is missing. Add a header cell named one of: role, Role name. Case, spaces, dashes and underscores do not matter.",
        },
      ],
    });
  });

  it("names each missing column", () => {
    const text = `employee number,first name,last name\nE1,Ana,Lima\n`;
    expect(
      parseRoster(text, LOOKUP).errors.map((error) => error.field),
    ).toEqual(["stores", "role"]);
  });

  it("lists accepted employee number headers", () => {
    const text = `Number,First name,Last name,Store,Role\nE1,Ana,Lima,S01,Employee\n`;
    expect(parseRoster(text, LOOKUP).errors[0]?.message).toMatch(
      /employee_number, Employee number, .*Staff number/,
    );
  });

  it("rejects a repeated column", () => {
    const text = `${HEADER},E-mail\nE1,Ana,Lima,,,S01,Employee,\n`;
    expect(parseRoster(text, LOOKUP).errors).toEqual([
      {
        line: 1,
        field: "email",
        column: "E-mail",
        message:
          'Columns 4 ("email") and 8 ("E-mail") are both the E-mail column. Delete one of them.',
      },
    ]);
  });
});

describe("parseRoster, duplicates", () => {
  const text = [
    HEADER,
    "E1,Ana,Lima,,,S01,Employee",
    "E2,Omar,Haddad,,,S01,Employee",
    "E1,Ana,Lima,,,S02,Employee",
    "e1,Ana,Lima,,,S03,Employee",
    "",
  ].join("\n");
  const result = parseRoster(text, LOOKUP);

  it("keeps the first row", () => {
    expect(result.rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it("reports each later row", () => {
    expect(result.errors.map((error) => error.line)).toEqual([4, 5]);
  });

  it("names the first line", () => {
    expect(result.errors[0]?.message).toBe(
      'Employee number "E1" is already on line 2. List each person once, or correct the number.',
    );
  });

  it("ignores case", () => {
    expect(result.errors[1]?.message).toMatch(
      /^Employee number "e1" is already on line 2 as "E1"\./,
    );
  });
});
