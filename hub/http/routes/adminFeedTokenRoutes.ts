import type { FastifyInstance } from "fastify";
import {
  AdminFeedTokenCreateRequest,
  AdminFeedTokenParams,
  type AdminFeedTokenCreateResponse,
  type AdminFeedTokenRevokeResponse,
  type AdminFeedTokensResponse,
} from "../../../protocol";
import {
  createFeedToken,
  listFeedTokens,
  revokeFeedToken,
} from "../../admin/apiTokens/feedTokensFromPanel";
import type { HubContext } from "../../services/hubContext";
import { requireAdmin } from "../adminAuth";
import { parseInput } from "../parseInput";

/** Registers the routes of feed API tokens: list, create, revoke. */
export async function adminFeedTokenRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get(
    "/api/admin/feed-tokens",
    async (request): Promise<AdminFeedTokensResponse> => {
      const principal = await requireAdmin(context, request);
      return { tokens: await listFeedTokens(context, principal) };
    },
  );

  app.post(
    "/api/admin/feed-tokens",
    async (request, reply): Promise<AdminFeedTokenCreateResponse> => {
      const principal = await requireAdmin(context, request);
      const body = parseInput(
        AdminFeedTokenCreateRequest,
        request.body,
        "body",
      );
      const created = await createFeedToken(context, principal, body);
      reply.status(201).header("cache-control", "no-store");
      return created;
    },
  );

  app.post(
    "/api/admin/feed-tokens/:tokenId/revoke",
    async (request): Promise<AdminFeedTokenRevokeResponse> => {
      const principal = await requireAdmin(context, request);
      const { tokenId } = parseInput(
        AdminFeedTokenParams,
        request.params,
        "params",
      );
      return { token: await revokeFeedToken(context, principal, tokenId) };
    },
  );
}
