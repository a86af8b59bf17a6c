import { I18n as TypedI18n } from "../../web/i18n/I18n";
import type { LocaleDefinition } from "./Dictionary";
import { DEFAULT_LOCALE } from "./locales";
import type { messages } from "./locales/en";

/** The control panel's localisation layer, bound to its dictionaries. */
export class I18n extends TypedI18n<typeof messages> {
  constructor(locale: LocaleDefinition = DEFAULT_LOCALE) {
    super(locale);
  }
}
