import { randomUUID } from "node:crypto";
import type {
  AdminUserCreateRequest,
  AdminUserDetail,
  UserId,
} from "../../../protocol";
import { recordUserChange } from "../../domain/userChanges";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { AdminPrincipal } from "../adminPrincipal";
import { auditRejection } from "./auditRejection";
import { loadAdminUserDetail } from "./adminUserView";
import {
  requireActorPermission,
  requireAssignableRole,
  requireAssignableStores,
  requireOrgWideActor,
  requireSomeStore,
} from "./userAssignment";

const KIND = "user.create";

/**
 * Creates a user without a PIN: the actor needs `user.manage`, may only give
 * a role below their own level whose permissions they hold, and only stores
 * and groups inside their scope. Tablets of the user's stores learn of them
 * at once. A PIN reset gives the user their first, temporary PIN.
 */
export async function createAdminUser(
  context: HubContext,
  principal: AdminPrincipal,
  request: AdminUserCreateRequest,
): Promise<AdminUserDetail> {
  const { storage } = context;
  const actorId = principal.actor.user.id;

  const storeIds = await auditRejection(
    context,
    principal,
    { kind: KIND },
    async () => {
      requireActorPermission(principal, "user.manage");
      if (request.orgWide) {
        requireOrgWideActor(
          principal,
          "give a user the whole organisation as scope",
          "body.orgWide",
        );
      }
      await requireAssignableRole(
        context,
        principal,
        request.roleId,
        "body.roleId",
      );
      const storeIds = await requireAssignableStores(
        context,
        principal,
        request,
        { stores: "body.storeIds", groups: "body.groupIds" },
      );
      requireSomeStore(storeIds, request.orgWide, "body.storeIds");
      await requireFreeEmployeeNumber(context, request.employeeNumber);
      return storeIds;
    },
  );

  const id = randomUUID() as UserId;
  const now = context.now();
  const { user, entries } = await storage.transaction(async (tx) => {
    // Checked again inside the transaction, so two requests cannot both pass.
    await requireFreeEmployeeNumber({ storage: tx }, request.employeeNumber);
    await tx.users.create(
      {
        id,
        employeeNumber: request.employeeNumber,
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.email,
        phone: request.phone,
        roleId: request.roleId,
        orgWide: request.orgWide,
        storeIds: request.storeIds,
        groupIds: request.groupIds,
      },
      now,
    );
    const user = await tx.users.get(id);
    if (!user) {
      throw new Error(`user ${id} vanished after its creation`);
    }
    const logged = [
      await audit(
        tx,
        {
          kind: KIND,
          outcome: "success",
          actorId,
          targetId: id,
          storeIds,
          details: {
            employeeNumber: user.employeeNumber,
            roleId: user.roleId,
            storeIds: [...user.storeIds],
            groupIds: [...user.groupIds],
            orgWide: user.orgWide,
          },
        },
        now,
      ),
      ...(await recordUserChange(tx, user, now, { actorId })),
    ];
    return { user, entries: logged };
  });
  context.changes.publish(entries);
  context.logger.info({ actorId, userId: id }, "user created");
  return loadAdminUserDetail(storage, user, now);
}

/** Throws EMPLOYEE_NUMBER_TAKEN when a user already has the number. */
async function requireFreeEmployeeNumber(
  context: Pick<HubContext, "storage">,
  employeeNumber: string,
): Promise<void> {
  const existing =
    await context.storage.users.getByEmployeeNumber(employeeNumber);
  if (existing) {
    throw new HubError(
      "EMPLOYEE_NUMBER_TAKEN",
      { employeeNumber },
      {
        fields: [{ path: "body.employeeNumber", message: "is already in use" }],
      },
    );
  }
}
