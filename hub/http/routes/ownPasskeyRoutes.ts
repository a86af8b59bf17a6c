import type { FastifyInstance, FastifyRequest } from "fastify";
import type { z } from "zod";
import {
  PasskeyParams,
  PasskeyRegistrationRequest,
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
import { listPasskeys } from "../../passkeys/passkeyView";
import { removeOwnPasskey } from "../../passkeys/removePasskey";
import type { HubContext } from "../../services/hubContext";
import { parseInput } from "../parseInput";

/** The parts in which the passkey routes of kiosk and panel differ. */
export interface OwnPasskeyRoutesOptions<Principal, Proof extends object> {
  /** Path of the passkey list, such as `/api/kiosk/passkeys`. */
  readonly prefix: string;
  /** Returns the signed-in principal or throws the app's auth error. */
  readonly authenticate: (request: FastifyRequest) => Promise<Principal>;
  readonly ownerOf: (principal: Principal) => PasskeyOwner;
  /** Body of `registration-options`: a fresh proof and an optional grant. */
  readonly optionsRequest: z.ZodType<{
    proof: Proof;
    grant?: string | undefined;
  }>;
  /** Body of the route that removes a passkey: a fresh proof. */
  readonly proofRequest: z.ZodType<{ proof: Proof }>;
  /** Checks a fresh proof for the action `kind`, throwing when it fails. */
  readonly verifyProof: (
    principal: Principal,
    proof: Proof,
    kind: string,
  ) => Promise<void>;
}

/**
 * Registers the routes by which a signed-in user registers, lists and
 * removes their own passkeys, under `options.prefix`.
 */
export function ownPasskeyRoutes<Principal, Proof extends object>(
  app: FastifyInstance,
  context: HubContext,
  options: OwnPasskeyRoutesOptions<Principal, Proof>,
): void {
  const { prefix, authenticate, ownerOf, verifyProof } = options;

  app.post(
    `${prefix}/registration-options`,
    async (request): Promise<PasskeyRegistrationOptions> => {
      const principal = await authenticate(request);
      const body = parseInput(options.optionsRequest, request.body, "body");
      return beginPasskeyRegistration(context, ownerOf(principal), body, () =>
        verifyProof(principal, body.proof, REGISTER_KIND),
      );
    },
  );

  app.post(
    `${prefix}/registration`,
    async (request, reply): Promise<PasskeyListItem> => {
      const principal = await authenticate(request);
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

  app.get(prefix, async (request): Promise<PasskeyListResponse> => {
    const principal = await authenticate(request);
    return {
      passkeys: await listPasskeys(context, ownerOf(principal).user.id),
    };
  });

  app.delete(`${prefix}/:passkeyId`, async (request, reply) => {
    const principal = await authenticate(request);
    const params = parseInput(PasskeyParams, request.params, "params");
    const body = parseInput(options.proofRequest, request.body, "body");
    await verifyProof(principal, body.proof, "passkey.remove");
    await removeOwnPasskey(context, ownerOf(principal), params.passkeyId);
    return reply.status(204).send();
  });
}
