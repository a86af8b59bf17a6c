export type {
  LocaleDefinition,
  MessageKey,
  PlainMessageKey,
} from "./Dictionary";
export { I18n } from "./I18n";
export { i18n } from "./panelI18n";
export { LOCALES, matchLocale } from "./locales";
export { describeError } from "./describeError";
