import type { StoreId } from "../../protocol";
import type { UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";

/**
 * Returns the stores a user belongs to: those assigned directly and those of
 * their groups of stores, sorted, each once. An organisation-wide scope widens
 * what the user may act on, not the stores whose tablets list them.
 */
export async function effectiveStoreIds(
  storage: Storage,
  user: Pick<UserRecord, "storeIds" | "groupIds">,
): Promise<StoreId[]> {
  const viaGroups = await storage.org.storesOfGroups(user.groupIds);
  return [...new Set([...user.storeIds, ...viaGroups])].sort();
}
