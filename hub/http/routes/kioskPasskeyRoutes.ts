import type { FastifyInstance } from "fastify";
import {
  KioskPasskeyOptionsRequest,
  KioskPasskeyProofRequest,
  PasskeyParams,
  PasskeyRegistrationRequest,
  type PasskeyChallenge,
  type PasskeyListItem,
  type PasskeyListResponse,
  type PasskeyRegistrationOptions,
} from "../../../protocol";
import type { PasskeyOwner } from "../../passkeys/passkeyOwner";
import {
  beginPasskeyRegistration,
  finishPasskeyRegistration,
  REGISTER_KIND,
} from "../../passkeys/passkeyRegistration";
import { issueProofOptions } from "../../passkeys/passkeyRequestOptions";
import { listPasskeys } from "../../passkeys/passkeyView";
import { removeOwnPasskey } from "../../passkeys/removePasskey";
import { verifyFreshProof } from "../../services/authorizeOnTarget";
import type { HubContext } from "../../services/hubContext";
import type { KioskPrincipal } from "../../services/kioskSessions";
import { requireKioskSession } from "../kioskAuth";
import { parseInput } from "../parseInput";

function ownerOf(principal: KioskPrincipal): PasskeyOwner {
  return {
    user: principal.actor.user,
    sessionKey: principal.session.tokenHash,
    tabletId: principal.session.tabletId,
    storeIds: [principal.session.storeId],
    via: "kiosk",
  };
}

/**
 * Passkeys at a tablet, for the signed-in user: fresh-proof challenges
 * bound to the session, and registering, listing and removing their own
 * passkeys. Every route needs the enrolled tablet's token and a session.
 */
export async function kioskPasskeyRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.post(
    "/api/kiosk/passkeys/proof-options",
    async (request): Promise<PasskeyChallenge> => {
      const principal = await requireKioskSession(context, request);
      return issueProofOptions(context, ownerOf(principal));
    },
  );

  app.post(
    "/api/kiosk/passkeys/registration-options",
    async (request): Promise<PasskeyRegistrationOptions> => {
      const principal = await requireKioskSession(context, request);
      const body = parseInput(KioskPasskeyOptionsRequest, request.body, "body");
      return beginPasskeyRegistration(context, ownerOf(principal), body, () =>
        verifyFreshProof(context, principal, body.proof, REGISTER_KIND),
      );
    },
  );

  app.post(
    "/api/kiosk/passkeys/registration",
    async (request, reply): Promise<PasskeyListItem> => {
      const principal = await requireKioskSession(context, request);
      const body = parseInput(PasskeyRegistrationRequest, request.body, "body");
      const passkey = await finishPasskeyRegistration(
        context,
        ownerOf(principal),
        body,
      );
      reply.status(201);
      return passkey;
    },
  );

  app.get(
    "/api/kiosk/passkeys",
    async (request): Promise<PasskeyListResponse> => {
      const principal = await requireKioskSession(context, request);
      return {
        passkeys: await listPasskeys(context, principal.actor.user.id),
      };
    },
  );

  app.delete("/api/kiosk/passkeys/:passkeyId", async (request, reply) => {
    const principal = await requireKioskSession(context, request);
    const params = parseInput(PasskeyParams, request.params, "params");
    const body = parseInput(KioskPasskeyProofRequest, request.body, "body");
    await verifyFreshProof(context, principal, body.proof, "passkey.remove");
    await removeOwnPasskey(context, ownerOf(principal), params.passkeyId);
    return reply.status(204).send();
  });
}
