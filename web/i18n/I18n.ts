import type {
  EnglishMessages,
  LocaleDefinition,
  MessageKey,
  MessageParams,
  ParamsArgument,
  PluralKey,
  PluralParams,
} from "./Dictionary";

type Listener = () => void;

/**
 * The localisation layer: looks messages up in the current language's
 * dictionary, fills their placeholders, picks plural forms and formats
 * dates. Elements subscribe to redraw when the language changes.
 * `English` is the app's English dictionary, which defines the keys.
 */
export class I18n<English extends EnglishMessages> {
  #locale: LocaleDefinition<English>;
  #pluralRules: Intl.PluralRules;
  readonly #listeners = new Set<Listener>();

  constructor(locale: LocaleDefinition<English>) {
    this.#locale = locale;
    this.#pluralRules = new Intl.PluralRules(locale.code);
  }

  /** The current language's BCP 47 tag, for `lang` and `Intl`. */
  get code(): string {
    return this.#locale.code;
  }

  setLocale(locale: LocaleDefinition<English>): void {
    if (locale.code === this.#locale.code) {
      return;
    }
    this.#locale = locale;
    this.#pluralRules = new Intl.PluralRules(locale.code);
    for (const listener of this.#listeners) {
      listener();
    }
  }

  /** Calls `listener` after each change of language; returns the unsubscriber. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Returns the message `key` with its placeholders filled from `params`. */
  t<Key extends MessageKey<English>>(
    key: Key,
    ...args: ParamsArgument<English, Key>
  ): string {
    const [params] = args as [MessageParams<English, Key>?];
    return fill(this.#locale.messages[key], params);
  }

  /**
   * Returns the plural form of `base` for `count` (`base_one`, `base_few`,
   * ... as the language's rules choose), with `{count}` filled in. A form the
   * dictionary lacks falls back to `base_other`.
   */
  plural<Base extends PluralKey<English>>(
    base: Base,
    count: number,
    params?: PluralParams<English, Base>,
  ): string {
    const messages: Readonly<Record<string, string>> = this.#locale.messages;
    const form = this.#pluralRules.select(count);
    const template =
      messages[`${base}_${form}`] ?? messages[`${base}_other`] ?? base;
    return fill(template, {
      ...params,
      count: new Intl.NumberFormat(this.code).format(count),
    });
  }

  /**
   * Formats a date and time in `timeZone`, or in the device's zone when it
   * is missing or unknown to the browser.
   */
  formatDateTime(epochMs: number, timeZone?: string): string {
    return this.formatInZone(epochMs, timeZone, {
      dateStyle: "medium",
      timeStyle: "short",
      hourCycle: "h23",
    });
  }

  /**
   * Formats `epochMs` with `options` in `timeZone`, falling back to the
   * device's zone when the name is missing or unknown to the browser.
   */
  protected formatInZone(
    epochMs: number,
    timeZone: string | undefined,
    options: Intl.DateTimeFormatOptions,
  ): string {
    try {
      return new Intl.DateTimeFormat(this.code, {
        ...options,
        // An empty name means the device's own zone, as undefined does.
        timeZone: timeZone || undefined,
      }).format(epochMs);
    } catch {
      // RangeError: a time zone name this browser does not know.
      return new Intl.DateTimeFormat(this.code, options).format(epochMs);
    }
  }
}

/** Replaces each `{name}` with its value; an unknown name stays as it is. */
function fill(
  template: string,
  params: Readonly<Record<string, string | number>> | undefined,
): string {
  if (params === undefined) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
