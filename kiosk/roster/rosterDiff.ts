import type { KioskUser, UserId } from "../../protocol";
import type { RosterState } from "./applyChange";

/** The users that differ between two rosters. */
export interface RosterDiff {
  /** Users that are new or changed, to be written. */
  readonly changed: readonly KioskUser[];
  /** Ids of users that left, whose records and verifiers go. */
  readonly removed: readonly UserId[];
}

/**
 * Compares two rosters by user object. The roster functions keep the object
 * of every user they do not change, so an unchanged user costs no write.
 */
export function rosterDiff(
  before: RosterState | undefined,
  after: RosterState,
): RosterDiff {
  const previous = new Map(
    (before?.users ?? []).map((user) => [user.id, user]),
  );
  const changed = after.users.filter((user) => previous.get(user.id) !== user);
  const kept = new Set(after.users.map((user) => user.id));
  const removed = [...previous.keys()].filter((id) => !kept.has(id));
  return { changed, removed };
}
