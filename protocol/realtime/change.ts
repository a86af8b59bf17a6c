import { z } from "zod";
import { UserId } from "../ids";
import { OrgSettings } from "../settings";
import { KioskUser } from "../rest/kioskUser";

/**
 * A change as tablets receive it. The hub's change log holds more (which
 * stores may see it); a tablet only ever gets the part below, and never a
 * PIN, hash, verifier or token.
 */
export const TabletChange = z.discriminatedUnion("kind", [
  /** A user was created or changed, or joined the tablet's store. */
  z.object({ kind: z.literal("user.upsert"), user: KioskUser }),
  /** A user left the tablet's store or was deactivated. */
  z.object({ kind: z.literal("user.remove"), userId: UserId }),
  z.object({ kind: z.literal("settings.update"), settings: OrgSettings }),
]);
export type TabletChange = z.infer<typeof TabletChange>;

/** One change with its position in the hub's change log. */
export const ChangeMessage = z.object({
  seq: z.number().int().min(1),
  /**
   * Sequence number of the previous change the same tablet may see, 0 for
   * none. A tablet whose cursor is below it has missed a change and pulls.
   */
  previousSeq: z.number().int().min(0),
  change: TabletChange,
});
export type ChangeMessage = z.infer<typeof ChangeMessage>;
