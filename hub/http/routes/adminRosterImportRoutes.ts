import type { FastifyInstance } from "fastify";
import {
  RosterImportApplyRequest,
  RosterImportPreviewRequest,
  type RosterImportApplyResponse,
  type RosterImportPreviewResponse,
} from "../../../protocol";
import {
  applyRosterImportFromPanel,
  previewRosterImport,
} from "../../admin/rosterImport/rosterImportFromPanel";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the roster import routes: preview a CSV file, then apply it. */
export async function adminRosterImportRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.post(
    "/api/admin/roster-imports/preview",
    async (request): Promise<RosterImportPreviewResponse> => {
      const principal = await requireAdmin(context, request);
      const body = parseInput(RosterImportPreviewRequest, request.body, "body");
      return previewRosterImport(context, principal, body);
    },
  );

  app.post(
    "/api/admin/roster-imports/apply",
    async (request): Promise<RosterImportApplyResponse> => {
      const principal = await requireAdmin(context, request);
      const body = parseInput(RosterImportApplyRequest, request.body, "body");
      return applyRosterImportFromPanel(context, principal, body);
    },
  );
}
