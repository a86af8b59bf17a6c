import { z } from "zod";

/** One entry of the head-office feed: an applied change or an audit event. */
export const FeedEntry = z.object({
  seq: z.number().int().min(1),
  /** When the hub wrote it, ms since the epoch. */
  at: z.number().int(),
  category: z.enum(["change", "audit"]),
  kind: z.string(),
  actorId: z.string().nullable(),
  targetId: z.string().nullable(),
  tabletId: z.string().nullable(),
  /** Stores the entry concerns; empty for organisation-wide entries. */
  storeIds: z.array(z.string()),
  outcome: z.enum(["success", "failure"]).nullable(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type FeedEntry = z.infer<typeof FeedEntry>;

/** One line of `GET /api/feed`, as NDJSON. */
export const FeedLine = z.discriminatedUnion("type", [
  z.object({ type: z.literal("entry"), entry: FeedEntry }),
  /** Sent when nothing happened for a while, so proxies keep the stream open. */
  z.object({
    type: z.literal("heartbeat"),
    at: z.number().int(),
    seq: z.number().int(),
  }),
]);
export type FeedLine = z.infer<typeof FeedLine>;

/** Query of `GET /api/feed`: resume after `after`, the last sequence seen. */
export const FeedQuery = z.object({
  after: z.coerce
    .number({ error: "must be a sequence number" })
    .int()
    .min(0)
    .default(0),
  /** Set to false to receive the backlog only and have the stream end. */
  follow: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("true")
    .transform((value) => value === "true"),
});
export type FeedQuery = z.infer<typeof FeedQuery>;

/** The socket.io namespace head-office consumers connect to. */
export const FEED_NAMESPACE = "/feed";

/** `auth` of a feed consumer's socket.io handshake. */
export const FeedHandshake = z.object({
  token: z.string().min(1).max(200),
  after: z.number().int().min(0).default(0),
});
export type FeedHandshake = z.infer<typeof FeedHandshake>;

/** Events the hub sends to a feed consumer. */
export interface FeedServerEvents {
  entry: (entry: FeedEntry) => void;
}
