import type * as Typed from "../../web/i18n/Dictionary";
import type { messages } from "./locales/en";

/** The kiosk's English dictionary, which defines every message key. */
type English = typeof messages;

/** Every message key of the kiosk's English dictionary. */
export type MessageKey = Typed.MessageKey<English>;

/** A complete dictionary for one language. */
export type Dictionary = Typed.Dictionary<English>;

/** Export `locale` of each file in `locales/`. */
export type LocaleDefinition = Typed.LocaleDefinition<English>;

/** Values for the placeholders of the English message `Key`. */
export type MessageParams<Key extends MessageKey> = Typed.MessageParams<
  English,
  Key
>;

/** The `params` argument, required exactly when the message has placeholders. */
export type ParamsArgument<Key extends MessageKey> = Typed.ParamsArgument<
  English,
  Key
>;

/** Key prefixes with plural forms, such as `manager.failedAttempts`. */
export type PluralKey = Typed.PluralKey<English>;

/** Values for a plural message's placeholders other than `{count}`. */
export type PluralParams<Base extends PluralKey> = Typed.PluralParams<
  English,
  Base
>;

/** Keys of messages without placeholders. */
export type PlainMessageKey = Typed.PlainMessageKey<English>;
