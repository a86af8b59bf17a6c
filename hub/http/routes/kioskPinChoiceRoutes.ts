import type { FastifyInstance } from "fastify";
import {
  PinChoiceCompleteRequest,
  PinChoiceRequest,
  UserParams,
  type KioskUser,
  type PinChoiceResponse,
} from "../../../protocol";
import { approvePinChoice } from "../../services/approvePinChoice";
import { completePinChoice } from "../../services/completePinChoice";
import type { HubContext } from "../../services/hubContext";
import { requireKioskSession } from "../kioskAuth";
import { parseInput } from "../parseInput";
import { requireTablet } from "../tabletAuth";

/**
 * Registers the PIN reset in which the user chooses their own PIN: a
 * manager's approval on a tablet, then the user's PIN from the same tablet. The
 * completion needs the approving tablet's token and no session, because
 * the approval ends the manager's session.
 */
export async function kioskPinChoiceRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.post(
    "/api/kiosk/users/:userId/pin-choice",
    async (request): Promise<PinChoiceResponse> => {
      const principal = await requireKioskSession(context, request);
      const { userId } = parseInput(UserParams, request.params, "params");
      const body = parseInput(PinChoiceRequest, request.body, "body");
      return approvePinChoice(context, principal, userId, body);
    },
  );

  app.post(
    "/api/kiosk/users/:userId/pin-choice/complete",
    async (request): Promise<KioskUser> => {
      const tablet = await requireTablet(context, request);
      const { userId } = parseInput(UserParams, request.params, "params");
      const body = parseInput(PinChoiceCompleteRequest, request.body, "body");
      return completePinChoice(context, tablet, userId, body);
    },
  );
}
