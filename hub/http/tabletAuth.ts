import type { FastifyRequest } from "fastify";
import { TABLET_TOKEN_HEADER } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { TabletRecord } from "../storage/tabletRepository";
import { authenticateTablet } from "../tablets/tabletAuth";

/**
 * Tablets already authenticated per request, so a route's hooks and its
 * handler check the token once.
 */
const authenticatedTablets = new WeakMap<FastifyRequest, TabletRecord>();

/**
 * Returns the enrolled tablet a request comes from, by its tablet token
 * header. Throws TABLET_NOT_ENROLLED when the header is missing or the token
 * is invalid or expired, and TABLET_REVOKED for a revoked tablet.
 */
export async function requireTablet(
  context: HubContext,
  request: FastifyRequest,
): Promise<TabletRecord> {
  const known = authenticatedTablets.get(request);
  if (known) {
    return known;
  }
  const header = request.headers[TABLET_TOKEN_HEADER];
  if (typeof header !== "string" || header === "") {
    throw new HubError("TABLET_NOT_ENROLLED");
  }
  const tablet = await authenticateTablet(context, header);
  authenticatedTablets.set(request, tablet);
  return tablet;
}
