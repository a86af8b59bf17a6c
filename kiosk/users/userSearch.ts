import type { KioskUser } from "../../protocol";

/**
 * Folds text for matching what someone types against names in any script:
 * compatibility decomposition (NFKD) splits accents and ligatures off, the
 * combining marks are then dropped, and the rest is lowercased for the
 * locale. "Zoë" then matches "zoe", and full-width "ＡＢ" matches "ab".
 */
export function foldForSearch(text: string, locale?: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase(locale);
}

/**
 * Returns the users whose first name, last name or employee number contains
 * every word of `query`, in any order. An empty query matches everyone.
 */
export function searchUsers(
  users: readonly KioskUser[],
  query: string,
  locale?: string,
): KioskUser[] {
  const words = foldForSearch(query, locale).split(/\s+/u).filter(Boolean);
  if (words.length === 0) {
    return [...users];
  }
  return users.filter((user) => {
    const haystack = foldForSearch(
      `${user.firstName} ${user.lastName} ${user.employeeNumber}`,
      locale,
    );
    return words.every((word) => haystack.includes(word));
  });
}

/** Sorts users by first name, then last name, for the tablet's language. */
export function sortUsers(
  users: readonly KioskUser[],
  locale?: string,
): KioskUser[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base" });
  return [...users].sort(
    (a, b) =>
      collator.compare(a.firstName, b.firstName) ||
      collator.compare(a.lastName, b.lastName) ||
      collator.compare(a.employeeNumber, b.employeeNumber),
  );
}
