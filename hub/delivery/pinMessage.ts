/** Facts that a message about a temporary PIN contains. */
export interface PinMessageFacts {
  readonly firstName: string;
  readonly pin: string;
  /** When the PIN expires, in milliseconds since the epoch. */
  readonly expiresAt: number;
  /** IANA time zone the expiry is shown in, e.g. `Europe/Madrid`. */
  readonly timeZone: string;
}

/** An e-mail about a temporary PIN. The subject never contains the PIN. */
export interface PinEmail {
  readonly subject: string;
  readonly text: string;
}

// TODO: the text is English only. Users have no language setting yet, so
// Spanish (or any other language) cannot be chosen per user.

/** Writes the e-mail that carries a temporary PIN. */
export function composePinEmail(facts: PinMessageFacts): PinEmail {
  const expiry = formatExpiry(facts);
  return {
    subject: "Your temporary Storefloor PIN",
    text: [
      `Hello ${facts.firstName},`,
      "",
      "You have a temporary PIN for signing in to the Storefloor tablets at work:",
      "",
      `    ${facts.pin}`,
      "",
      `It expires on ${expiry}. When you next sign in with it, you will choose your own PIN, which nobody else will know.`,
      "",
      "If the PIN expires before you use it, ask your manager for a new one. If you did not expect this message, tell your manager.",
      "",
    ].join("\n"),
  };
}

/** Writes the text message that carries a temporary PIN. */
export function composePinTextMessage(facts: PinMessageFacts): string {
  return `Storefloor: your temporary PIN is ${facts.pin}. It expires on ${formatExpiry(facts)}. At your next sign-in you will choose your own PIN.`;
}

/** Formats the expiry as, e.g., `8 January 2030 at 10:00 CET`. */
export function formatExpiry(
  facts: Pick<PinMessageFacts, "expiresAt" | "timeZone">,
): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: facts.timeZone,
    timeZoneName: "short",
  }).format(facts.expiresAt);
}
