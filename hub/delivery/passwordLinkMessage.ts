import { formatExpiry } from "./pinMessage";

/** Facts that a message with a one-time password code contains. */
export interface PasswordLinkFacts {
  readonly firstName: string;
  /** The one-time code, in groups of four. */
  readonly code: string;
  /** The control panel's password page with the code filled in. */
  readonly link: string;
  /** When the code expires, in milliseconds since the epoch. */
  readonly expiresAt: number;
  /** IANA time zone the expiry is shown in, e.g. `Europe/Madrid`. */
  readonly timeZone: string;
}

// TODO: the text is English only, like the PIN messages.

/** Writes the e-mail with a link to set a control panel password. */
export function composePasswordLinkEmail(facts: PasswordLinkFacts): {
  subject: string;
  text: string;
} {
  return {
    subject: "Set your Storefloor control panel password",
    text: [
      `Hello ${facts.firstName},`,
      "",
      "An administrator let you set a password for the Storefloor control panel. Open this link to choose it:",
      "",
      `    ${facts.link}`,
      "",
      `Or open the control panel's "Set password" page and type the one-time code ${facts.code}.`,
      "",
      `The code works once and expires on ${formatExpiry(facts)}. The password must have at least 15 characters. Your tablet PIN stays as it is.`,
      "",
      "If you did not expect this message, tell your administrator.",
      "",
    ].join("\n"),
  };
}

/** Writes the text message with a link to set a control panel password. */
export function composePasswordLinkText(facts: PasswordLinkFacts): string {
  return `Storefloor: set your control panel password at ${facts.link} before ${formatExpiry(facts)}.`;
}
