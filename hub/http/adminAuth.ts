import type { FastifyRequest } from "fastify";
import "@fastify/cookie";
import { ADMIN_CSRF_HEADER, ADMIN_SESSION_COOKIE } from "../../protocol";
import type { AdminPrincipal } from "../admin/adminPrincipal";
import {
  authenticateAdminSession,
  csrfTokenMatches,
  type AuthenticatedAdminSession,
} from "../admin/adminSessions";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";

export { verifyAdminProof } from "../admin/verifyAdminProof";

/** Methods that change nothing, so they need no CSRF token. */
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Authenticates a control panel request by its session cookie. Checks, in
 * order: the Origin header (a mismatching one is always rejected, a missing
 * one on a changing request too), the session and its user, and on a
 * changing request the CSRF header against the session's token. Extends the
 * session's idle expiry.
 */
export async function requireAdmin(
  context: HubContext,
  request: FastifyRequest,
): Promise<AdminPrincipal> {
  return (await requireAdminSession(context, request)).principal;
}

/** As `requireAdmin`, returning the session record and its token as well. */
export async function requireAdminSession(
  context: HubContext,
  request: FastifyRequest,
): Promise<AuthenticatedAdminSession> {
  const changing = !SAFE_METHODS.has(request.method);
  checkAdminOrigin(context, request.headers.origin, { required: changing });

  const token = request.cookies[ADMIN_SESSION_COOKIE];
  if (!token) {
    throw new HubError("ADMIN_SESSION_REQUIRED");
  }
  const authenticated = await authenticateAdminSession(context, token);

  if (changing) {
    const header = request.headers[ADMIN_CSRF_HEADER];
    const csrfToken = typeof header === "string" ? header : undefined;
    if (!csrfToken || !csrfTokenMatches(authenticated.session, csrfToken)) {
      context.logger.warn(
        { userId: authenticated.principal.actor.user.id, url: request.url },
        "control panel request without a matching CSRF token",
      );
      throw new HubError("ADMIN_CSRF_REJECTED");
    }
  }
  return authenticated;
}

/**
 * Rejects an Origin other than the public URL's. With `required`, a missing
 * Origin is rejected too; browsers send one on every cross-origin request
 * and on every same-origin request other than GET and HEAD.
 */
export function checkAdminOrigin(
  context: HubContext,
  origin: string | undefined,
  options: { required: boolean },
): void {
  const expectedOrigin = new URL(context.config.publicUrl).origin;
  if (origin === undefined ? options.required : origin !== expectedOrigin) {
    context.logger.warn(
      { origin: origin ?? null, expectedOrigin },
      "control panel request from another origin",
    );
    throw new HubError("ADMIN_ORIGIN_REJECTED", {
      origin: origin ?? "(none)",
      expectedOrigin,
    });
  }
}
