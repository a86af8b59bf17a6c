import type { TabletId, UserId } from "../../protocol";
import { recordUserChange } from "../domain/userChanges";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { LogEntry } from "../storage/records";

/**
 * Revokes a tablet: it is disconnected at once, cannot reconnect, and wipes
 * its cache when it next reaches the hub. A tablet reported stolen also
 * makes every user of its store, whose offline verifiers it held, choose a
 * new PIN at their next sign-in, and raises an alert for head office.
 */
export async function revokeTablet(
  context: HubContext,
  tabletId: TabletId,
  options: { stolen: boolean; actorId: UserId | null; via: string },
): Promise<void> {
  const now = context.now();
  const tablet = await context.storage.tablets.get(tabletId);
  if (!tablet) {
    throw new HubError("TABLET_UNKNOWN");
  }
  const entries = await context.storage.transaction(async (tx) => {
    await tx.tablets.setStatus(
      tablet.id,
      options.stolen ? "stolen" : "revoked",
      now,
    );
    const logged: LogEntry[] = [
      await audit(
        tx,
        {
          kind: options.stolen ? "tablet.stolen" : "tablet.revoke",
          outcome: "success",
          actorId: options.actorId,
          tabletId: tablet.id,
          storeIds: [tablet.storeId],
          details: { via: options.via, label: tablet.label },
        },
        now,
      ),
    ];
    if (options.stolen) {
      const users = (await tx.users.listOfStore(tablet.storeId)).filter(
        (user) => user.status === "active",
      );
      await tx.credentials.requireChange(users.map((user) => user.id));
      for (const user of users) {
        logged.push(
          ...(await recordUserChange(
            tx,
            await tx.users.touch(user.id, now),
            now,
          )),
        );
      }
    }
    return logged;
  });
  context.changes.publish(entries);
  context.tabletSignals.revoked(tablet.id);
  const log = options.stolen
    ? context.logger.warn.bind(context.logger)
    : context.logger.info.bind(context.logger);
  log(
    { tabletId: tablet.id, storeId: tablet.storeId, stolen: options.stolen },
    "tablet revoked",
  );
}
