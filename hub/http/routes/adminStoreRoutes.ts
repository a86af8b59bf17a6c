import type { FastifyInstance } from "fastify";
import {
  AdminGroupCreateRequest,
  AdminGroupParams,
  AdminGroupPatchRequest,
  AdminStoreCreateRequest,
  AdminStoreParams,
  AdminStorePatchRequest,
  type AdminGroup,
  type AdminGroupListResponse,
  type AdminStore,
  type AdminStoreListResponse,
} from "../../../protocol";
import {
  createAdminGroup,
  listAdminGroups,
  updateAdminGroup,
} from "../../admin/stores/adminGroups";
import {
  createAdminStore,
  listAdminStores,
  updateAdminStore,
} from "../../admin/stores/adminStores";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/**
 * Registers the control panel's routes for stores and groups of stores:
 * list, create, rename, time zone, and a group's stores. Users join stores
 * and groups through the users routes.
 */
export async function adminStoreRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/stores",
    async (request): Promise<AdminStoreListResponse> => {
      const principal = await requireAdmin(context, request);
      return listAdminStores(context, principal);
    },
  );

  app.post("/api/admin/stores", async (request, reply) => {
    const principal = await requireAdmin(context, request);
    const body = parseInput(AdminStoreCreateRequest, request.body, "body");
    const store: AdminStore = await createAdminStore(context, principal, body);
    return reply.code(201).send(store);
  });

  app.patch(
    "/api/admin/stores/:storeId",
    async (request): Promise<AdminStore> => {
      const principal = await requireAdmin(context, request);
      const { storeId } = parseInput(
        AdminStoreParams,
        request.params,
        "params",
      );
      const body = parseInput(AdminStorePatchRequest, request.body, "body");
      return updateAdminStore(context, principal, storeId, body);
    },
  );

  app.get(
    "/api/admin/groups",
    async (request): Promise<AdminGroupListResponse> => {
      const principal = await requireAdmin(context, request);
      return listAdminGroups(context, principal);
    },
  );

  app.post("/api/admin/groups", async (request, reply) => {
    const principal = await requireAdmin(context, request);
    const body = parseInput(AdminGroupCreateRequest, request.body, "body");
    const group: AdminGroup = await createAdminGroup(context, principal, body);
    return reply.code(201).send(group);
  });

  app.patch(
    "/api/admin/groups/:groupId",
    async (request): Promise<AdminGroup> => {
      const principal = await requireAdmin(context, request);
      const { groupId } = parseInput(
        AdminGroupParams,
        request.params,
        "params",
      );
      const body = parseInput(AdminGroupPatchRequest, request.body, "body");
      return updateAdminGroup(context, principal, groupId, body);
    },
  );
}
