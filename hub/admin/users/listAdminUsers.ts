import {
  isInsideScope,
  type AdminUserDetail,
  type AdminUserListQuery,
  type AdminUserListResponse,
  type StoreId,
  type UserId,
} from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { AdminPrincipal } from "../adminPrincipal";
import { authorizeUserTarget } from "./authorizeUserTarget";
import { loadAdminUserDetail, loadAdminUserRows } from "./adminUserView";

/**
 * Lists one page of the users the actor may see: those whose every store
 * lies inside the actor's scope and whose level is below the actor's, as
 * the scope rule has it. Filtering and paging run in the database.
 */
export async function listAdminUsers(
  context: HubContext,
  principal: AdminPrincipal,
  query: AdminUserListQuery,
): Promise<AdminUserListResponse> {
  const { storage } = context;
  const { actor } = principal;
  await checkFilters(context, principal, query);

  const now = context.now();
  const { users, total } = await storage.users.search({
    text: query.search,
    storeId: query.storeId,
    roleId: query.roleId,
    status: query.status,
    lockState: query.lockState,
    levelBelow: actor.role.level,
    scopeStoreIds: actor.user.orgWide ? null : (actor.storeIds as StoreId[]),
    now,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    users: await loadAdminUserRows(storage, users, now),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Returns one user with the details of their lock and PIN, when the scope
 * rule lets the actor see them.
 */
export async function getAdminUser(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
): Promise<AdminUserDetail> {
  // Every control panel user has control-panel.access, so the rule's
  // other parts decide: someone else, a lower level, inside scope.
  const target = await authorizeUserTarget(
    context,
    principal,
    userId,
    "control-panel.access",
    "user.view",
  );
  return loadAdminUserDetail(context.storage, target.user, context.now());
}

/** Checks that the store and role a list is filtered by exist and are visible. */
async function checkFilters(
  context: HubContext,
  principal: AdminPrincipal,
  query: AdminUserListQuery,
): Promise<void> {
  if (query.storeId !== undefined) {
    const store = await context.storage.org.getStore(query.storeId);
    if (!store) {
      throw new HubError(
        "STORE_UNKNOWN",
        { storeId: query.storeId },
        {
          fields: [
            {
              path: "query.storeId",
              message: "is not a store of the organisation",
            },
          ],
        },
      );
    }
    const scope = {
      orgWide: principal.actor.user.orgWide,
      storeIds: principal.actor.storeIds,
    };
    if (!isInsideScope(scope, [query.storeId])) {
      throw new HubError(
        "STORE_OUT_OF_SCOPE",
        { name: store.name },
        {
          fields: [
            { path: "query.storeId", message: "lies outside your scope" },
          ],
        },
      );
    }
  }
  if (query.roleId !== undefined) {
    const role = await context.storage.org.getRole(query.roleId);
    if (!role) {
      throw new HubError(
        "ROLE_UNKNOWN",
        { roleId: query.roleId },
        {
          fields: [
            {
              path: "query.roleId",
              message: "is not a role of the organisation",
            },
          ],
        },
      );
    }
  }
}
