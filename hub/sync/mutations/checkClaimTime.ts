import type { Mutation } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { TabletRecord } from "../../storage/tabletRepository";

/**
 * Checks that an offline action's tablet time is plausible: not before the
 * tablet's last acknowledged sync (or its enrollment) and not after its
 * arrival, each within the organisation's clock skew. A tablet pushes its
 * outbox before it pulls, so the last sync predates its offline actions.
 */
export async function checkClaimTime(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Mutation,
): Promise<void> {
  const settings = await context.storage.org.getSettings();
  const skewMs = settings.clockSkewSeconds * 1000;
  const earliest = (tablet.lastSyncAt ?? tablet.enrolledAt) - skewMs;
  const latest = context.now() + skewMs;
  if (mutation.clientTime < earliest || mutation.clientTime > latest) {
    throw new HubError(
      "CLAIM_TIME_IMPLAUSIBLE",
      {
        clientTime: new Date(mutation.clientTime).toISOString(),
        earliest: new Date(earliest).toISOString(),
        latest: new Date(latest).toISOString(),
      },
      { details: { clientTime: mutation.clientTime, earliest, latest } },
    );
  }
}
