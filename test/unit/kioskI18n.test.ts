import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../protocol";
import { I18n } from "../../kiosk/i18n/I18n";
import {
  describeError,
  describeViolations,
} from "../../kiosk/i18n/describeError";
import { DEFAULT_LOCALE, LOCALES, matchLocale } from "../../kiosk/i18n/locales";
import { KioskError } from "../../kiosk/net/KioskError";

const i18n = new I18n(DEFAULT_LOCALE);

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();
}

describe("I18n", () => {
  it("fills placeholders", () => {
    expect(i18n.t("signIn.pinFor", { name: "Ana Lima" })).toBe(
      "PIN for Ana Lima",
    );
  });

  it("picks the plural form", () => {
    expect(i18n.plural("manager.failedAttempts", 1)).toBe(
      "1 wrong PIN since the last sign-in.",
    );
    expect(i18n.plural("manager.failedAttempts", 3)).toBe(
      "3 wrong PINs since the last sign-in.",
    );
  });

  it("formats times on a 24-hour clock in a zone", () => {
    const noonUtc = Date.UTC(2026, 0, 15, 12, 0, 5);
    expect(i18n.formatTime(noonUtc, "Europe/Madrid")).toBe("13:00:05");
  });

  it("falls back for an unknown zone", () => {
    expect(() => i18n.formatTime(0, "Mars/Olympus")).not.toThrow();
  });
});

describe("locales", () => {
  it("finds the English dictionary", () => {
    expect(LOCALES.map((locale) => locale.code)).toContain("en");
  });

  for (const locale of LOCALES) {
    it(`${locale.code} has the placeholders of English`, () => {
      const english: Readonly<Record<string, string>> = DEFAULT_LOCALE.messages;
      const translated: Readonly<Record<string, string>> = locale.messages;
      for (const [key, text] of Object.entries(english)) {
        const other = translated[key];
        expect(other, key).toBeTypeOf("string");
        expect(other?.trim(), key).not.toBe("");
        expect(placeholders(other ?? ""), key).toEqual(placeholders(text));
      }
    });
  }

  it("matches a regional tag by language", () => {
    expect(matchLocale(["en-GB"]).code).toBe("en");
  });

  it("falls back to English", () => {
    expect(matchLocale(["xx"]).code).toBe("en");
  });
});

describe("describeError", () => {
  it("has a message for every hub code it names", () => {
    for (const code of ERROR_CODES) {
      const text = describeError(
        new KioskError({ code, message: `hub message ${code}` }),
        i18n,
      );
      expect(text, code).not.toMatch(/\{\w+\}/);
    }
  });

  it("counts the attempts left", () => {
    const error = new KioskError({
      code: "PIN_INCORRECT",
      message: "m",
      details: { attemptsBeforeLock: 1 },
    });
    expect(describeError(error, i18n)).toBe(
      "Wrong PIN. 1 more wrong PIN locks the account.",
    );
  });

  it("names the end of a lock", () => {
    const error = new KioskError({
      code: "USER_LOCKED",
      message: "m",
      details: { lockedUntil: Date.UTC(2026, 0, 15, 8, 30, 0) },
    });
    expect(describeError(error, i18n, "UTC")).toContain("08:30:00");
  });

  it("shows the hub's message for an unknown code", () => {
    const error = new KioskError({
      code: "NEW_CODE",
      message: "From the hub.",
    });
    expect(describeError(error, i18n)).toBe("From the hub.");
  });

  it("does not look codes up on the prototype", () => {
    const error = new KioskError({
      code: "toString",
      message: "From the hub.",
    });
    expect(describeError(error, i18n)).toBe("From the hub.");
  });

  it("describes each policy violation", () => {
    const sentences = describeViolations(
      ["too-short", "sequence", "unknown-rule"],
      i18n,
      { min: 6, max: 8 },
    );
    expect(sentences).toEqual([
      "It must have at least 6 digits.",
      "It is a run of consecutive digits.",
    ]);
  });
});
