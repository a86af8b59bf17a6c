import type { FastifyInstance } from "fastify";
import {
  ADMIN_SESSION_COOKIE,
  AdminAccessParams,
  AdminPasskeyOptionsRequest,
  AdminPasskeyProofRequest,
  AdminPasskeySignInRequest,
  UserPasskeyParams,
  type AdminSessionView,
  type PasskeyChallenge,
  type PasskeyGrant,
  type PasskeyListResponse,
} from "../../../protocol";
import { storeIdsOf } from "../../admin/adminAudit";
import type { AdminPrincipal } from "../../admin/adminPrincipal";
import { closeAdminSession } from "../../admin/adminSessions";
import { hashAdminSecret } from "../../admin/adminTokens";
import { verifyAdminProof } from "../../admin/verifyAdminProof";
import { signInAdminWithPasskey } from "../../passkeys/adminPasskeySignIn";
import { issuePasskeyGrant } from "../../passkeys/passkeyGrants";
import type { PasskeyOwner } from "../../passkeys/passkeyOwner";
import {
  issueProofOptions,
  issueRequestOptions,
} from "../../passkeys/passkeyRequestOptions";
import { listPasskeys } from "../../passkeys/passkeyView";
import { removePasskey } from "../../passkeys/removePasskey";
import { panelOrigin } from "../../services/actionOrigin";
import { authorizeFromOrigin } from "../../services/authorizeOnTarget";
import type { HubContext } from "../../services/hubContext";
import { checkAdminOrigin, requireAdmin } from "../adminAuth";
import { setAdminCookie } from "../adminCookie";
import { parseInput } from "../parseInput";
import { ownPasskeyRoutes } from "./ownPasskeyRoutes";

/** Passkey sign-in attempts per minute from one client address. */
const SIGN_IN_PER_ADDRESS_PER_MINUTE = 20;

function ownerOf(principal: AdminPrincipal): PasskeyOwner {
  return {
    user: principal.actor.user,
    sessionKey: principal.sessionId,
    tabletId: null,
    storeIds: storeIdsOf(principal.actor),
    via: "control panel",
  };
}

/**
 * Passkeys in the control panel: sign-in with a passkey, fresh-proof
 * challenges, the user's own passkeys, and an administrator's view of a
 * user's passkeys and registration grants.
 */
export async function adminPasskeyRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  const signInLimit = {
    config: {
      rateLimit: {
        max: SIGN_IN_PER_ADDRESS_PER_MINUTE,
        timeWindow: "1 minute",
      },
    },
  };

  app.post(
    "/api/admin/session/passkey-options",
    signInLimit,
    async (request): Promise<PasskeyChallenge> => {
      // No session yet: the Origin check is the only guard against another site.
      checkAdminOrigin(context, request.headers.origin, { required: true });
      return issueRequestOptions(
        context,
        { purpose: "sign-in", userId: null, tabletId: null, sessionKey: null },
        null,
      );
    },
  );

  app.post(
    "/api/admin/session/passkey",
    signInLimit,
    async (request, reply): Promise<AdminSessionView> => {
      checkAdminOrigin(context, request.headers.origin, { required: true });
      const body = parseInput(AdminPasskeySignInRequest, request.body, "body");
      const opened = await signInAdminWithPasskey(context, body);
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

  app.post(
    "/api/admin/proof-options",
    async (request): Promise<PasskeyChallenge> => {
      const principal = await requireAdmin(context, request);
      return issueProofOptions(context, ownerOf(principal));
    },
  );

  ownPasskeyRoutes(app, context, {
    prefix: "/api/admin/passkeys",
    authenticate: (request) => requireAdmin(context, request),
    ownerOf,
    optionsRequest: AdminPasskeyOptionsRequest,
    proofRequest: AdminPasskeyProofRequest,
    verifyProof: (principal, proof, kind) =>
      verifyAdminProof(context, principal, proof, kind),
  });

  app.get(
    "/api/admin/users/:userId/passkeys",
    async (request): Promise<PasskeyListResponse> => {
      const principal = await requireAdmin(context, request);
      const params = parseInput(AdminAccessParams, request.params, "params");
      const target = await authorizeFromOrigin(
        context,
        panelOrigin(principal.actor),
        params.userId,
        "user.manage",
        "passkey.list",
        { requireActive: false },
      );
      return { passkeys: await listPasskeys(context, target.user.id) };
    },
  );

  app.delete(
    "/api/admin/users/:userId/passkeys/:passkeyId",
    async (request, reply) => {
      const principal = await requireAdmin(context, request);
      const params = parseInput(UserPasskeyParams, request.params, "params");
      const body = parseInput(AdminPasskeyProofRequest, request.body, "body");
      const kind = "passkey.remove";
      const target = await authorizeFromOrigin(
        context,
        panelOrigin(principal.actor),
        params.userId,
        "user.manage",
        kind,
        { requireActive: false },
      );
      await verifyAdminProof(context, principal, body.proof, kind);
      await removePasskey(context, {
        ownerId: target.user.id,
        passkeyId: params.passkeyId,
        actorId: principal.actor.user.id,
        tabletId: null,
        storeIds: storeIdsOf(target),
        via: "control panel",
      });
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/admin/users/:userId/passkey-grants",
    async (request, reply): Promise<PasskeyGrant> => {
      const principal = await requireAdmin(context, request);
      const params = parseInput(AdminAccessParams, request.params, "params");
      const body = parseInput(AdminPasskeyProofRequest, request.body, "body");
      const kind = "passkey.grant";
      const target = await authorizeFromOrigin(
        context,
        panelOrigin(principal.actor),
        params.userId,
        "user.manage",
        kind,
      );
      await verifyAdminProof(context, principal, body.proof, kind);
      const grant = await issuePasskeyGrant(context, target.user, {
        actorId: principal.actor.user.id,
        via: "control panel",
      });
      reply.status(201);
      return grant;
    },
  );
}
