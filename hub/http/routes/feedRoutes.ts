import type { FastifyInstance } from "fastify";
import { FeedQuery, type FeedLine } from "../../../protocol";
import { authenticateApiToken } from "../../feed/apiTokens";
import { followFeed } from "../../feed/followFeed";
import { checkFeedCursor, readFeedBatch } from "../../feed/readFeed";
import type { HubContext } from "../../services/hubContext";
import { parseInput } from "../parseInput";

/** Time between heartbeat lines on a quiet stream. */
const HEARTBEAT_MS = 25_000;

/**
 * `GET /api/feed?after=N`: every change and audit event after sequence N, as
 * NDJSON, for head-office scripts (`curl -N -H 'Authorization: Bearer …'`).
 * The stream stays open and follows the log unless `follow=false`.
 */
export async function feedRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  // Open streams end when the hub closes, so they do not hold up shutdown.
  const openStreams = new Set<(closing?: boolean) => void>();
  app.addHook("preClose", async () => {
    for (const end of openStreams) {
      end(true);
    }
  });

  app.get("/api/feed", async (request, reply) => {
    const bearer = /^Bearer (\S+)$/.exec(
      request.headers.authorization ?? "",
    )?.[1];
    const token = await authenticateApiToken(context, bearer, "feed:read");
    const query = parseInput(FeedQuery, request.query, "query");
    await checkFeedCursor(context, query.after);

    if (!query.follow) {
      const lines: string[] = [];
      let cursor = query.after;
      for (;;) {
        const batch = await readFeedBatch(context, token, cursor, 1000);
        lines.push(
          ...batch.entries.map((entry) => line({ type: "entry", entry })),
        );
        if (batch.cursor === cursor) {
          break;
        }
        cursor = batch.cursor;
      }
      return reply.type("application/x-ndjson").send(lines.join(""));
    }

    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      "content-type": "application/x-ndjson",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      // One stream a connection: it is never reused after the stream ends.
      connection: "close",
    });
    // Send the headers now: a consumer waits for them before it reads.
    out.flushHeaders();
    let lastSeq = query.after;
    const write = (text: string) =>
      new Promise<void>((resolve) => {
        if (out.write(text)) {
          resolve();
        } else {
          out.once("drain", resolve);
        }
      });
    const stop = followFeed(
      context,
      token,
      query.after,
      async (entry) => {
        lastSeq = entry.seq;
        await write(line({ type: "entry", entry }));
      },
      (error) => {
        request.log.error(
          { err: error, tokenId: token.id },
          "feed stream failed",
        );
        out.end();
      },
    );
    const heartbeat = setInterval(() => {
      void write(line({ type: "heartbeat", at: context.now(), seq: lastSeq }));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    const end = (closing = false) => {
      stop();
      clearInterval(heartbeat);
      openStreams.delete(end);
      if (closing) {
        out.destroy();
      } else {
        out.end();
      }
    };
    openStreams.add(end);
    out.on("close", () => end());
    request.log.info(
      { tokenId: token.id, after: query.after },
      "feed stream opened",
    );
  });
}

function line(value: FeedLine): string {
  return `${JSON.stringify(value)}\n`;
}
