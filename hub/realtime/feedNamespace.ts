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
import type { ApiTokenRecord } from "../storage/apiTokenRepository";
import { handshakeMiddleware } from "./handshakeMiddleware";
import { parseHandshake } from "./parseHandshake";

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

  feed.use(
    handshakeMiddleware(
      context,
      "feed handshake failed",
      async (socket): Promise<FeedSocketData> => {
        const handshake = parseHandshake(FeedHandshake, socket.handshake.auth);
        const token = await authenticateApiToken(
          context,
          handshake.token,
          "feed:read",
        );
        await checkFeedCursor(context, handshake.after);
        return { token, after: handshake.after };
      },
    ),
  );

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
