import type { Mutation } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { registerFailedPin } from "../../services/registerFailedPin";
import type { TabletRecord } from "../../storage/tabletRepository";
import { requireStoreUser } from "./requireStoreUser";

/**
 * Adds a wrong PIN typed at an offline tablet to the user's count; the lock
 * that follows reaches every tablet of the user's stores.
 */
export async function applySignInFailure(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Extract<Mutation, { kind: "sign-in.failure" }>,
): Promise<void> {
  const user = await requireStoreUser(context, tablet, mutation.userId);
  await registerFailedPin(context, user.user, {
    kind: "sign-in.offline",
    tabletId: tablet.id,
    storeId: tablet.storeId,
  });
}
