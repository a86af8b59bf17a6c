import {
  AdminStoreListResponse,
  type AdminSessionUser,
  type StoreId,
} from "../../protocol";
import { adminApi } from "../api/adminApi";

/** A store the signed-in user may pick in a form or filter. */
export interface StoreChoice {
  readonly id: StoreId;
  readonly label: string;
}

/**
 * Lists the stores in the user's scope, with names from
 * `GET /api/admin/stores`. For a role without the right to list stores it
 * returns the store ids as labels, because the session contains no store
 * names.
 */
export async function loadStoreChoices(
  user: AdminSessionUser | undefined,
): Promise<StoreChoice[]> {
  const inScope = new Set<string>(user?.storeIds ?? []);
  try {
    const { stores } = await adminApi.get(
      "/api/admin/stores",
      AdminStoreListResponse,
    );
    return stores
      .filter((store) => user?.orgWide === true || inScope.has(store.id))
      .map((store) => ({
        id: store.id,
        label: `${store.name} (${store.code})`,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  } catch {
    return (user?.storeIds ?? []).map((id) => ({ id, label: id }));
  }
}

/** Returns the label of store `id` among `choices`, or the id itself. */
export function storeLabel(
  choices: readonly StoreChoice[],
  id: string,
): string {
  return choices.find((choice) => choice.id === id)?.label ?? id;
}
