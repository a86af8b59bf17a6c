import {
  AdminSessionView,
  type AdminSessionUser,
  type AdminSignInRequest,
  type Permission,
} from "../../protocol";
import { AdminApiError, adminApi, type AdminApi } from "../api/adminApi";

/** Why the sign-in screen shows: never signed in, signed out, or expired. */
export type SignedOutReason = "none" | "signed-out" | "expired";

type Listener = () => void;

/**
 * The signed-in control panel user and their session. It hands the session's
 * CSRF token to the API client and returns to sign-in when the hub reports
 * that the session ended (idle expiry, sign-out everywhere, deactivation).
 */
export class PanelSession {
  readonly #api: AdminApi;
  #view: AdminSessionView | undefined;
  #reason: SignedOutReason = "none";
  /** Time of the last successful request, in milliseconds since the epoch. */
  #lastActivity = 0;
  readonly #listeners = new Set<Listener>();

  constructor(api: AdminApi) {
    this.#api = api;
    api.onSessionEnded(() => this.#end("expired"));
    api.onActivity(() => {
      this.#lastActivity = Date.now();
    });
  }

  /** The signed-in user, or undefined while signed out. */
  get user(): AdminSessionUser | undefined {
    return this.#view?.user;
  }

  get view(): AdminSessionView | undefined {
    return this.#view;
  }

  /** The reason the user is signed out; "none" while signed in or at first load. */
  get signedOutReason(): SignedOutReason {
    return this.#reason;
  }

  /** Returns whether the signed-in user's role carries `permission`. */
  can(permission: Permission | null): boolean {
    if (permission === null) {
      return this.#view !== undefined;
    }
    return this.#view?.user.permissions.includes(permission) ?? false;
  }

  /** Calls `listener` after each sign-in, sign-out and expiry. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Loads the session the browser's cookie carries, if any. Resolves to
   * false when there is none; other failures, such as the hub being out of
   * reach, reject.
   */
  async restore(): Promise<boolean> {
    try {
      this.#start(await this.#api.get("/api/admin/session", AdminSessionView));
      return true;
    } catch (error) {
      if (
        error instanceof AdminApiError &&
        error.code === "ADMIN_SESSION_REQUIRED"
      ) {
        this.#reason = "none";
        return false;
      }
      throw error;
    }
  }

  async signIn(request: AdminSignInRequest): Promise<void> {
    this.#start(
      await this.#api.post("/api/admin/session", request, AdminSessionView),
    );
  }

  async signOut(): Promise<void> {
    try {
      await this.#api.delete("/api/admin/session");
    } catch (error) {
      // A session that already ended counts as signed out.
      if (
        !(error instanceof AdminApiError) ||
        error.code !== "ADMIN_SESSION_REQUIRED"
      ) {
        throw error;
      }
    }
    this.#end("signed-out");
  }

  /**
   * Ends every session of the signed-in user, this one included, and
   * returns to sign-in.
   */
  async signOutEverywhere(): Promise<void> {
    const user = this.user;
    if (user === undefined) {
      return;
    }
    await this.#api.delete(
      `/api/admin/users/${encodeURIComponent(user.id)}/sessions`,
    );
    this.#end("signed-out");
  }

  /**
   * Returns to sign-in once the session has been idle for longer than the
   * hub's idle time, so no data stays on screen after the hub ended the
   * session. A few seconds of grace cover the request's travel time.
   */
  checkIdle(now = Date.now()): void {
    const view = this.#view;
    if (view === undefined) {
      return;
    }
    if (now - this.#lastActivity > view.idleTimeoutSeconds * 1000 + 5000) {
      // The hub has most likely ended it already; this makes sure. The
      // request takes the CSRF token before `#end` clears it.
      void this.#api.delete("/api/admin/session").catch(() => undefined);
      this.#end("expired");
    }
  }

  #start(view: AdminSessionView): void {
    this.#view = view;
    this.#reason = "none";
    this.#lastActivity = Date.now();
    this.#api.setCsrfToken(view.csrfToken);
    this.#notify();
  }

  #end(reason: SignedOutReason): void {
    if (this.#view === undefined) {
      return;
    }
    this.#view = undefined;
    this.#reason = reason;
    this.#api.setCsrfToken(undefined);
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) {
      listener();
    }
  }
}

/** The panel's one session. */
export const panelSession = new PanelSession(adminApi);
