/**
 * The types of the typed localisation layer, each parameterised by an app's
 * English dictionary (`typeof messages`), which defines the message keys and
 * their placeholders. `kiosk/i18n` and `panel/i18n` bind them to their own.
 */

/** The shape of an English dictionary: message key to text. */
export type EnglishMessages = Readonly<Record<string, string>>;

/** Every message key of `English`. */
export type MessageKey<English extends EnglishMessages> = keyof English &
  string;

/** A complete dictionary for one language. */
export type Dictionary<English extends EnglishMessages> = {
  readonly [Key in MessageKey<English>]: string;
};

/** Export `locale` of each file in an app's `locales/` folder. */
export interface LocaleDefinition<English extends EnglishMessages> {
  /** BCP 47 language tag, such as `en` or `es`; also the `lang` attribute. */
  readonly code: string;
  /** The language's name in that language, for a language menu. */
  readonly name: string;
  readonly messages: Dictionary<English>;
}

/** Placeholder names in a message, such as `"name" | "time"`. */
type Placeholders<Text extends string> =
  Text extends `${string}{${infer Name}}${infer Rest}`
    ? Name | Placeholders<Rest>
    : never;

/** Values for the placeholders of the English message `Key`. */
export type MessageParams<
  English extends EnglishMessages,
  Key extends MessageKey<English>,
> = {
  readonly [Name in Placeholders<English[Key]>]: string | number;
};

/** The `params` argument, required exactly when the message has placeholders. */
export type ParamsArgument<
  English extends EnglishMessages,
  Key extends MessageKey<English>,
> = [Placeholders<English[Key]>] extends [never]
  ? []
  : [params: MessageParams<English, Key>];

/** Key prefixes with plural forms, such as `users.count`. */
export type PluralKey<English extends EnglishMessages> = {
  [Key in MessageKey<English>]: Key extends `${infer Base}_other`
    ? Base
    : never;
}[MessageKey<English>];

/** Values for a plural message's placeholders other than `{count}`. */
export type PluralParams<
  English extends EnglishMessages,
  Base extends PluralKey<English>,
> = Omit<
  MessageParams<English, `${Base}_other` & MessageKey<English>>,
  "count"
>;

/** Keys of messages without placeholders. */
export type PlainMessageKey<English extends EnglishMessages> = {
  [Key in MessageKey<English>]: ParamsArgument<English, Key> extends []
    ? Key
    : never;
}[MessageKey<English>];
