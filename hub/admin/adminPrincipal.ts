import type { ResolvedUser } from "../domain/actorScope";

/** An authenticated control panel request: the user and their session. */
export interface AdminPrincipal {
  readonly actor: ResolvedUser;
  /** Hash of the session's cookie token: the session's key, not the token. */
  readonly sessionId: string;
}
