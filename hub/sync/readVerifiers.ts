import type {
  OfflineVerifier,
  UserId,
  VerifierRequest,
  VerifierResponse,
} from "../../protocol";
import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import type { HubContext } from "../services/hubContext";
import { verifierContext } from "../services/storePin";
import { readCachedPasskeys } from "../passkeys/readCachedPasskeys";
import type { TabletRecord } from "../storage/tabletRepository";

/**
 * Returns the offline PIN verifiers of the requested users who are active
 * members of the tablet's store, and the passkey public keys of those of
 * level 2 or more. Others are left out silently, so a tablet learns nothing
 * about users outside its store. Verifiers travel only on this channel,
 * never through the change log.
 */
export async function readVerifiers(
  context: HubContext,
  tablet: TabletRecord,
  request: VerifierRequest,
): Promise<VerifierResponse> {
  const { storage } = context;
  const allowed: UserId[] = [];
  for (const userId of new Set(request.userIds)) {
    const user = await storage.users.get(userId);
    if (
      user &&
      user.status === "active" &&
      (await effectiveStoreIds(storage, user)).includes(tablet.storeId)
    ) {
      allowed.push(userId);
    }
  }
  const sealed = await storage.credentials.getVerifiers(allowed);
  const verifiers: OfflineVerifier[] = sealed.map((entry) => ({
    userId: entry.userId,
    credentialVersion: entry.credentialVersion,
    verifier: context.secretBox.open(
      entry.sealedVerifier,
      verifierContext(entry.userId),
    ),
  }));
  return {
    verifiers,
    passkeys: await readCachedPasskeys(storage, allowed),
  };
}
