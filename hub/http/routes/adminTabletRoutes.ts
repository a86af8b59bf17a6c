import type { FastifyInstance } from "fastify";
import {
  AdminEnrollmentCodeRequest,
  AdminStoreParams,
  AdminTabletParams,
  AdminTabletRevokeRequest,
  AdminTabletsQuery,
  type AdminEnrollmentCodeResponse,
  type AdminTabletRevokeResponse,
  type AdminTabletsResponse,
} from "../../../protocol";
import { requirePermission } from "../../admin/adminGuards";
import { issueCodeFromPanel } from "../../admin/tablets/issueCodeFromPanel";
import { listAdminTablets } from "../../admin/tablets/listAdminTablets";
import { revokeTabletFromPanel } from "../../admin/tablets/revokeTabletFromPanel";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the control panel's tablet routes: list, enrollment codes, revocation, theft. */
export async function adminTabletRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/tablets",
    async (request): Promise<AdminTabletsResponse> => {
      const principal = await requireAdmin(context, request);
      const query = parseInput(AdminTabletsQuery, request.query, "query");
      requirePermission(principal, "kiosk.enroll");
      return {
        tablets: await listAdminTablets(context, principal, query.storeId),
      };
    },
  );

  app.post(
    "/api/admin/stores/:storeId/enrollment-codes",
    async (request): Promise<AdminEnrollmentCodeResponse> => {
      const principal = await requireAdmin(context, request);
      const { storeId } = parseInput(
        AdminStoreParams,
        request.params,
        "params",
      );
      const body = parseInput(AdminEnrollmentCodeRequest, request.body, "body");
      return issueCodeFromPanel(context, principal, {
        storeId,
        proof: body.proof,
      });
    },
  );

  for (const [action, stolen] of [
    ["revoke", false],
    ["report-stolen", true],
  ] as const) {
    app.post(
      `/api/admin/tablets/:tabletId/${action}`,
      async (request): Promise<AdminTabletRevokeResponse> => {
        const principal = await requireAdmin(context, request);
        const { tabletId } = parseInput(
          AdminTabletParams,
          request.params,
          "params",
        );
        const body = parseInput(AdminTabletRevokeRequest, request.body, "body");
        const tablet = await revokeTabletFromPanel(context, principal, {
          tabletId,
          proof: body.proof,
          stolen,
        });
        return { tablet };
      },
    );
  }
}
