import type { RosterRowError } from "./rosterRow";

/** Counts the distinct lines among `errors`, since one row may have several. */
export function countBadRows(errors: readonly RosterRowError[]): number {
  return new Set(errors.map((error) => error.line)).size;
}
