import type {
  OrgSettings,
  SessionView,
  StoreId,
  TabletId,
} from "../../protocol";
import { resolveUser, type ResolvedUser } from "../domain/actorScope";
import { hashSessionToken, newSessionToken } from "../security/sessionToken";
import type { KioskSessionRecord } from "../storage/records";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";

/**
 * Grace added to the idle time, so a session the tablet still shows does not
 * end on the hub a moment before the tablet's own idle sign-out.
 */
const SESSION_GRACE_MS = 30_000;

/** A session that may only replace a temporary PIN lasts at most this long. */
const PIN_CHANGE_SESSION_MS = 5 * 60_000;

/** An authenticated kiosk request: the session and its user, resolved. */
export interface KioskPrincipal {
  readonly session: KioskSessionRecord;
  readonly actor: ResolvedUser;
  /** The bearer token of the request, to return it in a session view. */
  readonly token: string;
}

/** Opens a session for a user who just proved their PIN. */
export async function openKioskSession(
  context: HubContext,
  resolved: ResolvedUser,
  options: { storeId: StoreId; tabletId: TabletId; mustChangePin: boolean },
): Promise<SessionView> {
  const now = context.now();
  const token = newSessionToken();
  const expiresAt = await sessionExpiry(context, now, options.mustChangePin);
  await context.storage.sessions.create({
    tokenHash: hashSessionToken(token),
    userId: resolved.user.id,
    storeId: options.storeId,
    tabletId: options.tabletId,
    mustChangePin: options.mustChangePin,
    createdAt: now,
    expiresAt,
  });
  return toSessionView(token, expiresAt, resolved, options.mustChangePin);
}

/**
 * Resolves a bearer token to its session and user, and slides the session's
 * expiry forward. Throws UNAUTHENTICATED for an unknown or ended session and
 * for a user who is no longer active.
 */
export async function authenticateKiosk(
  context: HubContext,
  token: string,
): Promise<KioskPrincipal> {
  const now = context.now();
  const tokenHash = hashSessionToken(token);
  const session = await context.storage.sessions.get(tokenHash);

  // Unknown and expired sessions look the same to the caller.
  if (!session || session.expiresAt <= now) {
    if (session) {
      await context.storage.sessions.delete(tokenHash);
    }
    throw new HubError("UNAUTHENTICATED");
  }

  // A user deactivated since sign-in loses the session at once.
  const user = await context.storage.users.get(session.userId);
  if (!user || user.status !== "active") {
    await context.storage.sessions.delete(tokenHash);
    throw new HubError("UNAUTHENTICATED");
  }

  // A session for a temporary PIN does not slide: it ends a fixed time after sign-in.
  if (!session.mustChangePin) {
    const expiresAt = await sessionExpiry(context, now, false);
    await context.storage.sessions.update(tokenHash, { expiresAt });
    return {
      session: { ...session, expiresAt },
      actor: await resolveUser(context.storage, user),
      token,
    };
  }
  return { session, actor: await resolveUser(context.storage, user), token };
}

/** Ends the session of `token`. */
export async function closeKioskSession(
  context: HubContext,
  token: string,
): Promise<void> {
  await context.storage.sessions.delete(hashSessionToken(token));
}

/** Builds the session view the kiosk receives. */
export function toSessionView(
  token: string,
  expiresAt: number,
  resolved: ResolvedUser,
  mustChangePin: boolean,
): SessionView {
  return {
    token,
    expiresAt,
    mustChangePin,
    user: {
      id: resolved.user.id,
      employeeNumber: resolved.user.employeeNumber,
      firstName: resolved.user.firstName,
      lastName: resolved.user.lastName,
      role: {
        id: resolved.role.id,
        name: resolved.role.name,
        level: resolved.role.level,
        permissions: [...resolved.role.permissions],
      },
    },
  };
}

/** Returns when a session used at `now` ends unless used again. */
export function idleSessionExpiry(settings: OrgSettings, now: number): number {
  return now + settings.idleTimeoutSeconds * 1000 + SESSION_GRACE_MS;
}

async function sessionExpiry(
  context: HubContext,
  now: number,
  mustChangePin: boolean,
): Promise<number> {
  if (mustChangePin) {
    return now + PIN_CHANGE_SESSION_MS;
  }
  return idleSessionExpiry(await context.storage.org.getSettings(), now);
}
