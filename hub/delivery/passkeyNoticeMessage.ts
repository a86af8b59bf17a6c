import { formatExpiry } from "./pinMessage";

/** Facts that a notice about a newly registered passkey contains. */
export interface PasskeyNoticeFacts {
  readonly firstName: string;
  /** The name the user gave the passkey. */
  readonly passkeyName: string;
  /** When the passkey was registered, in milliseconds since the epoch. */
  readonly registeredAt: number;
  /** IANA time zone the time is shown in, e.g. `Europe/Madrid`. */
  readonly timeZone: string;
}

// TODO: the text is English only, like the PIN messages.

function registeredAt(facts: PasskeyNoticeFacts): string {
  return formatExpiry({
    expiresAt: facts.registeredAt,
    timeZone: facts.timeZone,
  });
}

/** Writes the e-mail that informs a user of a passkey registered for them. */
export function composePasskeyNoticeEmail(facts: PasskeyNoticeFacts): {
  subject: string;
  text: string;
} {
  return {
    subject: "A passkey was added to your Storefloor account",
    text: [
      `Hello ${facts.firstName},`,
      "",
      `A passkey named "${facts.passkeyName}" was registered for your Storefloor account on ${registeredAt(facts)}.`,
      "",
      "It now confirms your resets, unlocks and other sensitive actions, and signs you in to the control panel.",
      "",
      "If you did not register it, tell your administrator at once, so they can remove it.",
      "",
    ].join("\n"),
  };
}

/** Writes the text message that informs a user of a new passkey. */
export function composePasskeyNoticeText(facts: PasskeyNoticeFacts): string {
  return `Storefloor: a passkey "${facts.passkeyName}" was added to your account on ${registeredAt(facts)}. If this was not you, tell your administrator.`;
}
