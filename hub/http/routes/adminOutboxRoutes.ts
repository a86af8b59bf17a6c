import type { FastifyInstance } from "fastify";
import { AdminOutboxQuery, type AdminOutboxResponse } from "../../../protocol";
import { readOutboxFromPanel } from "../../admin/outbox/readOutboxFromPanel";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the route of the demo's local outbox, where temporary PINs wait instead of being sent. */
export async function adminOutboxRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/outbox",
    async (request, reply): Promise<AdminOutboxResponse> => {
      const principal = await requireAdmin(context, request);
      const query = parseInput(AdminOutboxQuery, request.query, "query");
      const messages = await readOutboxFromPanel(
        context,
        principal,
        query.limit,
      );
      reply.header("cache-control", "no-store");
      return { messages };
    },
  );
}
