import type { FastifyInstance } from "fastify";
import { AdminAuditQuery, type AdminAuditResponse } from "../../../protocol";
import { streamAuditCsv } from "../../admin/audit/auditCsv";
import { listAuditEntries } from "../../admin/audit/listAuditEntries";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the audit log routes: filtered pages and the CSV export. */
export async function adminAuditRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get("/api/admin/audit", async (request): Promise<AdminAuditResponse> => {
    const principal = await requireAdmin(context, request);
    const query = parseInput(AdminAuditQuery, request.query, "query");
    return listAuditEntries(context, principal, query);
  });

  app.get("/api/admin/audit.csv", async (request, reply) => {
    const principal = await requireAdmin(context, request);
    const query = parseInput(AdminAuditQuery, request.query, "query");
    const csv = await streamAuditCsv(context, principal, query);
    const day = new Date(context.now()).toISOString().slice(0, 10);
    context.logger.info(
      { userId: principal.actor.user.id },
      "audit log exported as CSV",
    );
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header(
        "content-disposition",
        `attachment; filename="storefloor-audit-${day}.csv"`,
      )
      .header("cache-control", "no-store")
      .send(csv);
  });
}
