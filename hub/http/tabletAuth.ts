import type { FastifyRequest } from "fastify";
import { TABLET_TOKEN_HEADER } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import type { TabletRecord } from "../storage/tabletRepository";
import { authenticateTablet } from "../tablets/tabletAuth";

/**
 * Returns the enrolled tablet a request comes from, by its tablet token
 * header, or null when the request carries none.
 */
export async function optionalTablet(
  context: HubContext,
  request: FastifyRequest,
): Promise<TabletRecord | null> {
  const header = request.headers[TABLET_TOKEN_HEADER];
  if (typeof header !== "string" || header === "") {
    return null;
  }
  return authenticateTablet(context, header);
}
