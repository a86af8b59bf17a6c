import { z } from "zod";
import type { ErrorBody } from "../errors";
import type { FeedEntry } from "../feed";

/**
 * `auth` of the control panel's socket.io handshake on the `/admin`
 * namespace. The session cookie authenticates; `after` resumes after the
 * last sequence number the panel saw, and without it the feed starts at
 * the log's newest entry.
 */
export const AdminFeedHandshake = z
  .object({
    after: z.number().int().min(0).optional(),
  })
  .default({});
export type AdminFeedHandshake = z.infer<typeof AdminFeedHandshake>;

/** Events the hub sends to the control panel on the `/admin` namespace. */
export interface AdminFeedServerEvents {
  /** A new log entry (change or audit) inside the user's scope. */
  entry: (entry: FeedEntry) => void;
  /** The session ended (signed out, idle, access removed); the hub disconnects next. */
  ended: (error: ErrorBody["error"]) => void;
}
