import type { FastifyInstance } from "fastify";
import { AdminAlertsQuery, type AdminAlertsResponse } from "../../../protocol";
import { listAlerts } from "../../admin/alerts/listAlerts";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the route that lists locks, stolen tablets and failed PIN deliveries. */
export async function adminAlertRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/alerts",
    async (request): Promise<AdminAlertsResponse> => {
      const principal = await requireAdmin(context, request);
      const query = parseInput(AdminAlertsQuery, request.query, "query");
      return listAlerts(context, principal, query.storeId);
    },
  );
}
