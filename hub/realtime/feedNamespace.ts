import type { Namespace, Server } from "socket.io";
import {
  FEED_NAMESPACE,
  FeedHandshake,
  type FeedServerEvents,
} from "../../protocol";
import { authenticateApiToken } from "../feed/apiTokens";
import { followFeed } from "../feed/followFeed";
import { checkFeedCursor } from "../feed/readFeed";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { ApiTokenRecord } from "../storage/apiTokenRepository";

interface FeedSocketData {
  token: ApiTokenRecord;
  after: number;
}

/**
 * The head-office feed as a socket.io namespace: a consumer connects with an
 * API token and the last sequence it saw, and receives every later entry the
 * token may see, in order, as `entry` events.
 */
export function attachFeedNamespace(io: Server, context: HubContext): void {
  // The hub's server is typed for the tablets' namespace; this one has its own events.
  const feed = io.of(FEED_NAMESPACE) as unknown as Namespace<
    Record<string, never>,
    FeedServerEvents,
    Record<string, never>,
    FeedSocketData
  >;

  feed.use(async (socket, next) => {
    try {
      const parsed = FeedHandshake.safeParse(socket.handshake.auth);
      if (!parsed.success) {
        throw new HubError("INVALID_INPUT", {
          where: "handshake",
          summary: parsed.error.issues
            .map((issue) => `${issue.path.join(".")} ${issue.message}`)
            .join("; "),
        });
      }
      const token = await authenticateApiToken(
        context,
        parsed.data.token,
        "feed:read",
      );
      await checkFeedCursor(context, parsed.data.after);
      socket.data = { token, after: parsed.data.after };
      next();
    } catch (error) {
      const hubError =
        error instanceof HubError
          ? error
          : new HubError("INTERNAL", { requestId: socket.id });
      if (!(error instanceof HubError)) {
        context.logger.error({ err: error }, "feed handshake failed");
      }
      next(
        Object.assign(new Error(hubError.message), {
          data: {
            code: hubError.code,
            message: hubError.message,
            ...(hubError.details && { details: hubError.details }),
          },
        }),
      );
    }
  });

  feed.on("connection", (socket) => {
    const { token, after } = socket.data;
    const stop = followFeed(
      context,
      token,
      after,
      (entry) => {
        socket.emit("entry", entry);
      },
      (error) => {
        context.logger.error(
          { err: error, tokenId: token.id },
          "feed follower failed",
        );
        socket.disconnect(true);
      },
    );
    socket.on("disconnect", stop);
    context.logger.info(
      { tokenId: token.id, after },
      "feed consumer connected",
    );
  });
}
