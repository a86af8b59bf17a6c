import type { FastifyInstance } from "fastify";
import {
  StoreParams,
  type RosterResponse,
  type StoreListResponse,
} from "../../../protocol";
import { listKioskUsersOfStore } from "../../domain/kioskUserView";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import { parseInput } from "../parseInput";
import { optionalTablet } from "../tabletAuth";

/** Routes a tablet uses to find its store and the store's users. */
export async function storeRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  // NOTE: both routes answer without authentication, so anyone who reaches the
  // hub can list stores and their staff names. Tablet enrollment replaces the
  // store picker and puts these behind the tablet's own key.
  app.get("/api/stores", async (): Promise<StoreListResponse> => {
    const stores = await context.storage.org.listStores();
    return { stores: stores.map((store) => ({ ...store })) };
  });

  app.get(
    "/api/kiosk/stores/:storeId/roster",
    async (request): Promise<RosterResponse> => {
      const { storeId } = parseInput(StoreParams, request.params, "params");
      const { storage } = context;
      // An enrolled tablet reads its own store only.
      const tablet = await optionalTablet(context, request);
      if (tablet && tablet.storeId !== storeId) {
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
