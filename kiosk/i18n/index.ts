import { I18n } from "./I18n";

export type { LocaleDefinition, MessageKey } from "./Dictionary";
export { I18n } from "./I18n";
export { LOCALES, matchLocale } from "./locales";

/** The kiosk's one localisation layer; `main.ts` sets its language. */
export const i18n = new I18n();
