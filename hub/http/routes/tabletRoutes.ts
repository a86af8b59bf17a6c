import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  EnrollmentCodeRequest,
  EnrollRequest,
  FreshProof,
  TabletChallengeRequest,
  TabletId,
  TabletSessionRequest,
  type EnrollmentCodeResponse,
  type EnrollResponse,
  type TabletChallengeResponse,
  type TabletSessionResponse,
} from "../../../protocol";
import { isInsideScope } from "../../../protocol";
import { verifyFreshProof } from "../../services/authorizeOnTarget";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import {
  enrollTablet,
  issueEnrollmentCode,
} from "../../tablets/enrollmentCodes";
import { revokeTablet } from "../../tablets/revokeTablet";
import {
  issueTabletChallenge,
  openTabletSession,
} from "../../tablets/tabletAuth";
import { requireKioskSession } from "../kioskAuth";
import { parseInput } from "../parseInput";

/** Enrollment attempts an address may make per minute. */
const ENROLL_PER_MINUTE = 10;
/** Key proofs an address may start per minute. */
const CHALLENGES_PER_MINUTE = 60;

const RevokeRequest = z.object({
  proof: FreshProof,
  stolen: z.boolean().default(false),
});
const TabletParams = z.object({ tabletId: TabletId });

/** Enrollment of tablets, their proof of key, and revocation. */
export async function tabletRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.post(
    "/api/kiosk/enrollment-codes",
    async (request): Promise<EnrollmentCodeResponse> => {
      const principal = await requireKioskSession(context, request);
      const body = parseInput(EnrollmentCodeRequest, request.body, "body");
      const { actor, session } = principal;
      if (!actor.role.permissions.includes("kiosk.enroll")) {
        throw new HubError("PERMISSION_MISSING", {
          permission: "kiosk.enroll",
        });
      }
      await verifyFreshProof(context, principal, body.proof, "tablet.code");
      const issued = await issueEnrollmentCode(context, session.storeId, {
        actorId: actor.user.id,
        via: "kiosk",
      });
      return { ...issued, storeId: session.storeId };
    },
  );

  app.post("/api/kiosk/tablets/:tabletId/revoke", async (request, reply) => {
    const principal = await requireKioskSession(context, request);
    const { tabletId } = parseInput(TabletParams, request.params, "params");
    const body = parseInput(RevokeRequest, request.body, "body");
    const { actor } = principal;
    const tablet = await context.storage.tablets.get(tabletId);
    if (
      !tablet ||
      !isInsideScope(
        { orgWide: actor.user.orgWide, storeIds: actor.storeIds },
        [tablet.storeId],
      )
    ) {
      throw new HubError("TABLET_UNKNOWN");
    }
    if (!actor.role.permissions.includes("kiosk.enroll")) {
      throw new HubError("PERMISSION_MISSING", { permission: "kiosk.enroll" });
    }
    await verifyFreshProof(context, principal, body.proof, "tablet.revoke");
    await revokeTablet(context, tabletId, {
      stolen: body.stolen,
      actorId: actor.user.id,
      via: "kiosk",
    });
    return reply.status(204).send();
  });

  app.post(
    "/api/tablets/enroll",
    {
      config: { rateLimit: { max: ENROLL_PER_MINUTE, timeWindow: "1 minute" } },
    },
    async (request): Promise<EnrollResponse> => {
      const body = parseInput(EnrollRequest, request.body, "body");
      return enrollTablet(context, body);
    },
  );

  app.post(
    "/api/tablets/challenge",
    {
      config: {
        rateLimit: { max: CHALLENGES_PER_MINUTE, timeWindow: "1 minute" },
      },
    },
    async (request): Promise<TabletChallengeResponse> => {
      const body = parseInput(TabletChallengeRequest, request.body, "body");
      return issueTabletChallenge(context, body.tabletId);
    },
  );

  app.post(
    "/api/tablets/session",
    async (request): Promise<TabletSessionResponse> => {
      const body = parseInput(TabletSessionRequest, request.body, "body");
      return openTabletSession(context, body);
    },
  );
}
