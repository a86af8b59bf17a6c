import type { LocaleDefinition } from "./Dictionary";
import { locale as english } from "./locales/en";

/**
 * Every file in `locales/` that exports a `locale`, so adding a language is
 * adding one file there. Each file's `locale` is typed `LocaleDefinition`,
 * so the compiler checks that it has every key.
 */
const modules = import.meta.glob<{ locale?: LocaleDefinition }>(
  "./locales/*.ts",
  { eager: true },
);

export const DEFAULT_LOCALE: LocaleDefinition = english;

export const LOCALES: readonly LocaleDefinition[] = Object.values(modules)
  .map((module) => module.locale)
  .filter((locale): locale is LocaleDefinition => locale !== undefined)
  .sort((a, b) => a.code.localeCompare(b.code));

/**
 * Picks the locale for the first of `preferred` tags that matches a
 * dictionary, first exactly and then by language alone (`es-MX` → `es`),
 * falling back to English.
 */
export function matchLocale(
  preferred: readonly string[],
  available: readonly LocaleDefinition[] = LOCALES,
): LocaleDefinition {
  for (const tag of preferred) {
    const exact = available.find(
      (locale) => locale.code.toLowerCase() === tag.toLowerCase(),
    );
    if (exact !== undefined) {
      return exact;
    }
    const language = tag.split("-")[0]?.toLowerCase();
    const byLanguage = available.find(
      (locale) => locale.code.split("-")[0]?.toLowerCase() === language,
    );
    if (byLanguage !== undefined) {
      return byLanguage;
    }
  }
  return DEFAULT_LOCALE;
}
