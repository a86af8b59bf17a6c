import { I18n as TypedI18n } from "../../web/i18n/I18n";
import type { LocaleDefinition } from "./Dictionary";
import { DEFAULT_LOCALE } from "./locales";
import type { messages } from "./locales/en";

/**
 * The control panel's localisation layer: the shared one bound to the
 * panel's dictionaries, plus numbers for counts in tables.
 */
export class I18n extends TypedI18n<typeof messages> {
  constructor(locale: LocaleDefinition = DEFAULT_LOCALE) {
    super(locale);
  }

  formatNumber(value: number): string {
    return new Intl.NumberFormat(this.code).format(value);
  }
}
