import type { FastifyInstance } from "fastify";
import {
  PinResetRequest,
  UnlockRequest,
  UserParams,
  type KioskUser,
  type PinResetResponse,
} from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { resetPin } from "../../services/resetPin";
import { unlockUser } from "../../services/unlockUser";
import { requireKioskSession } from "../kioskAuth";
import { parseInput } from "../parseInput";

/** The manager tools of a tablet: reset a colleague's PIN, unlock a colleague. */
export async function kioskUserRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.post(
    "/api/kiosk/users/:userId/pin-reset",
    async (request): Promise<PinResetResponse> => {
      const principal = await requireKioskSession(context, request);
      const { userId } = parseInput(UserParams, request.params, "params");
      const body = parseInput(PinResetRequest, request.body, "body");
      return resetPin(context, principal, userId, body);
    },
  );

  app.post(
    "/api/kiosk/users/:userId/unlock",
    async (request): Promise<KioskUser> => {
      const principal = await requireKioskSession(context, request);
      const { userId } = parseInput(UserParams, request.params, "params");
      const body = parseInput(UnlockRequest, request.body, "body");
      return unlockUser(context, principal, userId, body);
    },
  );
}
