import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyReply } from "fastify";
import { ADMIN_SESSION_COOKIE } from "../../protocol";
import type { HubContext } from "../services/hubContext";

const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Options of the session cookie: httpOnly, SameSite=Strict, the whole site,
 * and Secure unless the public URL is plain http on this machine, where
 * browsers would not send a Secure cookie back.
 */
export function adminCookieOptions(
  context: HubContext,
): CookieSerializeOptions {
  const url = new URL(context.config.publicUrl);
  const localHttp =
    url.protocol === "http:" && LOCAL_HOSTNAMES.has(url.hostname);
  return {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: !localHttp,
  };
}

/** Sets the session cookie; it lasts no longer than the session can. */
export function setAdminCookie(
  context: HubContext,
  reply: FastifyReply,
  token: string,
): void {
  reply.setCookie(ADMIN_SESSION_COOKIE, token, {
    ...adminCookieOptions(context),
    maxAge: context.config.adminSession.absoluteSeconds,
  });
}

/** Tells the browser to drop the session cookie. */
export function clearAdminCookie(
  context: HubContext,
  reply: FastifyReply,
): void {
  reply.clearCookie(ADMIN_SESSION_COOKIE, adminCookieOptions(context));
}
