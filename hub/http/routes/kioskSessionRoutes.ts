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
import { optionalTablet } from "../tabletAuth";
import { HubError } from "../../services/hubError";

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
      config: {
        rateLimit: {
          max: SIGN_IN_PER_TABLET_PER_MINUTE,
          timeWindow: "1 minute",
          // Keyed by tablet and address, after the body is parsed.
          hook: "preHandler",
          keyGenerator: (request) => {
            const body = request.body as { tabletId?: unknown } | undefined;
            return `${request.ip}:${typeof body?.tabletId === "string" ? body.tabletId : "-"}`;
          },
        },
      },
    },
    async (request): Promise<SessionView> => {
      const body = parseInput(SignInRequest, request.body, "body");
      // An enrolled tablet signs users in for its own store and id only.
      const tablet = await optionalTablet(context, request);
      if (
        tablet &&
        (tablet.storeId !== body.storeId || tablet.id !== body.tabletId)
      ) {
        throw new HubError(
          "INVALID_INPUT",
          {
            where: "body",
            summary: "storeId and tabletId must be the enrolled tablet's own",
          },
          {
            fields: [
              {
                path: "body.storeId",
                message: `must be ${tablet.storeId}, this tablet's store`,
              },
              {
                path: "body.tabletId",
                message: `must be ${tablet.id}, this tablet's id`,
              },
            ],
          },
        );
      }
      return signIn(context, body);
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
