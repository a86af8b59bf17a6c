import type { FastifyInstance } from "fastify";
import {
  ChangePinRequest,
  SignInRequest,
  type SessionView,
} from "../../../protocol";
import { changePin } from "../../services/changePin";
import type { HubContext } from "../../services/hubContext";
import { closeKioskSession, toSessionView } from "../../services/kioskSessions";
import { signIn } from "../../services/signIn";
import { requireKioskSession } from "../kioskAuth";
import { parseInput } from "../parseInput";
import { requireTablet } from "../tabletAuth";

/** Sign-in attempts a tablet may make per minute, right or wrong. */
const SIGN_IN_PER_TABLET_PER_MINUTE = 30;

/** Sign-in, the session, sign-out and the user's own PIN change. */
export async function kioskSessionRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.post(
    "/api/kiosk/sign-in",
    {
      // The tablet is authenticated before the rate limit runs, so the limit
      // counts per enrolled tablet and a request cannot pick its own key.
      preValidation: async (request) => {
        await requireTablet(context, request);
      },
      config: {
        rateLimit: {
          max: SIGN_IN_PER_TABLET_PER_MINUTE,
          timeWindow: "1 minute",
          hook: "preHandler",
          keyGenerator: async (request) =>
            (await requireTablet(context, request)).id,
        },
      },
    },
    async (request): Promise<SessionView> => {
      const tablet = await requireTablet(context, request);
      const body = parseInput(SignInRequest, request.body, "body");
      return signIn(
        context,
        { storeId: tablet.storeId, tabletId: tablet.id },
        body,
      );
    },
  );

  app.get("/api/kiosk/session", async (request): Promise<SessionView> => {
    const principal = await requireKioskSession(context, request, {
      allowPinChange: true,
    });
    return toSessionView(
      principal.token,
      principal.session.expiresAt,
      principal.actor,
      principal.session.mustChangePin,
    );
  });

  app.post("/api/kiosk/sign-out", async (request, reply) => {
    const principal = await requireKioskSession(context, request, {
      allowPinChange: true,
    });
    await closeKioskSession(context, principal.token);
    return reply.status(204).send();
  });

  app.post("/api/kiosk/session/pin", async (request): Promise<SessionView> => {
    const principal = await requireKioskSession(context, request, {
      allowPinChange: true,
    });
    const body = parseInput(ChangePinRequest, request.body, "body");
    return changePin(context, principal, body);
  });
}
