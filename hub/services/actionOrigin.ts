import type { StoreId, TabletId } from "../../protocol";
import type { ResolvedUser } from "../domain/actorScope";
import type { KioskPrincipal } from "./kioskSessions";

/**
 * The actor of an action on a colleague and where it comes from: a tablet
 * session, which may only reach users of the tablet's store, or the control
 * panel, which reaches every user inside the actor's scope.
 */
export interface ActionOrigin {
  readonly actor: ResolvedUser;
  /** The tablet of the session; null for the control panel. */
  readonly tabletId: TabletId | null;
  /** The store the tablet serves; null for the control panel. */
  readonly storeId: StoreId | null;
}

/** Returns the origin of an action taken in a tablet session. */
export function kioskOrigin(principal: KioskPrincipal): ActionOrigin {
  return {
    actor: principal.actor,
    tabletId: principal.session.tabletId,
    storeId: principal.session.storeId,
  };
}

/** Returns the origin of an action taken in the control panel. */
export function panelOrigin(actor: ResolvedUser): ActionOrigin {
  return { actor, tabletId: null, storeId: null };
}

/**
 * Returns the stores an audit entry of the action names: the tablet's store,
 * or for the control panel every store of the target.
 */
export function auditStoreIds(
  origin: ActionOrigin,
  target: ResolvedUser | null,
): StoreId[] {
  if (origin.storeId !== null) {
    return [origin.storeId];
  }
  return target ? ([...target.storeIds] as StoreId[]) : [];
}
