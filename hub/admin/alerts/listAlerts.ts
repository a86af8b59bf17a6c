import {
  isLocked,
  type AdminAlertsResponse,
  type AlertUser,
  type LockAlert,
  type StoreId,
  type TabletId,
} from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import type { UserRecord } from "../../storage/records";
import { visibleStoreIds } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";

/**
 * Lists what needs someone's attention in the actor's stores, or in one of
 * them: users locked out now, tablets reported stolen, and temporary PINs
 * that never reached their user. A user counts when any of their stores is
 * visible. No alert carries a PIN or the message's recipient.
 */
export async function listAlerts(
  context: HubContext,
  principal: AdminPrincipal,
  storeId: StoreId | undefined,
): Promise<AdminAlertsResponse> {
  const visible = await visibleStoreIds(context, principal, storeId);
  const isVisible = (storeIds: readonly StoreId[]): boolean =>
    visible === null || storeIds.some((id) => visible.includes(id));

  const { storage } = context;
  const groupStores = await storage.org.groupStores();
  const users = new Map<string, AlertUser & { active: boolean }>();
  for (const user of await storage.users.list()) {
    users.set(user.id, toAlertUser(user, groupStores));
  }
  const tablets = await storage.tablets.list(visible);
  const tabletLabels = new Map(
    tablets.map((tablet) => [tablet.id, tablet.label]),
  );

  const now = context.now();
  const visibleUsers = [...users.values()].filter(
    (user) => user.active && isVisible(user.storeIds),
  );
  const lockouts = await storage.credentials.getLockouts(
    visibleUsers.map((user) => user.id),
  );
  const locks: LockAlert[] = [];
  for (const user of visibleUsers) {
    const lockout = lockouts.get(user.id);
    if (
      !lockout ||
      lockout.lock.kind === "none" ||
      !isLocked(lockout.lock, now)
    ) {
      continue;
    }
    locks.push({
      user: withoutStatus(user),
      lock: lockout.lock,
      failures: lockout.failures,
      lastFailureAt: lockout.lastFailureAt,
      lastTablet: lockout.lastTabletId
        ? {
            id: lockout.lastTabletId,
            label: tabletLabels.get(lockout.lastTabletId) ?? null,
          }
        : null,
    });
  }

  const stolenTablets = tablets
    .filter((tablet) => tablet.status === "stolen")
    .map((tablet) => ({
      tabletId: tablet.id as TabletId,
      label: tablet.label,
      storeId: tablet.storeId,
      reportedAt: tablet.revokedAt ?? tablet.enrolledAt,
    }));

  const deliveryFailures: AdminAlertsResponse["deliveryFailures"] = [];
  for (const message of await storage.outbox.listUndeliveredNewest()) {
    const user = users.get(message.userId);
    if (!user || !user.active || !isVisible(user.storeIds)) {
      continue;
    }
    // A PIN set after the message, e.g. handed over in person, settles it.
    const pin = await storage.credentials.getPin(message.userId);
    if (pin && pin.setAt > message.createdAt) {
      continue;
    }
    deliveryFailures.push({
      messageId: message.id,
      user: withoutStatus(user),
      channel: message.channel,
      status: message.status,
      attempts: message.attempts,
      lastError: message.lastError,
      createdAt: message.createdAt,
      expiresAt: message.expiresAt,
    });
  }

  locks.sort(
    (left, right) => (right.lastFailureAt ?? 0) - (left.lastFailureAt ?? 0),
  );
  return { locks, stolenTablets, deliveryFailures };
}

function toAlertUser(
  user: UserRecord,
  groupStores: ReadonlyMap<string, readonly StoreId[]>,
): AlertUser & { active: boolean } {
  const storeIds = new Set<StoreId>(user.storeIds);
  for (const groupId of user.groupIds) {
    for (const storeId of groupStores.get(groupId) ?? []) {
      storeIds.add(storeId);
    }
  }
  return {
    id: user.id,
    employeeNumber: user.employeeNumber,
    firstName: user.firstName,
    lastName: user.lastName,
    storeIds: [...storeIds].sort(),
    active: user.status === "active",
  };
}

function withoutStatus(user: AlertUser & { active: boolean }): AlertUser {
  return {
    id: user.id,
    employeeNumber: user.employeeNumber,
    firstName: user.firstName,
    lastName: user.lastName,
    storeIds: user.storeIds,
  };
}
