import type { EnglishMessages, LocaleDefinition } from "./Dictionary";

/**
 * The locales among the modules of an app's `locales/` folder (the result of
 * its `import.meta.glob`), sorted by code; a module without a `locale` export
 * is passed over.
 */
export function collectLocales<English extends EnglishMessages>(
  modules: Readonly<Record<string, { locale?: LocaleDefinition<English> }>>,
): readonly LocaleDefinition<English>[] {
  return Object.values(modules)
    .map((module) => module.locale)
    .filter(
      (locale): locale is LocaleDefinition<English> => locale !== undefined,
    )
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Picks the locale for the first of `preferred` tags that matches one of
 * `available`, first exactly and then by language alone (`es-MX` → `es`),
 * falling back to `fallback`.
 */
export function matchLocale<English extends EnglishMessages>(
  preferred: readonly string[],
  available: readonly LocaleDefinition<English>[],
  fallback: LocaleDefinition<English>,
): LocaleDefinition<English> {
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
  return fallback;
}
