import type { FastifyInstance } from "fastify";
import {
  ADMIN_SESSION_COOKIE,
  AdminAccessParams,
  AdminSignInRequest,
  PasswordChangeRequest,
  PasswordCodeRequest,
  PasswordSetRequest,
  type AdminSessionView,
  type PasswordCodeResponse,
  type SignOutEverywhereResponse,
} from "../../../protocol";
import { authorizeAdminTarget } from "../../admin/authorizeAdminTarget";
import { changeAdminPassword } from "../../admin/changeAdminPassword";
import {
  issuePasswordCode,
  setPasswordWithCode,
} from "../../admin/passwordCodes";
import { hashAdminSecret } from "../../admin/adminTokens";
import { signOutEverywhere } from "../../admin/signOutEverywhere";
import { verifyAdminProof } from "../../admin/verifyAdminProof";
import { HubError } from "../../services/hubError";
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

/** Password sets with a one-time code per minute from one client address. */
const PASSWORD_SET_PER_ADDRESS_PER_MINUTE = 10;

/**
 * Control panel sign-in, the current session, sign-out, passwords and
 * one-time password codes, and "sign out everywhere".
 */
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
      // The session the request's cookie still names ends, because the new
      // cookie replaces it in this browser.
      const previous = request.cookies[ADMIN_SESSION_COOKIE];
      if (previous) {
        await closeAdminSession(context, hashAdminSecret(previous));
      }
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

  app.post(
    "/api/admin/password",
    {
      config: {
        rateLimit: {
          max: PASSWORD_SET_PER_ADDRESS_PER_MINUTE,
          timeWindow: "1 minute",
        },
      },
    },
    async (request, reply) => {
      checkAdminOrigin(context, request.headers.origin, { required: true });
      const body = parseInput(PasswordSetRequest, request.body, "body");
      await setPasswordWithCode(context, body);
      return reply.status(204).send();
    },
  );

  app.put("/api/admin/password", async (request, reply) => {
    const principal = await requireAdmin(context, request);
    const body = parseInput(PasswordChangeRequest, request.body, "body");
    await changeAdminPassword(context, principal, body);
    return reply.status(204).send();
  });

  app.post(
    "/api/admin/users/:userId/password-code",
    async (request): Promise<PasswordCodeResponse> => {
      const principal = await requireAdmin(context, request);
      const params = parseInput(AdminAccessParams, request.params, "params");
      const body = parseInput(PasswordCodeRequest, request.body, "body");
      const kind = "admin.password-code";
      const target = await authorizeAdminTarget(
        context,
        principal,
        params.userId,
        "user.manage",
        kind,
      );
      if (target.user.status !== "active") {
        throw new HubError("USER_INACTIVE", {
          name: `${target.user.firstName} ${target.user.lastName}`,
        });
      }
      await verifyAdminProof(context, principal, body.proof, kind);
      return issuePasswordCode(context, target.user, {
        actorId: principal.actor.user.id,
        via: "control panel",
      });
    },
  );

  app.delete(
    "/api/admin/users/:userId/sessions",
    async (request, reply): Promise<SignOutEverywhereResponse> => {
      const principal = await requireAdmin(context, request);
      const params = parseInput(AdminAccessParams, request.params, "params");
      const ended = await signOutEverywhere(context, principal, params.userId);
      if (params.userId === principal.actor.user.id) {
        clearAdminCookie(context, reply);
      }
      return ended;
    },
  );
}
