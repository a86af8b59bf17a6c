import type { PasswordLinkFacts } from "./passwordLinkMessage";
import type { PasskeyNoticeFacts } from "./passkeyNoticeMessage";
import type { PinMessageFacts } from "./pinMessage";

/** Channels a temporary PIN can travel on. */
export type DeliveryChannel = "email" | "sms";

/** One temporary PIN on its way to one recipient. */
export interface OutgoingPin extends PinMessageFacts {
  readonly kind?: "temporary-pin";
  /** The outbox message id; receivers can use it to drop duplicates. */
  readonly messageId: string;
  /** E-mail address or phone number, as the user record had it. */
  readonly recipient: string;
}

/** One link to set a control panel password, on its way to one recipient. */
export interface OutgoingPasswordLink extends PasswordLinkFacts {
  readonly kind: "password-link";
  /** The outbox message id; receivers can use it to drop duplicates. */
  readonly messageId: string;
  /** E-mail address or phone number, as the user record had it. */
  readonly recipient: string;
}

/** A notice that a passkey was registered, on its way to one recipient. */
export interface OutgoingPasskeyNotice extends PasskeyNoticeFacts {
  readonly kind: "passkey-registered";
  /** The outbox message id; receivers can use it to drop duplicates. */
  readonly messageId: string;
  /** E-mail address or phone number, as the user record had it. */
  readonly recipient: string;
}

/** A message the delivery worker hands to a transport. */
export type OutgoingMessage =
  OutgoingPin | OutgoingPasswordLink | OutgoingPasskeyNotice;

/** Sends temporary PINs and password links on one channel. */
export interface DeliveryTransport {
  readonly channel: DeliveryChannel;
  /**
   * Hands the PIN to the next system (mail server, SMS gateway). Resolves
   * once that system accepted it; rejects with a DeliveryError otherwise.
   */
  send(message: OutgoingMessage, signal: AbortSignal): Promise<void>;
  close(): void;
}

/**
 * A failed delivery attempt. `message` must never contain the PIN: the
 * worker logs it and stores it on the outbox row.
 */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";

  constructor(
    message: string,
    /** Whether retrying cannot help, e.g. the recipient was rejected. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
