import type { StoreId, TabletId } from "../../protocol";
import type { UserRecord } from "../storage/records";

/** A user acting on their own passkeys, and the session they act in. */
export interface PasskeyOwner {
  readonly user: UserRecord;
  /** Hash of the kiosk session token, or the panel session's id. */
  readonly sessionKey: string;
  /** The tablet of a kiosk session; null in the control panel. */
  readonly tabletId: TabletId | null;
  /** Stores the audit entries are scoped by. */
  readonly storeIds: readonly StoreId[];
  readonly via: "control panel" | "kiosk";
}
