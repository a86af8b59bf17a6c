import type { FastifyInstance } from "fastify";
import {
  AdminRoleCreateRequest,
  AdminRoleParams,
  AdminRolePatchRequest,
  type AdminRole,
  type AdminRoleDeleteResponse,
  type AdminRoleListResponse,
} from "../../../protocol";
import {
  createAdminRole,
  deleteAdminRole,
  listAdminRoles,
  updateAdminRole,
} from "../../admin/roles/adminRoles";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the control panel's role routes: list, create, edit and delete. */
export async function adminRoleRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/roles",
    async (request): Promise<AdminRoleListResponse> => {
      await requireAdmin(context, request);
      return listAdminRoles(context);
    },
  );

  app.post("/api/admin/roles", async (request, reply) => {
    const principal = await requireAdmin(context, request);
    const body = parseInput(AdminRoleCreateRequest, request.body, "body");
    const role: AdminRole = await createAdminRole(context, principal, body);
    return reply.code(201).send(role);
  });

  app.patch("/api/admin/roles/:roleId", async (request): Promise<AdminRole> => {
    const principal = await requireAdmin(context, request);
    const { roleId } = parseInput(AdminRoleParams, request.params, "params");
    const body = parseInput(AdminRolePatchRequest, request.body, "body");
    return updateAdminRole(context, principal, roleId, body);
  });

  app.delete(
    "/api/admin/roles/:roleId",
    async (request): Promise<AdminRoleDeleteResponse> => {
      const principal = await requireAdmin(context, request);
      const { roleId } = parseInput(AdminRoleParams, request.params, "params");
      return deleteAdminRole(context, principal, roleId);
    },
  );
}
