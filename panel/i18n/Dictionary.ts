import type { messages } from "./locales/en";

/** Every message key of the control panel; the English dictionary defines them. */
export type MessageKey = keyof typeof messages;

/** A complete dictionary for one language. */
export type Dictionary = { readonly [Key in MessageKey]: string };

/** Export `locale` of each file in `locales/`. */
export interface LocaleDefinition {
  /** BCP 47 language tag, such as `en` or `es`; also the `lang` attribute. */
  readonly code: string;
  /** The language's name in that language, for a language menu. */
  readonly name: string;
  readonly messages: Dictionary;
}

/** Placeholder names in a message, such as `"name" | "time"`. */
type Placeholders<Text extends string> =
  Text extends `${string}{${infer Name}}${infer Rest}`
    ? Name | Placeholders<Rest>
    : never;

/** Values for the placeholders of the English message `Key`. */
export type MessageParams<Key extends MessageKey> = {
  readonly [Name in Placeholders<(typeof messages)[Key]>]: string | number;
};

/** The `params` argument, required exactly when the message has placeholders. */
export type ParamsArgument<Key extends MessageKey> = [
  Placeholders<(typeof messages)[Key]>,
] extends [never]
  ? []
  : [params: MessageParams<Key>];

/** Key prefixes with plural forms, such as `users.count`. */
export type PluralKey = {
  [Key in MessageKey]: Key extends `${infer Base}_other` ? Base : never;
}[MessageKey];

/** Values for a plural message's placeholders other than `{count}`. */
export type PluralParams<Base extends PluralKey> = Omit<
  MessageParams<`${Base}_other` & MessageKey>,
  "count"
>;

/** Keys of messages without placeholders. */
export type PlainMessageKey = {
  [Key in MessageKey]: ParamsArgument<Key> extends [] ? Key : never;
}[MessageKey];
