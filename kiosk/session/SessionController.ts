import type {
  AuthenticationResponseJSON,
  EnrollmentCodeResponse,
  FreshProof,
  KioskUser,
  PasskeyId,
  PasskeyListItem,
  RequestOptionsJSON,
  SessionUser,
  SessionView,
  SignInIdentity,
} from "../../protocol";
import type { Logger } from "../log/Logger";
import type { ApiClient } from "../net/ApiClient";
import { KioskError } from "../net/KioskError";
import type { TabletIdentity } from "../offline/cacheRecords";
import type { OfflineActions } from "../offline/OfflineActions";
import type { TabletCache } from "../offline/TabletCache";
import { createPasskey, promptPasskey } from "../passkeys/promptPasskey";
import type { RosterState } from "../roster/applyChange";
import {
  onlineSession,
  type ActorProof,
  type KioskSession,
  type PinChoiceApproval,
  type ResetOutcome,
  type SessionActions,
} from "./KioskSession";
import { offlineSessionUser } from "./offlineSessionUser";

/** Minimum time between two session refreshes caused by input. */
const KEEPALIVE_INTERVAL_MS = 20_000;

/**
 * Reason a session ended. With `hand-over` the manager approved a PIN
 * choice, and the hub already ended the session.
 */
export type SignOutReason =
  "user" | "idle" | "removed" | "unauthenticated" | "hand-over";

/** The enrolled tablet's parts a session needs. */
export interface SessionTablet {
  readonly identity: TabletIdentity;
  readonly cache: Pick<TabletCache, "putUser">;
  readonly offline: Pick<OfflineActions, "signIn" | "changePin" | "resetPin">;
}

export interface SessionControllerOptions {
  readonly api: ApiClient;
  readonly logger: Logger;
  readonly tablet: () => SessionTablet | undefined;
  /** False once the tablet has found the hub out of reach. */
  readonly hubReachable: () => boolean;
  readonly onChange: (session: KioskSession | undefined) => void;
  readonly now?: () => number;
  /** Asks the browser for a passkey assertion; replaceable for tests. */
  readonly promptPasskey?: (
    options: RequestOptionsJSON,
  ) => Promise<AuthenticationResponseJSON>;
  /** Asks the browser to create a passkey; replaceable for tests. */
  readonly createPasskey?: typeof createPasskey;
}

/**
 * The signed-in user and their actions. Each request goes to the hub while
 * it can be reached. When it cannot, because the socket is down or the
 * request fails to arrive, the tablet acts on its cache and queues the
 * action, and the session is marked offline.
 */
export class SessionController implements SessionActions {
  readonly #options: SessionControllerOptions;
  readonly #logger: Logger;
  #session: KioskSession | undefined;
  #serial = 0;
  #lastKeepAliveAt = 0;
  /**
   * The temporary PIN an offline session signed in with, kept in memory
   * until the user replaces it, because the hub checks it again then.
   */
  #temporaryPin: string | undefined;

  constructor(options: SessionControllerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ module: "session" });
  }

  get session(): KioskSession | undefined {
    return this.#session;
  }

  async signIn(identity: SignInIdentity, pin: string): Promise<void> {
    const tablet = this.#requireTablet();
    if (this.#options.hubReachable()) {
      try {
        // The hub takes the store and the tablet from the tablet token.
        const view = await this.#options.api.signIn({ identity, pin });
        this.#start(onlineSession(view, this.#nextSerial()));
        return;
      } catch (error) {
        if (!KioskError.from(error).is("NETWORK")) {
          throw error;
        }
      }
    }
    const user = await tablet.offline.signIn(identity, pin);
    this.#temporaryPin = user.pinTemporary ? pin : undefined;
    this.#start({
      mode: "offline",
      token: undefined,
      user: offlineSessionUser(user),
      mustChangePin: user.pinTemporary,
      serial: this.#nextSerial(),
    });
  }

  /**
   * Ends the session on the tablet at once, then, for an online session,
   * sends the sign-out to the hub. Its response does not matter, because the
   * token is gone from memory either way.
   */
  signOut(reason: SignOutReason): void {
    const session = this.#session;
    if (session === undefined) {
      return;
    }
    this.#session = undefined;
    this.#temporaryPin = undefined;
    this.#options.onChange(undefined);
    this.#logger.info({ userId: session.user.id, reason }, "signed out");
    if (
      session.token !== undefined &&
      reason !== "unauthenticated" &&
      reason !== "removed" &&
      reason !== "hand-over"
    ) {
      void this.#revoke(session.token);
    }
  }

  /**
   * Notes input: refreshes an online session at most every
   * KEEPALIVE_INTERVAL_MS, which keeps it alive at the hub and brings the
   * role's current permissions.
   */
  noteActivity(): void {
    const now = this.#now();
    if (
      this.#session?.mode === "online" &&
      now - this.#lastKeepAliveAt >= KEEPALIVE_INTERVAL_MS
    ) {
      void this.refreshSession();
    }
  }

  /** Fetches the current online session from the hub and takes it. */
  async refreshSession(): Promise<void> {
    const token = this.#session?.token;
    if (token === undefined) {
      return;
    }
    this.#lastKeepAliveAt = this.#now();
    try {
      const view = await this.#options.api.session();
      this.#replaceView(token, view);
    } catch (error) {
      // UNAUTHENTICATED already signed the user out through the API client.
      this.#logger.warn(
        { code: KioskError.from(error).code },
        "session refresh failed",
      );
    }
  }

  async changePin(request: {
    readonly currentPin?: string;
    readonly newPin: string;
  }): Promise<void> {
    const session = this.#requireSession();
    if (session.mode === "online" && session.token !== undefined) {
      try {
        this.#replaceView(
          session.token,
          await this.#options.api.changePin(request),
        );
        return;
      } catch (error) {
        if (
          !KioskError.from(error).is("NETWORK") ||
          request.currentPin === undefined
        ) {
          throw error;
        }
      }
    }
    const currentPin = request.currentPin ?? this.#temporaryPin;
    if (currentPin === undefined) {
      throw new KioskError({
        code: "NETWORK",
        message: "The hub cannot be reached, and the current PIN is unknown.",
      });
    }
    await this.#requireTablet().offline.changePin(
      session.user.id,
      currentPin,
      request.newPin,
    );
    this.#temporaryPin = undefined;
    this.#update({ ...session, mode: "offline", mustChangePin: false });
  }

  async resetPin(
    target: KioskUser,
    request: { readonly proof: ActorProof; readonly temporaryPin?: string },
  ): Promise<ResetOutcome> {
    const session = this.#requireSession();
    if (session.mode === "online") {
      try {
        const result = await this.#options.api.resetPin(target.id, {
          proof: await this.#freshProof(request.proof),
          ...(request.temporaryPin === undefined
            ? {}
            : { temporaryPin: request.temporaryPin }),
        });
        return { ...result, offline: false };
      } catch (error) {
        if (!KioskError.from(error).is("NETWORK")) {
          throw error;
        }
      }
    }
    const reset = await this.#requireTablet().offline.resetPin(
      session.user,
      target.id,
      typeof request.proof === "string"
        ? request.proof
        : { prompt: this.#prompt },
      request.temporaryPin,
    );
    this.#update({ ...session, mode: "offline" });
    return {
      userId: target.id,
      delivery: "in-person",
      temporaryPin: reset.temporaryPin,
      expiresAt: reset.expiresAt,
      offline: true,
    };
  }

  /** Unlocks a user at the hub; offline there is no one to ask. */
  async unlock(target: KioskUser, proof: ActorProof): Promise<KioskUser> {
    const session = this.#requireSession();
    if (session.mode === "offline" || !this.#options.hubReachable()) {
      throw new KioskError({
        code: "ONLINE_ONLY",
        message: "Unlocking needs the hub, which cannot be reached.",
      });
    }
    const user = await this.#options.api.unlock(target.id, {
      proof: await this.#freshProof(proof),
    });
    await this.#options.tablet()?.cache.putUser(user);
    return user;
  }

  /**
   * Approves at the hub that `target` chooses their own PIN. Offline there
   * is no one to issue the grant, and the tablet does not fall back to a
   * temporary PIN by itself: the manager decides.
   */
  async approvePinChoice(
    target: KioskUser,
    proof: ActorProof,
  ): Promise<PinChoiceApproval> {
    const session = this.#requireSession();
    if (session.mode === "offline" || !this.#options.hubReachable()) {
      throw new KioskError({
        code: "ONLINE_ONLY",
        message:
          "Letting the user choose a PIN needs the hub, which cannot be reached.",
      });
    }
    const approval = await this.#options.api.approvePinChoice(target.id, {
      proof: await this.#freshProof(proof),
    });
    return {
      ...approval,
      target,
      approverName: `${session.user.firstName} ${session.user.lastName}`,
    };
  }

  /** Sets the PIN a user chose under an approval, and caches the user. */
  async completePinChoice(
    approval: PinChoiceApproval,
    pin: string,
  ): Promise<KioskUser> {
    const user = await this.#options.api.completePinChoice(approval.target.id, {
      grant: approval.grant,
      pin,
    });
    await this.#options.tablet()?.cache.putUser(user);
    return user;
  }

  /** Issues an enrollment code at the hub; offline there is no one to ask. */
  async issueEnrollmentCode(
    proof: ActorProof,
  ): Promise<EnrollmentCodeResponse> {
    const session = this.#requireSession();
    if (session.mode === "offline" || !this.#options.hubReachable()) {
      throw new KioskError({
        code: "ONLINE_ONLY",
        message: "Enrolling a tablet needs the hub, which cannot be reached.",
      });
    }
    return this.#options.api.issueEnrollmentCode({
      proof: await this.#freshProof(proof),
    });
  }

  async listPasskeys(): Promise<readonly PasskeyListItem[]> {
    this.#requireOnline("Passkeys need the hub, which cannot be reached.");
    return (await this.#options.api.listPasskeys()).passkeys;
  }

  /**
   * Registers a passkey in three steps: the hub checks the proof (and the
   * grant) and returns creation options, the browser creates the passkey,
   * and the hub verifies and stores it.
   */
  async registerPasskey(request: {
    readonly name: string;
    readonly grant?: string;
    readonly proof: ActorProof;
  }): Promise<PasskeyListItem> {
    this.#requireOnline("Passkeys need the hub, which cannot be reached.");
    const { api } = this.#options;
    const creation = await api.passkeyRegistrationOptions({
      proof: await this.#freshProof(request.proof),
      ...(request.grant === undefined ? {} : { grant: request.grant }),
    });
    const response = await (this.#options.createPasskey ?? createPasskey)(
      creation.options,
    );
    return api.registerPasskey({
      challengeId: creation.challengeId,
      name: request.name,
      response,
    });
  }

  async removePasskey(passkeyId: PasskeyId, proof: ActorProof): Promise<void> {
    this.#requireOnline("Passkeys need the hub, which cannot be reached.");
    await this.#options.api.removePasskey(passkeyId, {
      proof: await this.#freshProof(proof),
    });
  }

  /**
   * Reacts to a new roster: a signed-in user who left the store is signed
   * out, and a change of their role applies at once. A new role drops every
   * permission of an online session until the hub's view of it arrives, so
   * a demoted manager loses the manager tools before that.
   */
  rosterChanged(roster: RosterState): void {
    const session = this.#session;
    if (session === undefined) {
      return;
    }
    const user = roster.users.find((each) => each.id === session.user.id);
    if (user === undefined) {
      this.signOut("removed");
      return;
    }
    const held = session.user.role;
    const roleChanged =
      held.id !== user.role.id || held.level !== user.role.level;
    const role: SessionUser["role"] =
      session.mode === "offline"
        ? offlineSessionUser(user).role
        : roleChanged
          ? { ...user.role, permissions: [] }
          : { ...held, name: user.role.name };
    if (
      !roleChanged &&
      held.name === user.role.name &&
      session.user.firstName === user.firstName &&
      session.user.lastName === user.lastName
    ) {
      return;
    }
    this.#update({
      ...session,
      user: {
        ...session.user,
        firstName: user.firstName,
        lastName: user.lastName,
        role,
      },
    });
    if (roleChanged) {
      this.#logger.info({ userId: user.id }, "role of signed-in user changed");
      void this.refreshSession();
    }
  }

  /**
   * Returns the fresh proof to send to the hub: the typed PIN, or an
   * assertion over a challenge the hub issues now
   * (`POST /api/kiosk/passkeys/proof-options`).
   */
  async #freshProof(proof: ActorProof): Promise<FreshProof> {
    if (typeof proof === "string") {
      return { pin: proof };
    }
    const challenge = await this.#options.api.passkeyProofOptions();
    const response = await this.#prompt(challenge.options);
    return { passkey: { challengeId: challenge.challengeId, response } };
  }

  readonly #prompt = (
    options: RequestOptionsJSON,
  ): Promise<AuthenticationResponseJSON> =>
    (this.#options.promptPasskey ?? promptPasskey)(options);

  #start(session: KioskSession): void {
    this.#lastKeepAliveAt = this.#now();
    this.#logger.info(
      { userId: session.user.id, mode: session.mode },
      "signed in",
    );
    this.#update(session);
  }

  /** Takes the hub's newer view of the session that `token` belongs to. */
  #replaceView(token: string, view: SessionView): void {
    // Another user may have signed in while the request ran.
    const session = this.#session;
    if (session?.token !== token || session.user.id !== view.user.id) {
      return;
    }
    this.#update({ ...onlineSession(view, session.serial) });
  }

  #update(session: KioskSession): void {
    this.#session = session;
    this.#options.onChange(session);
  }

  /** Throws ONLINE_ONLY unless an online session can reach the hub. */
  #requireOnline(message: string): KioskSession {
    const session = this.#requireSession();
    if (session.mode === "offline" || !this.#options.hubReachable()) {
      throw new KioskError({ code: "ONLINE_ONLY", message });
    }
    return session;
  }

  #requireSession(): KioskSession {
    const session = this.#session;
    if (session === undefined) {
      throw new KioskError({
        code: "UNAUTHENTICATED",
        message: "No one is signed in on this tablet.",
      });
    }
    return session;
  }

  #requireTablet(): SessionTablet {
    const tablet = this.#options.tablet();
    if (tablet === undefined) {
      throw new KioskError({
        code: "TABLET_NOT_ENROLLED",
        message: "The tablet is not enrolled.",
      });
    }
    return tablet;
  }

  #nextSerial(): number {
    this.#serial += 1;
    return this.#serial;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  async #revoke(token: string): Promise<void> {
    try {
      await this.#options.api.signOut(token);
    } catch (error) {
      this.#logger.info(
        { code: KioskError.from(error).code },
        "sign-out request failed",
      );
    }
  }
}
