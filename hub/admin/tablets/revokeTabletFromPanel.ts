import type { AdminProof, AdminTablet, TabletId } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import { revokeTablet } from "../../tablets/revokeTablet";
import { isStoreInScope, requirePermission } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";
import { toAdminTablet } from "./listAdminTablets";

/**
 * Revokes a tablet of the actor's stores, or reports it stolen, after the
 * actor's password as fresh proof. A revoked tablet can still be reported
 * stolen, which makes its store's users choose new PINs; a stolen one stays
 * stolen. Returns the tablet afterwards.
 */
export async function revokeTabletFromPanel(
  context: HubContext,
  principal: AdminPrincipal,
  request: { tabletId: TabletId; proof: AdminProof; stolen: boolean },
): Promise<AdminTablet> {
  requirePermission(principal, "kiosk.enroll");
  const tablet = await context.storage.tablets.get(request.tabletId);
  if (!tablet || !isStoreInScope(principal, tablet.storeId)) {
    throw new HubError("TABLET_NOT_FOUND", { tabletId: request.tabletId });
  }
  const alreadyDone = request.stolen
    ? tablet.status === "stolen"
    : tablet.status !== "active";
  if (alreadyDone) {
    throw new HubError("TABLET_ALREADY_REVOKED", {
      label: tablet.label,
      status: tablet.status,
    });
  }
  await verifyAdminProof(
    context,
    principal,
    request.proof,
    request.stolen ? "tablet.stolen" : "tablet.revoke",
  );
  await revokeTablet(context, tablet.id, {
    stolen: request.stolen,
    actorId: principal.actor.user.id,
    via: "control panel",
  });

  const revoked = await context.storage.tablets.get(tablet.id);
  const store = await context.storage.org.getStore(tablet.storeId);
  if (!revoked || !store) {
    throw new Error(`tablet ${tablet.id} or its store vanished`);
  }
  return toAdminTablet(context, revoked, store);
}
