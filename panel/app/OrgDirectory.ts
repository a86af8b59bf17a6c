import {
  AdminGroupListResponse,
  AdminRoleListResponse,
  AdminStoreListResponse,
  type AdminGroup,
  type AdminRole,
  type AdminStore,
} from "../../protocol";
import { adminApi } from "../api/adminApi";

/**
 * The organisation's stores, groups and roles, loaded once and shared by
 * the pages that name them in filters, forms and tables. A list the hub
 * refuses (the role lacks the permission) stays empty; `errors` keeps why.
 */
export class OrgDirectory {
  stores: readonly AdminStore[] = [];
  groups: readonly AdminGroup[] = [];
  roles: readonly AdminRole[] = [];
  /** The failure of each list that could not be loaded. */
  errors: Partial<Record<"stores" | "groups" | "roles", unknown>> = {};

  #loading: Promise<void> | undefined;

  /** Loads the lists unless loaded already; `refresh` loads them again. */
  load(refresh = false): Promise<void> {
    if (this.#loading === undefined || refresh) {
      this.#loading = this.#fetch();
    }
    return this.#loading;
  }

  /** Forgets the lists, as after sign-out, when another user may sign in. */
  clear(): void {
    this.#loading = undefined;
    this.stores = [];
    this.groups = [];
    this.roles = [];
    this.errors = {};
  }

  storeName(id: string): string {
    return this.stores.find((store) => store.id === id)?.name ?? id;
  }

  groupName(id: string): string {
    return this.groups.find((group) => group.id === id)?.name ?? id;
  }

  role(id: string): AdminRole | undefined {
    return this.roles.find((role) => role.id === id);
  }

  async #fetch(): Promise<void> {
    this.errors = {};
    const [stores, groups, roles] = await Promise.allSettled([
      adminApi.get("/api/admin/stores", AdminStoreListResponse),
      adminApi.get("/api/admin/groups", AdminGroupListResponse),
      adminApi.get("/api/admin/roles", AdminRoleListResponse),
    ]);
    if (stores.status === "fulfilled") {
      this.stores = sortByName(stores.value.stores);
    } else {
      this.errors.stores = stores.reason;
    }
    if (groups.status === "fulfilled") {
      this.groups = sortByName(groups.value.groups);
    } else {
      this.errors.groups = groups.reason;
    }
    if (roles.status === "fulfilled") {
      this.roles = [...roles.value.roles].sort(
        (a, b) => a.level - b.level || a.name.localeCompare(b.name),
      );
    } else {
      this.errors.roles = roles.reason;
    }
  }
}

function sortByName<Item extends { readonly name: string }>(
  items: readonly Item[],
): Item[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

/** The panel's one directory; pages call `load(true)` after changing it. */
export const orgDirectory = new OrgDirectory();
