import type { Permission } from "./permissions";

/** The acting user, as far as the scope rule needs them. */
export interface ScopeActor {
  readonly id: string;
  readonly level: number;
  readonly permissions: readonly Permission[];
  /** True for a user whose scope is the whole organisation. */
  readonly orgWide: boolean;
  /** Stores the actor belongs to, directly or through a group of stores. */
  readonly storeIds: readonly string[];
}

/** The user acted upon, as far as the scope rule needs them. */
export interface ScopeTarget {
  readonly id: string;
  readonly level: number;
  /** Stores the target belongs to, directly or through a group of stores. */
  readonly storeIds: readonly string[];
}

export type ScopeDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly reason:
        | "permission-missing"
        | "self-action"
        | "level-not-higher"
        | "out-of-scope";
    };

/**
 * Decides whether `actor` may use `permission` on `target`: the actor has the
 * permission, is someone else, has a strictly higher level, and every store
 * of the target lies inside the actor's scope. A target who also works in a
 * store outside the actor's scope is out of scope, because their PIN and
 * lock are shared by all their stores.
 */
export function decideScope(
  actor: ScopeActor,
  target: ScopeTarget,
  permission: Permission,
): ScopeDecision {
  if (!actor.permissions.includes(permission)) {
    return { allowed: false, reason: "permission-missing" };
  }
  if (actor.id === target.id) {
    return { allowed: false, reason: "self-action" };
  }
  if (actor.level <= target.level) {
    return { allowed: false, reason: "level-not-higher" };
  }
  if (!isInsideScope(actor, target.storeIds)) {
    return { allowed: false, reason: "out-of-scope" };
  }
  return { allowed: true };
}

/** Returns whether every one of `storeIds` lies inside the actor's scope. */
export function isInsideScope(
  actor: Pick<ScopeActor, "orgWide" | "storeIds">,
  storeIds: readonly string[],
): boolean {
  if (actor.orgWide) {
    return true;
  }
  const own = new Set(actor.storeIds);
  return storeIds.length > 0 && storeIds.every((storeId) => own.has(storeId));
}
