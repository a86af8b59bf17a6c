import type { FastifyRequest } from "fastify";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import {
  authenticateKiosk,
  type KioskPrincipal,
} from "../services/kioskSessions";

/**
 * Authenticates a kiosk request by its bearer token. Unless `allowPinChange`
 * is set, a session that must first replace a temporary PIN is refused.
 */
export async function requireKioskSession(
  context: HubContext,
  request: FastifyRequest,
  options: { allowPinChange?: boolean } = {},
): Promise<KioskPrincipal> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header) : null;
  if (!match?.[1]) {
    throw new HubError("UNAUTHENTICATED");
  }
  const principal = await authenticateKiosk(context, match[1]);
  if (principal.session.mustChangePin && !options.allowPinChange) {
    throw new HubError("PIN_CHANGE_REQUIRED");
  }
  return principal;
}
