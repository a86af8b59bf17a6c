import {
  canRegisterPasskeys,
  isLocked,
  type AdminPinState,
  type AdminUserDetail,
  type AdminUserRow,
  type LockState,
  type StoreGroupId,
  type StoreId,
} from "../../../protocol";
import {
  NO_LOCKOUT,
  type CredentialSummary,
} from "../../storage/credentialRepository";
import type {
  LockoutRecord,
  RoleRecord,
  UserRecord,
} from "../../storage/records";
import type { Storage } from "../../storage/Storage";
import { effectiveStoreIds } from "../../domain/effectiveStoreIds";

/** Builds one row of the control panel's user list. */
export function toAdminUserRow(
  user: UserRecord,
  role: RoleRecord,
  storeIds: readonly StoreId[],
  lockout: LockoutRecord,
  credential: CredentialSummary | null,
  now: number,
): AdminUserRow {
  return {
    id: user.id,
    employeeNumber: user.employeeNumber,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: user.phone,
    role: { id: role.id, name: role.name, level: role.level },
    storeIds: [...user.storeIds],
    groupIds: [...user.groupIds],
    effectiveStoreIds: [...storeIds],
    orgWide: user.orgWide,
    status: user.status,
    lock: currentLock(lockout.lock, now),
    pin: pinState(credential),
    version: user.version,
  };
}

/** Loads a user's row with the details of their lock and PIN. */
export async function loadAdminUserDetail(
  storage: Storage,
  user: UserRecord,
  now: number,
): Promise<AdminUserDetail> {
  const role = await storage.org.getRole(user.roleId);
  if (!role) {
    throw new Error(`user ${user.id} has the unknown role ${user.roleId}`);
  }
  const lockout = await storage.credentials.getLockout(user.id);
  const credential = await storage.credentials.getPin(user.id);
  const tablet = lockout.lastTabletId
    ? await storage.tablets.get(lockout.lastTabletId)
    : null;
  const row = toAdminUserRow(
    user,
    role,
    await effectiveStoreIds(storage, user),
    lockout,
    credential,
    now,
  );
  return {
    ...row,
    failedAttempts: lockout.failures,
    lastFailureAt: lockout.lastFailureAt,
    lastFailureTablet: lockout.lastTabletId
      ? { id: lockout.lastTabletId, label: tablet?.label ?? null }
      : null,
    pinSetAt: credential?.setAt ?? null,
    pinExpiresAt: credential?.temporary ? credential.expiresAt : null,
    canRegisterPasskeys: canRegisterPasskeys(role),
  };
}

/** Loads the rows of many users at once, for one page of the list. */
export async function loadAdminUserRows(
  storage: Storage,
  users: readonly UserRecord[],
  now: number,
): Promise<AdminUserRow[]> {
  const roles = new Map(
    (await storage.org.listRoles()).map((role) => [role.id, role]),
  );
  const groupStores = await storage.org.groupStores();
  const ids = users.map((user) => user.id);
  const lockouts = await storage.credentials.getLockouts(ids);
  const credentials = await storage.credentials.summaries(ids);
  return users.map((user) => {
    const role = roles.get(user.roleId);
    if (!role) {
      throw new Error(`user ${user.id} has the unknown role ${user.roleId}`);
    }
    return toAdminUserRow(
      user,
      role,
      storesWithGroups(user.storeIds, user.groupIds, groupStores),
      lockouts.get(user.id) ?? NO_LOCKOUT,
      credentials.get(user.id) ?? null,
      now,
    );
  });
}

/** Returns the direct stores and those of the groups, sorted, each once. */
function storesWithGroups(
  storeIds: readonly StoreId[],
  groupIds: readonly StoreGroupId[],
  groupStores: ReadonlyMap<StoreGroupId, readonly StoreId[]>,
): StoreId[] {
  const all = new Set<StoreId>(storeIds);
  for (const groupId of groupIds) {
    for (const storeId of groupStores.get(groupId) ?? []) {
      all.add(storeId);
    }
  }
  return [...all].sort();
}

/** Returns the lock in force at `now`, treating a timed lock that ran out as no lock. */
function currentLock(lock: LockState, now: number): LockState {
  return isLocked(lock, now) ? lock : { kind: "none" };
}

function pinState(credential: CredentialSummary | null): AdminPinState {
  if (!credential) {
    return "none";
  }
  return credential.temporary ? "temporary" : "chosen";
}
