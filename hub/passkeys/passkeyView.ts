import type { PasskeyListItem, UserId } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import type { PasskeyRecord } from "../storage/passkeyRepository";

/** Returns a passkey as its owner and administrators see it. */
export function toPasskeyListItem(passkey: PasskeyRecord): PasskeyListItem {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt,
    lastUsedAt: passkey.lastUsedAt,
    transports: [...passkey.transports],
  };
}

/** Lists a user's passkeys, oldest first. */
export async function listPasskeys(
  context: HubContext,
  userId: UserId,
): Promise<PasskeyListItem[]> {
  const passkeys = await context.storage.passkeys.listOfUser(userId);
  return passkeys.map(toPasskeyListItem);
}
