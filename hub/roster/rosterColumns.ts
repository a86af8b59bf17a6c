import type { RosterRowError } from "./rosterRow";

/**
 * The columns of a roster file. A header cell matches a column when it equals
 * one of the column's header names once both are lowercased and stripped of
 * spaces, underscores, dashes and dots, so `Employee number`,
 * `employee_number` and `EmployeeNumber` all match.
 */
export const ROSTER_COLUMNS = {
  employeeNumber: {
    label: "Employee number",
    required: true,
    headerNames: [
      "employee_number",
      "Employee number",
      "Employee no",
      "Employee ID",
      "Emp no",
      "Staff number",
      "Personnel number",
    ],
  },
  firstName: {
    label: "First name",
    required: true,
    headerNames: ["first_name", "First name", "Given name", "Forename"],
  },
  lastName: {
    label: "Last name",
    required: true,
    headerNames: ["last_name", "Last name", "Surname", "Family name"],
  },
  email: {
    label: "E-mail",
    required: false,
    headerNames: ["email", "E-mail", "E-mail address", "Mail"],
  },
  phone: {
    label: "Phone",
    required: false,
    headerNames: [
      "phone",
      "Phone number",
      "Mobile",
      "Mobile phone",
      "Telephone",
    ],
  },
  stores: {
    label: "Store",
    required: true,
    headerNames: ["store", "Stores", "Store code", "Store codes"],
  },
  role: {
    label: "Role",
    required: true,
    headerNames: ["role", "Role name"],
  },
} as const satisfies Record<string, RosterColumn>;

export type RosterField = keyof typeof ROSTER_COLUMNS;

export const ROSTER_FIELDS = Object.keys(ROSTER_COLUMNS) as RosterField[];

/**
 * Finds each roster column in the header row. Cells that match no column are
 * ignored, because HR exports carry columns of their own. A missing required
 * column, or two cells for one column, is an error at the header's line.
 */
export function mapRosterHeader(
  headerCells: readonly string[],
  headerLine: number,
): RosterHeaderMapping {
  const positions: Partial<Record<RosterField, ColumnPosition>> = {};
  const errors: RosterRowError[] = [];

  headerCells.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field === undefined) {
      return;
    }
    const label = cell.trim();
    const earlier = positions[field];
    if (earlier !== undefined) {
      errors.push({
        line: headerLine,
        field,
        column: label,
        message:
          `Columns ${earlier.index + 1} ("${earlier.label}") and ` +
          `${index + 1} ("${label}") are both the ` +
          `${ROSTER_COLUMNS[field].label} column. Delete one of them.`,
      });
      return;
    }
    positions[field] = { index, label };
  });

  for (const field of ROSTER_FIELDS) {
    const column = ROSTER_COLUMNS[field];
    if (column.required && positions[field] === undefined) {
      errors.push({
        line: headerLine,
        field,
        column: column.label,
        message:
          `The ${column.label} column is missing. Add a header cell named ` +
          `one of: ${column.headerNames.join(", ")}. ` +
          "Case, spaces, dashes and underscores do not matter.",
      });
    }
  }

  return { positions, errors };
}

/** Reduces a header name to the form compared when matching columns. */
export function normalizeHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[\s_.-]/g, "");
}

function fieldOfHeader(cell: string): RosterField | undefined {
  const normalized = normalizeHeaderName(cell);
  if (normalized === "") {
    return undefined;
  }
  return ROSTER_FIELDS.find((field) =>
    ROSTER_COLUMNS[field].headerNames.some(
      (name) => normalizeHeaderName(name) === normalized,
    ),
  );
}

/** A column of the roster file and the header names that select it. */
interface RosterColumn {
  /** Name of the column in messages. */
  readonly label: string;
  readonly required: boolean;
  readonly headerNames: readonly string[];
}

/** Position of a column in the file, with its header cell as written. */
export interface ColumnPosition {
  /** Zero-based index of the cell in each record. */
  readonly index: number;
  readonly label: string;
}

export interface RosterHeaderMapping {
  /** Position of each column found. Optional columns may be absent. */
  readonly positions: Partial<Record<RosterField, ColumnPosition>>;
  readonly errors: RosterRowError[];
}
