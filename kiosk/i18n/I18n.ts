import { I18n as TypedI18n } from "../../web/i18n/I18n";
import type { LocaleDefinition } from "./Dictionary";
import { DEFAULT_LOCALE } from "./locales";
import type { messages } from "./locales/en";

/**
 * The kiosk's localisation layer: the shared one bound to the kiosk's
 * dictionaries, plus times of day for the sign-in screens.
 */
export class I18n extends TypedI18n<typeof messages> {
  constructor(locale: LocaleDefinition = DEFAULT_LOCALE) {
    super(locale);
  }

  /**
   * Formats a time of day as HH:MM:SS on a 24-hour clock in `timeZone` (the
   * store's), or in the tablet's zone when it is missing or unknown to the
   * browser.
   */
  formatTime(epochMs: number, timeZone?: string): string {
    return this.formatInZone(epochMs, timeZone, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
  }
}
