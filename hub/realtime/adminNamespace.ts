import fastifyCookie from "@fastify/cookie";
import type { Namespace, Server } from "socket.io";
import {
  ADMIN_NAMESPACE,
  ADMIN_SESSION_COOKIE,
  AdminFeedHandshake,
  type AdminFeedServerEvents,
  type StoreId,
} from "../../protocol";
import type { AdminPrincipal } from "../admin/adminPrincipal";
import {
  authenticateAdminSession,
  loadAdminSession,
} from "../admin/adminSessions";
import { followLog } from "../feed/followFeed";
import { checkFeedCursor } from "../feed/readFeed";
import { checkAdminOrigin } from "../http/adminAuth";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { handshakeMiddleware } from "./handshakeMiddleware";
import { parseHandshake } from "./parseHandshake";

interface AdminSocketData {
  principal: AdminPrincipal;
  after: number;
}

/**
 * Attaches the control panel's live feed as a socket.io namespace. The
 * session cookie authenticates the handshake, and its Origin must be the
 * public URL's. A missing Origin passes, as on a GET, because socket.io's
 * polling transport is a same-origin GET. The socket then receives, as `entry`
 * events, every new log entry the user may see. An organisation-wide user
 * receives every entry, and any other user the entries of at least one
 * store in their scope. Audit entries require `audit.read`. When the
 * session ends the hub sends `ended` and disconnects.
 * Following the feed does not extend the session's idle expiry.
 */
export function attachAdminNamespace(io: Server, context: HubContext): void {
  // The hub's server is typed for the tablets' namespace, but this one has
  // its own events.
  const admin = io.of(ADMIN_NAMESPACE) as unknown as Namespace<
    Record<string, never>,
    AdminFeedServerEvents,
    Record<string, never>,
    AdminSocketData
  >;

  admin.use(
    handshakeMiddleware(
      context,
      "control panel handshake failed",
      async (socket): Promise<AdminSocketData> => {
        checkAdminOrigin(context, socket.handshake.headers.origin, {
          required: false,
        });
        const handshake = parseHandshake(
          AdminFeedHandshake,
          socket.handshake.auth,
        );
        const header = socket.handshake.headers.cookie;
        const token = header
          ? fastifyCookie.parse(header)[ADMIN_SESSION_COOKIE]
          : undefined;
        if (!token) {
          throw new HubError("ADMIN_SESSION_REQUIRED");
        }
        const { principal } = await authenticateAdminSession(context, token);
        const after =
          handshake.after ?? (await context.storage.log.latestSeq());
        await checkFeedCursor(context, after);
        return { principal, after };
      },
    ),
  );

  admin.on("connection", (socket) => {
    const { principal, after } = socket.data;
    const userId = principal.actor.user.id;
    let readsAudit = principal.actor.role.permissions.includes("audit.read");
    const stop = followLog(
      context,
      {
        // Re-read on every batch, so a session that ended or a scope that
        // changed applies to the next entry.
        async currentScope() {
          const { actor } = (
            await loadAdminSession(context, principal.sessionId)
          ).principal;
          readsAudit = actor.role.permissions.includes("audit.read");
          return actor.user.orgWide
            ? null
            : (actor.storeIds as readonly StoreId[]);
        },
      },
      after,
      (entry) => {
        if (entry.category === "audit" && !readsAudit) {
          return;
        }
        socket.emit("entry", entry);
      },
      (error) => {
        if (error instanceof HubError) {
          socket.emit("ended", { code: error.code, message: error.message });
          context.logger.info(
            { userId, code: error.code },
            "control panel feed ended with the session",
          );
        } else {
          context.logger.error(
            { err: error, userId },
            "control panel feed follower failed",
          );
        }
        socket.disconnect(true);
      },
    );
    socket.on("disconnect", stop);
    context.logger.info({ userId, after }, "control panel feed connected");
  });
}
