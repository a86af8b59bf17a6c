import type { FastifyRequest } from "fastify";
import { hashSessionToken } from "../security/sessionToken";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import {
  authenticateKiosk,
  type KioskPrincipal,
} from "../services/kioskSessions";
import { requireTablet } from "./tabletAuth";

/**
 * Authenticates a kiosk request by its tablet token and its bearer token.
 * The session must belong to the requesting tablet, so a session token
 * copied from one tablet does not work from another device. Unless
 * `allowPinChange` is set, a session that must first replace a temporary PIN
 * is rejected.
 */
export async function requireKioskSession(
  context: HubContext,
  request: FastifyRequest,
  options: { allowPinChange?: boolean } = {},
): Promise<KioskPrincipal> {
  // Only an enrolled tablet may use a kiosk session at all.
  const tablet = await requireTablet(context, request);

  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header) : null;
  if (!match?.[1]) {
    throw new HubError("UNAUTHENTICATED");
  }
  const token = match[1];

  // Checked before authenticateKiosk, which extends the session: a token
  // used from another tablet must not keep it alive.
  const session = await context.storage.sessions.get(hashSessionToken(token));
  if (session && session.tabletId !== tablet.id) {
    context.logger.warn(
      { tabletId: tablet.id, sessionTabletId: session.tabletId },
      "kiosk session used from another tablet",
    );
    throw new HubError("UNAUTHENTICATED");
  }

  const principal = await authenticateKiosk(context, token);
  if (principal.session.mustChangePin && !options.allowPinChange) {
    throw new HubError("PIN_CHANGE_REQUIRED");
  }
  return principal;
}
