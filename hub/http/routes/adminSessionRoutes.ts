import type { FastifyInstance } from "fastify";
import { AdminSignInRequest, type AdminSessionView } from "../../../protocol";
import { auditNow, storeIdsOf } from "../../admin/adminAudit";
import { signInAdmin } from "../../admin/adminSignIn";
import {
  closeAdminSession,
  toAdminSessionView,
} from "../../admin/adminSessions";
import type { HubContext } from "../../services/hubContext";
import {
  checkAdminOrigin,
  requireAdmin,
  requireAdminSession,
} from "../adminAuth";
import { clearAdminCookie, setAdminCookie } from "../adminCookie";
import { parseInput } from "../parseInput";

/**
 * Sign-in attempts per minute from one client address, right or wrong. The
 * per-user lock after 10 wrong passwords is the second limit.
 */
const SIGN_IN_PER_ADDRESS_PER_MINUTE = 20;

/** Control panel sign-in, the current session and sign-out. */
export async function adminSessionRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.post(
    "/api/admin/session",
    {
      config: {
        rateLimit: {
          max: SIGN_IN_PER_ADDRESS_PER_MINUTE,
          timeWindow: "1 minute",
        },
      },
    },
    async (request, reply): Promise<AdminSessionView> => {
      // No session yet, so no CSRF token: the Origin check stops a sign-in
      // forged by another site from planting its own session.
      checkAdminOrigin(context, request.headers.origin, { required: true });
      const body = parseInput(AdminSignInRequest, request.body, "body");
      const opened = await signInAdmin(context, body);
      setAdminCookie(context, reply, opened.token);
      return opened.view;
    },
  );

  app.get("/api/admin/session", async (request): Promise<AdminSessionView> => {
    const { principal, session, token } = await requireAdminSession(
      context,
      request,
    );
    return toAdminSessionView(context, principal.actor, session, token);
  });

  app.delete("/api/admin/session", async (request, reply) => {
    const principal = await requireAdmin(context, request);
    await closeAdminSession(context, principal.sessionId);
    await auditNow(context, {
      kind: "admin.sign-out",
      outcome: "success",
      actorId: principal.actor.user.id,
      targetId: principal.actor.user.id,
      storeIds: storeIdsOf(principal.actor),
    });
    clearAdminCookie(context, reply);
    return reply.status(204).send();
  });
}
