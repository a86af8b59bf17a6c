import type { UserId } from "../../../protocol";
import { resolveUser, type ResolvedUser } from "../../domain/actorScope";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { TabletRecord } from "../../storage/tabletRepository";

/**
 * Returns a user of the tablet's store, active now. A tablet never acts on
 * users of another store.
 */
export async function requireStoreUser(
  context: HubContext,
  tablet: TabletRecord,
  userId: UserId,
): Promise<ResolvedUser> {
  const user = await context.storage.users.get(userId);
  const resolved = user ? await resolveUser(context.storage, user) : null;
  if (!user || !resolved || !resolved.storeIds.includes(tablet.storeId)) {
    throw new HubError("USER_NOT_FOUND", { user: userId });
  }
  if (user.status !== "active") {
    throw new HubError("USER_INACTIVE", {
      name: `${user.firstName} ${user.lastName}`,
    });
  }
  return resolved;
}
