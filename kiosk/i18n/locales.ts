import type { LocaleDefinition } from "./Dictionary";
import { locale as english } from "./locales/en";
import {
  collectLocales,
  matchLocale as matchLocaleIn,
} from "../../web/i18n/locales";

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

export const LOCALES: readonly LocaleDefinition[] = collectLocales(modules);

/**
 * Picks the locale for the first of `preferred` tags that matches a
 * dictionary, first exactly and then by language alone (`es-MX` → `es`),
 * falling back to English.
 */
export function matchLocale(
  preferred: readonly string[],
  available: readonly LocaleDefinition[] = LOCALES,
): LocaleDefinition {
  return matchLocaleIn(preferred, available, DEFAULT_LOCALE);
}
