import type { StoreId, TabletId, UserId } from "../../protocol";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { recordPasskeyChange } from "./passkeyChange";
import type { PasskeyOwner } from "./passkeyOwner";

/**
 * Removes the passkey `passkeyId` of `ownerId`, pushes the change to tablets and audits
 * it as `passkey.remove`. The caller has checked that the actor may do it.
 * Throws PASSKEY_NOT_FOUND when the owner has no such passkey.
 */
export async function removePasskey(
  context: HubContext,
  removal: {
    ownerId: UserId;
    passkeyId: string;
    actorId: UserId;
    tabletId: TabletId | null;
    storeIds: readonly StoreId[];
    via: "control panel" | "kiosk";
  },
): Promise<void> {
  const now = context.now();
  const entries = await context.storage.transaction(async (tx) => {
    const passkey = await tx.passkeys.get(removal.passkeyId);
    if (
      passkey === null ||
      passkey.userId !== removal.ownerId ||
      !(await tx.passkeys.delete(passkey.id, removal.ownerId))
    ) {
      return null;
    }
    const changes = await recordPasskeyChange(
      tx,
      removal.ownerId,
      removal.actorId,
      now,
    );
    changes.push(
      await audit(
        tx,
        {
          kind: "passkey.remove",
          outcome: "success",
          actorId: removal.actorId,
          targetId: removal.ownerId,
          tabletId: removal.tabletId,
          storeIds: removal.storeIds,
          details: {
            passkeyId: passkey.id,
            name: passkey.name,
            via: removal.via,
          },
        },
        now,
      ),
    );
    return changes;
  });
  if (entries === null) {
    throw new HubError(
      "PASSKEY_NOT_FOUND",
      { passkeyId: removal.passkeyId },
      {
        fields: [
          {
            path: "params.passkeyId",
            message: "is not a passkey of this user",
          },
        ],
      },
    );
  }
  context.changes.publish(entries);
  context.logger.info(
    {
      ownerId: removal.ownerId,
      actorId: removal.actorId,
      passkeyId: removal.passkeyId,
    },
    "passkey removed",
  );
}

/**
 * Removes the passkey `passkeyId` of `owner`, who acts on their own passkey
 * in their own session, as `removePasskey` does.
 */
export async function removeOwnPasskey(
  context: HubContext,
  owner: PasskeyOwner,
  passkeyId: string,
): Promise<void> {
  await removePasskey(context, {
    ownerId: owner.user.id,
    passkeyId,
    actorId: owner.user.id,
    tabletId: owner.tabletId,
    storeIds: owner.storeIds,
    via: owner.via,
  });
}
