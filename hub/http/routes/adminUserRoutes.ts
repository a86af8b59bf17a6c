import type { FastifyInstance } from "fastify";
import {
  AdminPinResetRequest,
  AdminUserCreateRequest,
  AdminUserListQuery,
  AdminUserParams,
  AdminUserPatchRequest,
  AdminUserProofRequest,
  AdminUserReactivateRequest,
  type AdminUserDetail,
  type AdminUserListResponse,
  type PinResetResponse,
} from "../../../protocol";
import {
  resetPinFromPanel,
  unlockFromPanel,
} from "../../admin/users/adminUserCredentials";
import { createAdminUser } from "../../admin/users/createAdminUser";
import { getAdminUser, listAdminUsers } from "../../admin/users/listAdminUsers";
import {
  deactivateAdminUser,
  reactivateAdminUser,
} from "../../admin/users/setAdminUserStatus";
import { updateAdminUser } from "../../admin/users/updateAdminUser";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/**
 * Registers the control panel's user routes: list and search, detail,
 * create, edit, deactivate, reactivate, unlock and PIN reset. Every route
 * applies the scope rule that tablets apply.
 */
export async function adminUserRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/users",
    async (request): Promise<AdminUserListResponse> => {
      const principal = await requireAdmin(context, request);
      const query = parseInput(AdminUserListQuery, request.query, "query");
      return listAdminUsers(context, principal, query);
    },
  );

  app.get(
    "/api/admin/users/:userId",
    async (request): Promise<AdminUserDetail> => {
      const principal = await requireAdmin(context, request);
      const { userId } = parseInput(AdminUserParams, request.params, "params");
      return getAdminUser(context, principal, userId);
    },
  );

  app.post("/api/admin/users", async (request, reply) => {
    const principal = await requireAdmin(context, request);
    const body = parseInput(AdminUserCreateRequest, request.body, "body");
    const user = await createAdminUser(context, principal, body);
    return reply.code(201).send(user);
  });

  app.patch(
    "/api/admin/users/:userId",
    async (request): Promise<AdminUserDetail> => {
      const principal = await requireAdmin(context, request);
      const { userId } = parseInput(AdminUserParams, request.params, "params");
      const body = parseInput(AdminUserPatchRequest, request.body, "body");
      return updateAdminUser(context, principal, userId, body);
    },
  );

  app.post(
    "/api/admin/users/:userId/deactivate",
    async (request): Promise<AdminUserDetail> => {
      const principal = await requireAdmin(context, request);
      const { userId } = parseInput(AdminUserParams, request.params, "params");
      const body = parseInput(AdminUserProofRequest, request.body, "body");
      return deactivateAdminUser(context, principal, userId, body.proof);
    },
  );

  app.post(
    "/api/admin/users/:userId/reactivate",
    async (request): Promise<AdminUserDetail> => {
      const principal = await requireAdmin(context, request);
      const { userId } = parseInput(AdminUserParams, request.params, "params");
      parseInput(AdminUserReactivateRequest, request.body ?? {}, "body");
      return reactivateAdminUser(context, principal, userId);
    },
  );

  app.post(
    "/api/admin/users/:userId/unlock",
    async (request): Promise<AdminUserDetail> => {
      const principal = await requireAdmin(context, request);
      const { userId } = parseInput(AdminUserParams, request.params, "params");
      const body = parseInput(AdminUserProofRequest, request.body, "body");
      return unlockFromPanel(context, principal, userId, body.proof);
    },
  );

  app.post(
    "/api/admin/users/:userId/pin-reset",
    async (request, reply): Promise<PinResetResponse> => {
      const principal = await requireAdmin(context, request);
      const { userId } = parseInput(AdminUserParams, request.params, "params");
      const body = parseInput(AdminPinResetRequest, request.body, "body");
      // The response may carry the temporary PIN: no cache may keep it.
      reply.header("cache-control", "no-store");
      return resetPinFromPanel(context, principal, userId, body);
    },
  );
}
