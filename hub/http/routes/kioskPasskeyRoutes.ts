import type { FastifyInstance } from "fastify";
import {
  KioskPasskeyOptionsRequest,
  KioskPasskeyProofRequest,
  type PasskeyChallenge,
} from "../../../protocol";
import type { PasskeyOwner } from "../../passkeys/passkeyOwner";
import { issueProofOptions } from "../../passkeys/passkeyRequestOptions";
import { verifyFreshProof } from "../../services/authorizeOnTarget";
import type { HubContext } from "../../services/hubContext";
import type { KioskPrincipal } from "../../services/kioskSessions";
import { requireKioskSession } from "../kioskAuth";
import { ownPasskeyRoutes } from "./ownPasskeyRoutes";

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

  ownPasskeyRoutes(app, context, {
    prefix: "/api/kiosk/passkeys",
    authenticate: (request) => requireKioskSession(context, request),
    ownerOf,
    optionsRequest: KioskPasskeyOptionsRequest,
    proofRequest: KioskPasskeyProofRequest,
    verifyProof: (principal, proof, kind) =>
      verifyFreshProof(context, principal, proof, kind),
  });
}
