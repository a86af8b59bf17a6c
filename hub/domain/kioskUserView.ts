import type { KioskUser, StoreId } from "../../protocol";
import type {
  LockoutRecord,
  PinCredentialRecord,
  RoleRecord,
  UserRecord,
} from "../storage/records";
import type { Storage } from "../storage/Storage";
import {
  NO_LOCKOUT,
  type CredentialSummary,
} from "../storage/credentialRepository";
import { effectiveStoreIds } from "./effectiveStoreIds";

/** How many passkeys a user has, and the version of that list. */
export interface PasskeySummary {
  readonly count: number;
  readonly version: number;
}

const NO_PASSKEYS: PasskeySummary = { count: 0, version: 0 };

/** Builds the view of a user that tablets of their stores receive. */
export function toKioskUser(
  user: UserRecord,
  role: RoleRecord,
  storeIds: readonly StoreId[],
  lockout: LockoutRecord,
  credential: CredentialSummary | null,
  passkeys: PasskeySummary = NO_PASSKEYS,
): KioskUser {
  return {
    id: user.id,
    employeeNumber: user.employeeNumber,
    firstName: user.firstName,
    lastName: user.lastName,
    role: {
      id: role.id,
      name: role.name,
      level: role.level,
      permissions: [...role.permissions],
    },
    storeIds: [...storeIds],
    orgWide: user.orgWide,
    lock: lockout.lock,
    failedAttempts: lockout.failures,
    // NOTE: this ignores the deliveryChannel setting and the configured
    // transports, which queueTemporaryPin applies, so it can name the wrong route.
    delivery: user.email ? "email" : user.phone ? "sms" : "in-person",
    pinTemporary: credential?.temporary ?? false,
    pinExpiresAt: credential?.temporary ? credential.expiresAt : null,
    credentialVersion: credential?.version ?? 0,
    hasPasskey: passkeys.count > 0,
    passkeyVersion: passkeys.version,
    version: user.version,
  };
}

/** Loads everything `toKioskUser` needs for one user. */
export async function loadKioskUser(
  storage: Storage,
  user: UserRecord,
): Promise<KioskUser> {
  const role = await storage.org.getRole(user.roleId);
  if (!role) {
    throw new Error(`user ${user.id} has the unknown role ${user.roleId}`);
  }
  const lockout = await storage.credentials.getLockout(user.id);
  const credential: PinCredentialRecord | null =
    await storage.credentials.getPin(user.id);
  const storeIds = await effectiveStoreIds(storage, user);
  const passkeys = (await storage.passkeys.countsOf([user.id])).get(user.id);
  return toKioskUser(user, role, storeIds, lockout, credential, passkeys);
}

/** Lists the active users of a store as its tablets see them. */
export async function listKioskUsersOfStore(
  storage: Storage,
  storeId: StoreId,
): Promise<KioskUser[]> {
  const users = (await storage.users.listOfStore(storeId)).filter(
    (user) => user.status === "active",
  );
  const roles = new Map(
    (await storage.org.listRoles()).map((role) => [role.id, role]),
  );
  const ids = users.map((user) => user.id);
  const lockouts = await storage.credentials.getLockouts(ids);
  const credentials = await storage.credentials.summaries(ids);
  const passkeys = await storage.passkeys.countsOf(ids);
  const groupStores = await storage.org.groupStores();
  return users.map((user) => {
    const role = roles.get(user.roleId);
    if (!role) {
      throw new Error(`user ${user.id} has the unknown role ${user.roleId}`);
    }
    const lockout = lockouts.get(user.id) ?? NO_LOCKOUT;
    const storeIds = new Set<StoreId>(user.storeIds);
    for (const groupId of user.groupIds) {
      for (const storeId of groupStores.get(groupId) ?? []) {
        storeIds.add(storeId);
      }
    }
    return toKioskUser(
      user,
      role,
      [...storeIds].sort(),
      lockout,
      credentials.get(user.id) ?? null,
      passkeys.get(user.id),
    );
  });
}
