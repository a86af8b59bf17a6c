import { z } from "zod";
import {
  HubSealingKey,
  KioskUser,
  Mutation,
  OfflineVerifier,
  OrgSettings,
  StoreSummary,
  TabletId,
  UserId,
  UserPasskeys,
} from "../../protocol";

/** The tablet's identity after enrollment. */
export const TabletIdentity = z.object({
  tabletId: TabletId,
  store: StoreSummary,
  /** When the hub enrolled the tablet, by the tablet's clock, in ms. */
  enrolledAt: z.number().int().min(0),
});
export type TabletIdentity = z.infer<typeof TabletIdentity>;

/** The tablet's key pair, as stored: CryptoKey objects, not their bytes. */
export const TabletKeys = z.object({
  privateKey: z.instanceof(CryptoKey),
  publicKey: z.instanceof(CryptoKey),
});
export type TabletKeys = z.infer<typeof TabletKeys>;

/** Everything of the cache besides users, verifiers and the outbox. */
export const CacheMeta = z.object({
  store: StoreSummary,
  settings: OrgSettings,
  /** The log position the cache reflects; the next pull starts after it. */
  cursor: z.number().int().min(0),
  sealingKey: HubSealingKey,
  /** End of the last complete sync, by the tablet's clock, in ms. */
  lastSyncAt: z.number().int().min(0).optional(),
  /** The highest clock time the tablet has seen, in ms. */
  highestTimeSeen: z.number().int().min(0),
});
export type CacheMeta = z.infer<typeof CacheMeta>;

/** An offline verifier as the tablet keeps it. */
export const CachedVerifier = OfflineVerifier;
export type CachedVerifier = z.infer<typeof CachedVerifier>;

/**
 * The passkey public keys of the store's users who may reset PINs, one
 * entry per user, kept as the single `records` record `passkeys`.
 */
export const CachedPasskeys = z.array(UserPasskeys);
export type CachedPasskeys = z.infer<typeof CachedPasskeys>;

/**
 * The cache changes of a queued mutation, kept so a rejection can put them
 * back: the users as they were before, and each verifier it replaced with
 * the one it wrote in its place.
 */
export const UndoRecord = z.object({
  users: z.array(z.object({ before: KioskUser })),
  verifiers: z.array(
    z.object({
      userId: UserId,
      before: CachedVerifier.nullable(),
      written: z.string(),
    }),
  ),
});
export type UndoRecord = z.infer<typeof UndoRecord>;

/** One queued mutation with what it takes to undo it. */
export const OutboxEntry = z.object({
  mutation: Mutation,
  undo: UndoRecord,
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** An outbox entry with its key, which orders the outbox oldest first. */
export interface QueuedEntry extends OutboxEntry {
  readonly key: number;
}

export const EMPTY_UNDO: UndoRecord = { users: [], verifiers: [] };
