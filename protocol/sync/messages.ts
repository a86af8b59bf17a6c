import { z } from "zod";
import { UserId } from "../ids";
import { OrgSettings } from "../settings";
import { KioskUser } from "../rest/kioskUser";
import { StoreSummary } from "../rest/stores";
import { ChangeMessage } from "../realtime/change";
import { ErrorBody } from "../errors";
import { Mutation, MutationResult } from "./mutation";
import { UserPasskeys } from "../passkeys/cachedPasskey";
import { PULL_BATCH_MAX, PUSH_BATCH_MAX, VERIFIER_BATCH_MAX } from "./limits";

/** The hub's RSA-OAEP public key, for sealing secrets in queued mutations. */
export const HubSealingKey = z.object({
  kty: z.literal("RSA"),
  n: z.string(),
  e: z.string(),
});
export type HubSealingKey = z.infer<typeof HubSealingKey>;

/** Everything a tablet needs to start over: its store's users and settings. */
export const Snapshot = z.object({
  store: StoreSummary,
  users: z.array(KioskUser),
  settings: OrgSettings,
  sealingKey: HubSealingKey,
  /** The log position the snapshot reflects; pull from here. */
  cursor: z.number().int().min(0),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** `sync:pull`: changes after `afterSeq` that the tablet's store may see. */
export const PullRequest = z.object({
  afterSeq: z.number().int().min(0),
  limit: z.number().int().min(1).max(PULL_BATCH_MAX).default(PULL_BATCH_MAX),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("changes"),
    changes: z.array(ChangeMessage),
    /** Where to pull from next; may pass the last change's seq. */
    cursor: z.number().int().min(0),
    /** Whether more changes wait after `cursor`. */
    hasMore: z.boolean(),
  }),
  /** Sent for a cursor of 0 or one older than the log's retention. */
  z.object({ kind: z.literal("snapshot"), snapshot: Snapshot }),
]);
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * `sync:ack`: the cursor a tablet reached by applying live changes, so the
 * hub records the sync without a pull.
 */
export const SyncAckRequest = z.object({
  cursor: z.number().int().min(0),
});
export type SyncAckRequest = z.infer<typeof SyncAckRequest>;

export const SyncAckResponse = z.object({
  /** The hub time the sync was recorded at, ms since the epoch. */
  syncedAt: z.number().int(),
});
export type SyncAckResponse = z.infer<typeof SyncAckResponse>;

/** `sync:push`: queued mutations, oldest first. */
export const PushRequest = z.object({
  mutations: z.array(Mutation).min(1).max(PUSH_BATCH_MAX),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** `sync:verifiers`: offline PIN verifiers of users of the tablet's store. */
export const VerifierRequest = z.object({
  userIds: z.array(UserId).min(1).max(VERIFIER_BATCH_MAX),
});
export type VerifierRequest = z.infer<typeof VerifierRequest>;

export const OfflineVerifier = z.object({
  userId: UserId,
  /** Matches `KioskUser.credentialVersion`; a newer PIN has a newer one. */
  credentialVersion: z.number().int().min(0),
  /** argon2id PHC string of the PIN at the tablet's cost; never the hub's own hash. */
  verifier: z.string().startsWith("$argon2id$"),
});
export type OfflineVerifier = z.infer<typeof OfflineVerifier>;

export const VerifierResponse = z.object({
  verifiers: z.array(OfflineVerifier),
  /**
   * Passkey public keys of the requested users of level 2 or more (those who
   * may reset or unlock), for offline passkey proofs. A user without a
   * passkey is listed with an empty list, so the tablet drops old keys.
   */
  passkeys: z.array(UserPasskeys).default([]),
});
export type VerifierResponse = z.infer<typeof VerifierResponse>;

/** The acknowledgement of every request a tablet sends on its socket. */
export function acknowledgement<Schema extends z.ZodType>(data: Schema) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBody.shape.error }),
  ]);
}
export type Acknowledgement<T> =
  { ok: true; data: T } | { ok: false; error: ErrorBody["error"] };
