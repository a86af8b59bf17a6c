import type { FastifyInstance } from "fastify";
import {
  AdminSettingsPatchRequest,
  type AdminSettingsPatchResponse,
  type AdminSettingsResponse,
} from "../../../protocol";
import { requireOrgWide, requirePermission } from "../../admin/adminGuards";
import { updateOrgSettings } from "../../admin/settings/updateOrgSettings";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the routes that read and change the organisation's settings. */
export async function adminSettingsRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/settings",
    async (request): Promise<AdminSettingsResponse> => {
      const principal = await requireAdmin(context, request);
      requirePermission(principal, "settings.manage");
      requireOrgWide(principal, "see the organisation's settings");
      return { settings: await context.storage.org.getSettings() };
    },
  );

  app.patch(
    "/api/admin/settings",
    async (request): Promise<AdminSettingsPatchResponse> => {
      const principal = await requireAdmin(context, request);
      const body = parseInput(AdminSettingsPatchRequest, request.body, "body");
      return updateOrgSettings(context, principal, body);
    },
  );
}
