import { timingSafeEqual } from "node:crypto";
import type { AdminSessionView, StoreId } from "../../protocol";
import { resolveUser, type ResolvedUser } from "../domain/actorScope";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { AdminSessionRecord } from "../storage/adminSessionRepository";
import type { AdminPrincipal } from "./adminPrincipal";
import {
  csrfTokenFor,
  hashAdminSecret,
  newAdminSessionToken,
} from "./adminTokens";

/** The permission without which no control panel session opens or lasts. */
export const CONTROL_PANEL_PERMISSION = "control-panel.access";

/** A session just opened: the cookie's token, to be set once, and its view. */
export interface OpenedAdminSession {
  readonly token: string;
  readonly view: AdminSessionView;
}

/** A session resolved from its cookie token and extended by one request. */
export interface AuthenticatedAdminSession {
  readonly principal: AdminPrincipal;
  readonly session: AdminSessionRecord;
  readonly token: string;
}

/**
 * Opens a control panel session for a user who just proved their password.
 * Only the hashes of the session token and of its CSRF token are stored.
 */
export async function openAdminSession(
  context: HubContext,
  actor: ResolvedUser,
): Promise<OpenedAdminSession> {
  const now = context.now();
  const { idleSeconds, absoluteSeconds } = context.config.adminSession;
  const token = newAdminSessionToken();
  const csrfToken = csrfTokenFor(token);
  const session: AdminSessionRecord = {
    tokenHash: hashAdminSecret(token),
    csrfHash: hashAdminSecret(csrfToken),
    userId: actor.user.id,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: now + idleSeconds * 1000,
    absoluteExpiresAt: now + absoluteSeconds * 1000,
  };
  await context.storage.adminSessions.create(session);
  return { token, view: toAdminSessionView(context, actor, session, token) };
}

/**
 * Resolves a cookie token to its session and user and extends the session's
 * idle expiry, capped by its absolute expiry. Throws like
 * `loadAdminSession`.
 */
export async function authenticateAdminSession(
  context: HubContext,
  token: string,
): Promise<AuthenticatedAdminSession> {
  const now = context.now();
  const { principal, session } = await loadAdminSession(
    context,
    hashAdminSecret(token),
  );
  const idleExpiresAt = Math.min(
    now + context.config.adminSession.idleSeconds * 1000,
    session.absoluteExpiresAt,
  );
  await context.storage.adminSessions.touch(
    session.tokenHash,
    now,
    idleExpiresAt,
  );
  return {
    principal,
    session: { ...session, lastSeenAt: now, idleExpiresAt },
    token,
  };
}

/**
 * Loads a session by the hash of its token without extending it, and
 * deletes it when it has ended. Throws ADMIN_SESSION_REQUIRED for an
 * unknown or ended session or a user who is no longer active, and
 * CONTROL_PANEL_ACCESS_MISSING for a user whose role lost the permission.
 */
export async function loadAdminSession(
  context: HubContext,
  tokenHash: string,
): Promise<{ principal: AdminPrincipal; session: AdminSessionRecord }> {
  const now = context.now();
  const session = await context.storage.adminSessions.get(tokenHash);
  if (!session) {
    throw new HubError("ADMIN_SESSION_REQUIRED");
  }
  if (session.idleExpiresAt <= now || session.absoluteExpiresAt <= now) {
    await context.storage.adminSessions.delete(tokenHash);
    throw new HubError("ADMIN_SESSION_REQUIRED");
  }

  const user = await context.storage.users.get(session.userId);
  if (!user || user.status !== "active") {
    await context.storage.adminSessions.delete(tokenHash);
    throw new HubError("ADMIN_SESSION_REQUIRED");
  }
  const actor = await resolveUser(context.storage, user);
  if (!actor.role.permissions.includes(CONTROL_PANEL_PERMISSION)) {
    await context.storage.adminSessions.delete(tokenHash);
    throw new HubError("CONTROL_PANEL_ACCESS_MISSING");
  }
  return { principal: { actor, sessionId: tokenHash }, session };
}

/** Checks in constant time whether `csrfToken` is the CSRF token of `session`. */
export function csrfTokenMatches(
  session: AdminSessionRecord,
  csrfToken: string,
): boolean {
  const given = Buffer.from(hashAdminSecret(csrfToken));
  const stored = Buffer.from(session.csrfHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Ends one control panel session. */
export async function closeAdminSession(
  context: HubContext,
  sessionId: string,
): Promise<void> {
  await context.storage.adminSessions.delete(sessionId);
}

/** Builds the view of a session; the CSRF token is derived from the cookie token. */
export function toAdminSessionView(
  context: HubContext,
  actor: ResolvedUser,
  session: AdminSessionRecord,
  token: string,
): AdminSessionView {
  return {
    user: {
      id: actor.user.id,
      employeeNumber: actor.user.employeeNumber,
      firstName: actor.user.firstName,
      lastName: actor.user.lastName,
      roleId: actor.role.id,
      roleName: actor.role.name,
      level: actor.role.level,
      permissions: [...actor.role.permissions],
      orgWide: actor.user.orgWide,
      storeIds: [...(actor.storeIds as readonly StoreId[])],
    },
    csrfToken: csrfTokenFor(token),
    idleTimeoutSeconds: context.config.adminSession.idleSeconds,
    expiresAt: session.idleExpiresAt,
  };
}
