import type { ScopeActor, ScopeTarget } from "../../protocol";
import type { RoleRecord, UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import { effectiveStoreIds } from "./effectiveStoreIds";

/** A user with their role, resolved for scope decisions. */
export interface ResolvedUser {
  readonly user: UserRecord;
  readonly role: RoleRecord;
  readonly storeIds: readonly string[];
}

/** Loads a user's role and effective stores. */
export async function resolveUser(
  storage: Storage,
  user: UserRecord,
): Promise<ResolvedUser> {
  const role = await storage.org.getRole(user.roleId);
  if (!role) {
    throw new Error(`user ${user.id} has the unknown role ${user.roleId}`);
  }
  return { user, role, storeIds: await effectiveStoreIds(storage, user) };
}

export function toScopeActor(resolved: ResolvedUser): ScopeActor {
  return {
    id: resolved.user.id,
    level: resolved.role.level,
    permissions: resolved.role.permissions,
    orgWide: resolved.user.orgWide,
    storeIds: resolved.storeIds,
  };
}

export function toScopeTarget(resolved: ResolvedUser): ScopeTarget {
  return {
    id: resolved.user.id,
    level: resolved.role.level,
    storeIds: resolved.storeIds,
  };
}
