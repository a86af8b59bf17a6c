import type {
  RosterImportApplyRequest,
  RosterImportApplyResponse,
  RosterImportPreviewRequest,
  RosterImportPreviewResponse,
} from "../../../protocol";
import { applyRosterImport } from "../../roster/applyRosterImport";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import { requireOrgWide, requirePermission } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";
import { planPanelImport } from "./planPanelImport";

/** Checks that the actor may import rosters: `user.manage`, organisation-wide. */
function requireImportRights(principal: AdminPrincipal): void {
  requirePermission(principal, "user.manage");
  requireOrgWide(principal, "import the roster");
}

/**
 * Reads a roster file and returns every problem with its line, and what an
 * import would create, change and deactivate. Changes nothing.
 */
export async function previewRosterImport(
  context: HubContext,
  principal: AdminPrincipal,
  request: RosterImportPreviewRequest,
): Promise<RosterImportPreviewResponse> {
  requireImportRights(principal);
  const planned = await planPanelImport(context, principal, request);
  return {
    rowCount: planned.rowCount,
    readyRowCount: planned.readyRowCount,
    badRowCount: planned.badRowCount,
    errors: planned.errors,
    plan: planned.view,
    fingerprint: planned.fingerprint,
    canApply: planned.errors.length === 0,
  };
}

/**
 * Applies a previewed roster file in one transaction, after the actor's
 * password as fresh proof. Rejects a file with any problem (ROSTER_INVALID),
 * and a plan that differs from the previewed one because users changed
 * meanwhile (ROSTER_PLAN_CHANGED). Tablets receive the changes live.
 */
export async function applyRosterImportFromPanel(
  context: HubContext,
  principal: AdminPrincipal,
  request: RosterImportApplyRequest,
): Promise<RosterImportApplyResponse> {
  requireImportRights(principal);
  await verifyAdminProof(context, principal, request.proof, "roster.import");
  const planned = await planPanelImport(context, principal, request);
  if (planned.errors.length > 0) {
    throw new HubError(
      "ROSTER_INVALID",
      { rows: planned.badRowCount, count: planned.errors.length },
      { details: { lines: planned.errors.map((error) => String(error.line)) } },
    );
  }
  if (planned.fingerprint !== request.fingerprint) {
    context.logger.info(
      { userId: principal.actor.user.id },
      "roster import rejected: the plan changed since the preview",
    );
    throw new HubError("ROSTER_PLAN_CHANGED");
  }
  // The PINs of new users are hashed before the transaction starts, which
  // can take minutes for a long file, so the plan is checked again inside.
  const result = await applyRosterImport(context, planned.plan, {
    actorId: principal.actor.user.id,
    source: "control panel",
    checkBeforeWrite: async (tx) => {
      const again = await planPanelImport(
        { ...context, storage: tx },
        principal,
        request,
      );
      if (again.fingerprint !== request.fingerprint) {
        throw new HubError("ROSTER_PLAN_CHANGED");
      }
    },
  });
  return {
    created: result.created.map((user) => ({
      userId: user.userId,
      employeeNumber: user.employeeNumber,
      name: user.name,
      delivery: user.delivery,
      ...(user.temporaryPin !== undefined && {
        temporaryPin: user.temporaryPin,
      }),
    })),
    updated: result.updated,
    deactivated: result.deactivated,
    unchanged: result.unchanged,
  };
}
