import type { Mutation } from "../../../protocol";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import type { TabletRecord } from "../../storage/tabletRepository";
import { requireStoreUser } from "./requireStoreUser";

/**
 * Audits a sign-in that an offline tablet verified. It does not clear the
 * user's failure count at the hub: failures elsewhere count until a sign-in
 * the hub itself checked, or an unlock.
 */
export async function applySignInSuccess(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Extract<Mutation, { kind: "sign-in.success" }>,
): Promise<void> {
  const user = await requireStoreUser(context, tablet, mutation.userId);
  await audit(
    context.storage,
    {
      kind: "sign-in.offline",
      outcome: "success",
      actorId: user.user.id,
      targetId: user.user.id,
      tabletId: tablet.id,
      storeIds: [tablet.storeId],
      details: { clientTime: mutation.clientTime, mutationId: mutation.id },
    },
    context.now(),
  );
}
