import type { AdminSignInRequest } from "../../protocol";
import { resolveUser } from "../domain/actorScope";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { auditNow, storeIdsOf } from "./adminAudit";
import { checkAdminPassword, verifyAgainstDummy } from "./adminPasswords";
import {
  CONTROL_PANEL_PERMISSION,
  openAdminSession,
  type OpenedAdminSession,
} from "./adminSessions";

/**
 * Signs a user in to the control panel with their password. A tablet PIN is
 * never checked here. Unknown and deactivated users, users without a
 * password and wrong passwords all get ADMIN_SIGN_IN_FAILED; the permission
 * is checked only after the password proved right.
 */
export async function signInAdmin(
  context: HubContext,
  request: AdminSignInRequest,
): Promise<OpenedAdminSession> {
  const { storage } = context;
  const user = await storage.users.getByEmployeeNumber(request.employeeNumber);
  if (!user || user.status !== "active") {
    await verifyAgainstDummy(context.hasher, request.password);
    await auditNow(context, {
      kind: "admin.sign-in",
      outcome: "failure",
      targetId: user?.id ?? null,
      reason: user ? "USER_INACTIVE" : "USER_NOT_FOUND",
    });
    context.logger.info(
      "control panel sign-in for an unknown or inactive user",
    );
    throw new HubError("ADMIN_SIGN_IN_FAILED");
  }
  const actor = await resolveUser(storage, user);
  const storeIds = storeIdsOf(actor);

  const check = await checkAdminPassword(context, user, request.password);
  if (check.outcome !== "right") {
    const reason =
      check.outcome === "locked"
        ? "ADMIN_PASSWORD_LOCKED"
        : check.outcome === "missing"
          ? "PASSWORD_NOT_SET"
          : "PASSWORD_INCORRECT";
    await auditNow(context, {
      kind: "admin.sign-in",
      outcome: "failure",
      actorId: user.id,
      targetId: user.id,
      storeIds,
      reason,
      ...(check.outcome === "wrong" && {
        details: { failures: check.failures },
      }),
    });
    context.logger.info(
      { userId: user.id, reason },
      "control panel sign-in failed",
    );
    if (check.outcome === "locked") {
      throw new HubError(
        "ADMIN_PASSWORD_LOCKED",
        {
          name: `${user.firstName} ${user.lastName}`,
          until: new Date(check.until).toISOString(),
          failures: check.failures,
        },
        { details: { lockedUntil: check.until } },
      );
    }
    throw new HubError("ADMIN_SIGN_IN_FAILED");
  }

  if (!actor.role.permissions.includes(CONTROL_PANEL_PERMISSION)) {
    await auditNow(context, {
      kind: "admin.sign-in",
      outcome: "failure",
      actorId: user.id,
      targetId: user.id,
      storeIds,
      reason: "CONTROL_PANEL_ACCESS_MISSING",
    });
    throw new HubError("CONTROL_PANEL_ACCESS_MISSING");
  }

  const opened = await openAdminSession(context, actor);
  await auditNow(context, {
    kind: "admin.sign-in",
    outcome: "success",
    actorId: user.id,
    targetId: user.id,
    storeIds,
  });
  context.logger.info({ userId: user.id }, "control panel session opened");
  return opened;
}
