import type { FastifyInstance } from "fastify";
import { StoreParams, type RosterResponse } from "../../../protocol";
import { listKioskUsersOfStore } from "../../domain/kioskUserView";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import { parseInput } from "../parseInput";
import { requireTablet } from "../tabletAuth";

/** The route an enrolled tablet loads its store's users from. */
export async function storeRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/kiosk/stores/:storeId/roster",
    async (request): Promise<RosterResponse> => {
      const tablet = await requireTablet(context, request);
      const { storeId } = parseInput(StoreParams, request.params, "params");
      const { storage } = context;

      // A tablet reads its own store only. Another store gets the same
      // answer as one that does not exist, so it learns nothing about it.
      if (tablet.storeId !== storeId) {
        context.logger.warn(
          { tabletId: tablet.id, storeId },
          "tablet requested another store's roster",
        );
        throw new HubError("STORE_NOT_FOUND", { storeId });
      }

      // Read the sequence first: a change committed meanwhile is then sent
      // live as well, and the tablet drops the older copy by its version.
      const seq = await storage.log.latestSeq();
      const store = await storage.org.getStore(storeId);
      if (!store) {
        throw new HubError("STORE_NOT_FOUND", { storeId });
      }
      return {
        store: { ...store },
        users: await listKioskUsersOfStore(storage, storeId),
        settings: await storage.org.getSettings(),
        seq,
      };
    },
  );
}
