import { i18n } from "../i18n/panelI18n";

/** Date, time and zone, for example "Dec 5, 2026, 19:16 UTC+1". */
const WITH_ZONE: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "shortOffset",
};

/**
 * Formats a time in the browser's language and time zone, with the zone's
 * offset shown, because head office and the stores may sit in different
 * zones. Every time the panel prints goes through this function.
 */
export function formatDateTime(epochMs: number): string {
  const parts = new Intl.DateTimeFormat(i18n.code, WITH_ZONE).formatToParts(
    epochMs,
  );
  return parts
    .map((part) =>
      // CLDR names offsets "GMT+1" in many languages; UTC is the standard
      // name of the reference time, and "GMT" alone is UTC itself.
      part.type === "timeZoneName"
        ? part.value.replace(/^GMT/, "UTC")
        : part.value,
    )
    .join("");
}
