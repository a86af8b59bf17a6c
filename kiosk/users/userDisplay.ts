import { isLocked, type KioskUser, type SessionUser } from "../../protocol";

type Named = Pick<KioskUser | SessionUser, "firstName" | "lastName">;

/** Avatar backgrounds; each has a contrast of at least 4.5:1 with white. */
const AVATAR_COLOURS = [
  "#1d4ed8",
  "#7e22ce",
  "#b91c1c",
  "#0f766e",
  "#a21caf",
  "#9a3412",
  "#15803d",
  "#4338ca",
] as const;

export function fullName(user: Named): string {
  return [user.firstName, user.lastName].filter(Boolean).join(" ");
}

/**
 * Returns up to two initials: the first character, as the reader sees it
 * (a grapheme), of the first and of the last name.
 */
export function initials(user: Named, locale?: string): string {
  const segmenter = new Intl.Segmenter(locale, { granularity: "grapheme" });
  const first = (name: string) => {
    for (const { segment } of segmenter.segment(name.trim())) {
      return segment;
    }
    return "";
  };
  return `${first(user.firstName)}${first(user.lastName)}`.toLocaleUpperCase(
    locale,
  );
}

/** Picks an avatar colour that stays the same for a user across tablets. */
export function avatarColour(userId: string): string {
  let hash = 0;
  for (const char of userId) {
    hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  }
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? AVATAR_COLOURS[0];
}

/** Returns whether the user's lock stops sign-in at `now` (ms since the epoch). */
export function isUserLocked(user: Pick<KioskUser, "lock">, now: number) {
  return isLocked(user.lock, now);
}

/**
 * Returns the earliest time after `now` at which a timed lock among `users`
 * ends, so a view can redraw then; undefined when none ends later.
 */
export function nextLockExpiry(
  users: readonly Pick<KioskUser, "lock">[],
  now: number,
): number | undefined {
  let next: number | undefined;
  for (const { lock } of users) {
    if (lock.kind === "timed" && lock.until > now) {
      next = next === undefined ? lock.until : Math.min(next, lock.until);
    }
  }
  return next;
}
