import { CsvError, parse } from "csv-parse/sync";
import type { RosterRowError } from "./rosterRow";

/** Field delimiters a roster file may use, the first one winning a tie. */
const DELIMITERS = [",", ";", "\t"] as const;

/** The hint line Excel reads and writes, such as `sep=;`. */
const SEPARATOR_HINT = /^sep=(.)(?:\r\n|\r|\n)/i;

/**
 * Splits a roster file into records of cells. It accepts what spreadsheets
 * write: a UTF-8 byte-order mark, a `sep=` hint line, comma, semicolon or tab
 * delimiters, CRLF, LF or CR line ends and quoted cells with delimiters or
 * line breaks inside, and spaces around a quoted cell.
 *
 * The delimiter is the one of comma, semicolon and tab that occurs most often
 * outside quotes in the first non-blank line, which is the header.
 *
 * Each record carries its row number as a spreadsheet shows it: blank rows
 * count, a line break inside a quoted cell does not, and the `sep=` line is
 * hidden as Excel hides it. Blank records, empty or only delimiters and
 * whitespace, are left out. Malformed quoting fails the whole file, because
 * the rows after it cannot be trusted.
 */
export function readRosterCsv(text: string): RosterCsvResult {
  let body = text.replace(/^\uFEFF/, "");
  let delimiter: string | undefined;
  const hint = SEPARATOR_HINT.exec(body);
  if (hint !== null) {
    delimiter = hint[1];
    body = body.slice(hint[0].length);
  }
  delimiter ??= detectDelimiter(firstNonBlankLine(body));

  let cellsOfRecords: string[][];
  try {
    cellsOfRecords = parse(body, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      return { ok: false, error: describeCsvError(error) };
    }
    throw error;
  }

  const records: RosterCsvRecord[] = [];
  cellsOfRecords.forEach((cells, index) => {
    if (cells.some((cell) => cell.trim() !== "")) {
      records.push({ line: index + 1, cells });
    }
  });
  return { ok: true, delimiter, records };
}

/** Picks the delimiter that occurs most often outside quotes in `line`. */
export function detectDelimiter(line: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const character of line) {
    if (character === '"') {
      quoted = !quoted;
    } else if (!quoted && isDelimiter(character)) {
      counts.set(character, (counts.get(character) ?? 0) + 1);
    }
  }

  let best: string = DELIMITERS[0];
  for (const candidate of DELIMITERS) {
    if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) {
      best = candidate;
    }
  }
  return best;
}

function isDelimiter(character: string): boolean {
  return (DELIMITERS as readonly string[]).includes(character);
}

function firstNonBlankLine(body: string): string {
  const line = body.split(/\r\n|\r|\n/).find((candidate) => {
    return candidate.trim() !== "";
  });
  return line ?? "";
}

/** Turns a csv-parse syntax error into a message at the row it occurred in. */
function describeCsvError(error: CsvError): RosterRowError {
  // csv-parse counts the records it finished, blank ones included, so the
  // failing record is the next one.
  const line = typeof error.records === "number" ? error.records + 1 : 1;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return {
        line,
        message:
          "A quoted cell starting on this row is never closed. " +
          'Add the closing " or remove the opening one.',
      };
    case "INVALID_OPENING_QUOTE":
      return {
        line,
        message:
          'A cell contains a " but does not start with one. Quote the ' +
          'whole cell and write each " inside it as "".',
      };
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return {
        line,
        message:
          "A quoted cell has text after its closing quote. Quote the whole " +
          'cell and write each " inside it as "".',
      };
    case "CSV_MAX_RECORD_SIZE":
      return {
        line,
        message:
          "The row is too long to be a roster row. Check that the file is " +
          "a CSV export of the roster.",
      };
    default:
      return {
        line,
        message: `The file could not be read as CSV: ${error.message}. Export it again as CSV.`,
      };
  }
}

export type RosterCsvResult =
  | {
      readonly ok: true;
      readonly delimiter: string;
      readonly records: RosterCsvRecord[];
    }
  | { readonly ok: false; readonly error: RosterRowError };

/** One non-blank record of the file. */
export interface RosterCsvRecord {
  /** Row number as a spreadsheet shows it, the first record being row 1. */
  readonly line: number;
  readonly cells: string[];
}
