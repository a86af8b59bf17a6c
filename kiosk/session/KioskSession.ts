import type {
  EnrollmentCodeResponse,
  KioskUser,
  PasskeyId,
  PasskeyListItem,
  PinChoiceResponse,
  PinResetResponse,
  SessionUser,
  SessionView,
  SignInIdentity,
} from "../../protocol";

/**
 * A signed-in user on the tablet. An online session carries the hub's
 * bearer token. An offline one was checked against the cache and has none.
 * Neither is ever stored, so a reload signs the user out.
 */
export interface KioskSession {
  readonly mode: "online" | "offline";
  /** The hub's bearer token of an online session; memory only. */
  readonly token: string | undefined;
  readonly user: SessionUser;
  /** True while the user signed in with a temporary PIN and must replace it. */
  readonly mustChangePin: boolean;
  /** Increases with every sign-in, so one user's screens never serve the next. */
  readonly serial: number;
}

/** The outcome of a PIN reset, online or offline. */
export interface ResetOutcome extends PinResetResponse {
  /** True when the tablet made the reset offline and will send it later. */
  readonly offline: boolean;
}

/**
 * A manager's approval that `target` chooses their own PIN on this tablet,
 * held in memory only until the PIN is chosen or the hand-over ends.
 */
export interface PinChoiceApproval extends PinChoiceResponse {
  readonly target: KioskUser;
  /** Full name of the approving manager, to tell the user who approved. */
  readonly approverName: string;
}

/** Asks for the actor's passkey in place of a typed PIN. */
export interface PasskeyRequest {
  readonly passkey: true;
}

/**
 * The actor's fresh proof as a screen collects it: the PIN typed again, or
 * a request to prove with a passkey, which the session controller turns
 * into a prompt of the browser.
 */
export type ActorProof = string | PasskeyRequest;

/** The proof a screen passes for an actor who has a passkey. */
export const USE_PASSKEY: PasskeyRequest = { passkey: true };

/**
 * The actions the screens of a session may take. The session controller
 * decides whether each request goes to the hub or, when the hub cannot be
 * reached, to the offline cache.
 */
export interface SessionActions {
  signIn(identity: SignInIdentity, pin: string): Promise<void>;
  changePin(request: {
    readonly currentPin?: string;
    readonly newPin: string;
  }): Promise<void>;
  resetPin(
    target: KioskUser,
    request: { readonly proof: ActorProof; readonly temporaryPin?: string },
  ): Promise<ResetOutcome>;
  unlock(target: KioskUser, proof: ActorProof): Promise<KioskUser>;
  /**
   * Approves at the hub that `target` chooses their own PIN on this tablet.
   * It needs the hub, and the hub ends the session with it.
   */
  approvePinChoice(
    target: KioskUser,
    proof: ActorProof,
  ): Promise<PinChoiceApproval>;
  /** Sets the PIN `target` chose under an approval; needs no session. */
  completePinChoice(
    approval: PinChoiceApproval,
    pin: string,
  ): Promise<KioskUser>;
  /** Issues a one-time code that enrolls another tablet for this store. */
  issueEnrollmentCode(proof: ActorProof): Promise<EnrollmentCodeResponse>;
  /** Lists the signed-in user's own passkeys; needs the hub. */
  listPasskeys(): Promise<readonly PasskeyListItem[]>;
  /**
   * Registers a new passkey of the signed-in user on this device: after a
   * proof with an existing passkey, or the PIN with a registration grant.
   */
  registerPasskey(request: {
    readonly name: string;
    readonly grant?: string;
    readonly proof: ActorProof;
  }): Promise<PasskeyListItem>;
  /** Removes one of the signed-in user's passkeys after a fresh proof. */
  removePasskey(passkeyId: PasskeyId, proof: ActorProof): Promise<void>;
}

/** Returns the session of a sign-in the hub checked. */
export function onlineSession(view: SessionView, serial: number): KioskSession {
  return {
    mode: "online",
    token: view.token,
    user: view.user,
    mustChangePin: view.mustChangePin,
    serial,
  };
}
