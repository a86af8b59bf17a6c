import { z } from "zod";
import { EmployeeNumber } from "../../protocol";
import type { RoleId, StoreId } from "../../protocol";

export const NAME_MAX_CHARACTERS = 100;

/** Separator between the stores of one person in the store column. */
export const STORE_SEPARATOR = "|";

/** Characters people put into phone numbers for readability. */
const PHONE_PUNCTUATION = /[\s().-]/g;

/** `+`, then the country code and number: 7 to 15 digits as in E.164. */
const PHONE_PATTERN = /^\+\d{7,15}$/;

/**
 * One data row of a roster file after its header is mapped, with every cell
 * still as text. Store and role names are checked against the organisation
 * later, by `parseRoster`. Each message continues a sentence that starts
 * with the column name and the cell's value.
 */
export const RosterRowFields = z.object({
  employeeNumber: z
    .string()
    .trim()
    .min(1, { error: "must not be empty. Fill it in or delete the row" })
    .pipe(EmployeeNumber),
  firstName: personName(),
  lastName: personName(),
  email: z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : value))
    .pipe(
      z
        .email({
          error: "must be an e-mail address such as name@example.com, or empty",
        })
        .nullable(),
    ),
  phone: z
    .string()
    .transform((value) => value.replace(PHONE_PUNCTUATION, ""))
    .transform((value) => (value === "" ? null : value))
    .pipe(
      z
        .string()
        .regex(PHONE_PATTERN, {
          error:
            "must be + and 7 to 15 digits, such as +1 555 0100, or empty. " +
            "Format the column as text so the spreadsheet keeps the +",
        })
        .nullable(),
    ),
  stores: z
    .string()
    .transform(splitStores)
    .pipe(
      z.array(z.string()).min(1, {
        error: `must name at least one store, several separated by ${STORE_SEPARATOR}`,
      }),
    ),
  role: z
    .string()
    .trim()
    .min(1, { error: "must not be empty. Fill in a role such as Employee" }),
});
export type RosterRowFields = z.infer<typeof RosterRowFields>;

/**
 * Builds the schema of a first or last name: trimmed, inner runs of
 * whitespace made one space, Unicode NFC so that a name typed on different
 * systems compares equal, and 1 to 100 characters of any script.
 */
function personName() {
  return z
    .string()
    .transform((value) => value.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, { error: "must not be empty. Fill it in or delete the row" })
        .refine((value) => !value.includes("\uFFFD"), {
          error:
            "contains an unreadable character (\uFFFD). " +
            'Save the file as "CSV UTF-8" and upload it again',
        })
        .refine((value) => !/\p{Cc}/u.test(value), {
          error: "must not contain line breaks, tabs or control characters",
        })
        .transform((value) => value.replace(/\s+/g, " "))
        .refine((value) => [...value].length <= NAME_MAX_CHARACTERS, {
          error: `must have at most ${NAME_MAX_CHARACTERS} characters. Shorten it`,
        }),
    );
}

/** Splits a store cell such as `S01 | S02` into trimmed, non-empty entries. */
function splitStores(cell: string): string[] {
  return cell
    .split(STORE_SEPARATOR)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/** One person of a roster file, checked and matched to stores and a role. */
export interface RosterRow {
  /** Row number as a spreadsheet shows it, the header being row 1. */
  readonly line: number;
  readonly employeeNumber: EmployeeNumber;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  /** Digits with a leading `+`, the punctuation removed. */
  readonly phone: string | null;
  /** Distinct stores, in the order the file lists them. */
  readonly storeIds: StoreId[];
  readonly roleId: RoleId;
}

/** One problem found in a roster file, for the import preview. */
export interface RosterRowError {
  /** Row number as a spreadsheet shows it, the header being row 1. */
  readonly line: number;
  /** The row's employee number as written, when the cell has one. */
  readonly employeeNumber?: string;
  /** The row field at fault, such as `email`, or absent for the whole row. */
  readonly field?: string;
  /** The column's header as the file wrote it, such as `last_name`. */
  readonly column?: string;
  /** Description of the problem, naming the value and the fix. */
  readonly message: string;
}
