import { EmployeeNumber } from "../../protocol";
import type { RoleId, StoreId } from "../../protocol";
import { readRosterCsv } from "./readRosterCsv";
import {
  ROSTER_COLUMNS,
  ROSTER_FIELDS,
  mapRosterHeader,
} from "./rosterColumns";
import type { ColumnPosition, RosterField } from "./rosterColumns";
import { indexRosterLookup } from "./rosterLookup";
import type { RosterLookup, RosterLookupIndex } from "./rosterLookup";
import { RosterRowFields } from "./rosterRow";
import type { RosterRow, RosterRowError } from "./rosterRow";

export type { RosterLookup } from "./rosterLookup";
export type { RosterRow, RosterRowError } from "./rosterRow";

/** Maximum characters of a cell value that a message quotes in full. */
const QUOTED_VALUE_MAX = 60;

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ",": "a comma",
  ";": "a semicolon",
  "\t": "a tab",
};

/**
 * Reads a roster file as HR systems export it and matches its stores and
 * roles to the organisation's. Every row either becomes a `RosterRow` or
 * yields one error per problem, so no row is ever half-read. Line numbers are
 * spreadsheet row numbers, the header being row 1.
 *
 * A problem with the file as a whole (malformed quoting, no header, a
 * missing required column, no data rows) is returned alone with no rows.
 * Employee numbers are compared ignoring case, as `planRosterImport` matches
 * them, so a repeated number is an error on every row after the first.
 */
export function parseRoster(
  text: string,
  lookup: RosterLookup,
): RosterParseResult {
  const csv = readRosterCsv(text);
  if (!csv.ok) {
    return { rows: [], errors: [csv.error] };
  }

  const [header, ...records] = csv.records;
  if (header === undefined) {
    return fileError(
      1,
      "The file is empty. Export the roster with a header row and one row per person.",
    );
  }

  const { positions, errors: headerErrors } = mapRosterHeader(
    header.cells,
    header.line,
  );
  if (headerErrors.length > 0) {
    return { rows: [], errors: headerErrors };
  }
  const headers = Object.fromEntries(
    Object.entries(positions).map(([field, position]) => [
      field,
      position.label,
    ]),
  );
  if (records.length === 0) {
    return fileError(
      header.line + 1,
      "The file has a header but no people. Add one row per person below it.",
    );
  }

  const context: RowContext = {
    positions,
    headerWidth: header.cells.length,
    delimiter: csv.delimiter,
    lookup: indexRosterLookup(lookup),
    firstLines: new Map(),
  };
  const rows: RosterRow[] = [];
  const errors: RosterRowError[] = [];
  for (const record of records) {
    const result = readRow(record.line, record.cells, context);
    if (result.ok) {
      rows.push(result.row);
    } else {
      errors.push(...result.errors);
    }
  }
  return { rows, errors, headers };
}

/** Checks one data row: its cell count, its cells, duplicates, stores, role. */
function readRow(
  line: number,
  cells: readonly string[],
  context: RowContext,
): RowResult {
  const cellOf = (field: RosterField): string => {
    const position = context.positions[field];
    return position === undefined ? "" : (cells[position.index] ?? "");
  };
  const employeeNumberCell = cellOf("employeeNumber").trim();
  const errorAt = (field: RosterField | undefined, message: string) => ({
    line,
    ...(employeeNumberCell === ""
      ? {}
      : { employeeNumber: employeeNumberCell }),
    ...(field === undefined
      ? {}
      : { field, column: labelOf(field, context.positions) }),
    message,
  });

  // Extra non-blank cells mean a value with an unquoted delimiter shifted the
  // row, so every later column would report a misleading error.
  const extraCells = cells.slice(context.headerWidth);
  if (extraCells.some((cell) => cell.trim() !== "")) {
    const delimiterName =
      DELIMITER_NAMES[context.delimiter] ?? `"${context.delimiter}"`;
    const filledWidth = cells.findLastIndex((cell) => cell.trim() !== "") + 1;
    return {
      ok: false,
      errors: [
        errorAt(
          undefined,
          `The row has ${filledWidth} cells but the header has ` +
            `${context.headerWidth}. Put quotes around each value that ` +
            `contains ${delimiterName}.`,
        ),
      ],
    };
  }

  const errors: RosterRowError[] = [];
  const duplicateMessage = checkDuplicate(employeeNumberCell, line, context);
  if (duplicateMessage !== undefined) {
    errors.push(errorAt("employeeNumber", duplicateMessage));
  }

  const raw = Object.fromEntries(
    ROSTER_FIELDS.map((field) => [field, cellOf(field)]),
  );
  const parsed = RosterRowFields.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as RosterField;
      const label = labelOf(field, context.positions);
      errors.push(
        errorAt(field, describeCell(label, cellOf(field), issue.message)),
      );
    }
  }

  // Stores and role are looked up even when another cell is invalid, so the
  // preview lists every problem of the row at once.
  const storeIds: StoreId[] = [];
  const stores = RosterRowFields.shape.stores.safeParse(cellOf("stores"));
  for (const entry of stores.success ? stores.data : []) {
    const store = context.lookup.resolveStore(entry);
    if (!store.ok) {
      const label = labelOf("stores", context.positions);
      errors.push(errorAt("stores", describeCell(label, entry, store.message)));
    } else if (!storeIds.includes(store.id)) {
      storeIds.push(store.id);
    }
  }

  let roleId: RoleId | undefined;
  const roleName = RosterRowFields.shape.role.safeParse(cellOf("role"));
  if (roleName.success) {
    const role = context.lookup.resolveRole(roleName.data);
    if (role.ok) {
      roleId = role.id;
    } else {
      const label = labelOf("role", context.positions);
      errors.push(
        errorAt("role", describeCell(label, roleName.data, role.message)),
      );
    }
  }

  if (!parsed.success || roleId === undefined || errors.length > 0) {
    return { ok: false, errors };
  }
  const fields = parsed.data;
  return {
    ok: true,
    row: {
      line,
      employeeNumber: fields.employeeNumber,
      firstName: fields.firstName,
      lastName: fields.lastName,
      email: fields.email,
      phone: fields.phone,
      storeIds,
      roleId,
    },
  };
}

/**
 * Records the first line of each valid employee number and returns a message
 * for a number seen on an earlier line, compared ignoring case.
 */
function checkDuplicate(
  employeeNumberCell: string,
  line: number,
  context: RowContext,
): string | undefined {
  if (!EmployeeNumber.safeParse(employeeNumberCell).success) {
    return undefined;
  }
  const key = employeeNumberCell.toLowerCase();
  const first = context.firstLines.get(key);
  if (first === undefined) {
    context.firstLines.set(key, { line, written: employeeNumberCell });
    return undefined;
  }
  const spelling =
    first.written === employeeNumberCell ? "" : ` as "${first.written}"`;
  return (
    `Employee number "${employeeNumberCell}" is already on line ` +
    `${first.line}${spelling}. List each person once, or correct the number.`
  );
}

/** Returns the column's header as written in the file, or its usual name. */
function labelOf(
  field: RosterField,
  positions: Partial<Record<RosterField, ColumnPosition>>,
): string {
  return positions[field]?.label ?? ROSTER_COLUMNS[field].label;
}

/** Joins a column, the cell's value and a message into one sentence. */
function describeCell(label: string, value: string, message: string): string {
  const trimmed = value.trim();
  const characters = [...trimmed];
  const quotedValue =
    characters.length > QUOTED_VALUE_MAX
      ? `${characters.slice(0, QUOTED_VALUE_MAX).join("")}…`
      : trimmed;
  const sentence =
    trimmed === ""
      ? `${label} ${message}`
      : `${label} "${quotedValue}" ${message}`;
  return sentence.endsWith(".") ? sentence : `${sentence}.`;
}

function fileError(line: number, message: string): RosterParseResult {
  return { rows: [], errors: [{ line, message }] };
}

export interface RosterParseResult {
  /** Rows without any problem, in file order. */
  readonly rows: RosterRow[];
  /** Every problem found, in file order. */
  readonly errors: RosterRowError[];
  /** Header of each column found, as the file wrote it; absent on a file error. */
  readonly headers?: Partial<Record<RosterField, string>>;
}

/** State shared by the rows of one file while they are read. */
interface RowContext {
  readonly positions: Partial<Record<RosterField, ColumnPosition>>;
  readonly headerWidth: number;
  readonly delimiter: string;
  readonly lookup: RosterLookupIndex;
  /** First line and spelling of each employee number, by lowercased number. */
  readonly firstLines: Map<string, { line: number; written: string }>;
}

type RowResult =
  | { readonly ok: true; readonly row: RosterRow }
  | { readonly ok: false; readonly errors: RosterRowError[] };
