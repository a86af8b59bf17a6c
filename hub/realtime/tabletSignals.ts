import type { TabletId } from "../../protocol";

type Listener = (tabletId: TabletId) => void;

/**
 * Tells the tablets' socket namespace that a tablet was revoked, so it is
 * disconnected at once instead of at its next request, and counts each
 * tablet's open sockets, so the control panel can show which are online.
 * NOTE: the count covers this hub process only; with several processes
 * behind a load balancer, a tablet connected to another one shows offline.
 */
export class TabletSignals {
  readonly #listeners = new Set<Listener>();
  readonly #openSockets = new Map<TabletId, number>();

  /** Records that a socket of `tabletId` connected. */
  connected(tabletId: TabletId): void {
    this.#openSockets.set(tabletId, (this.#openSockets.get(tabletId) ?? 0) + 1);
  }

  /** Records that a socket of `tabletId` disconnected. */
  disconnected(tabletId: TabletId): void {
    const remaining = (this.#openSockets.get(tabletId) ?? 0) - 1;
    if (remaining > 0) {
      this.#openSockets.set(tabletId, remaining);
    } else {
      this.#openSockets.delete(tabletId);
    }
  }

  /** Returns whether `tabletId` has a socket open to this hub process now. */
  isOnline(tabletId: TabletId): boolean {
    return this.#openSockets.has(tabletId);
  }

  onRevoked(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  revoked(tabletId: TabletId): void {
    for (const listener of this.#listeners) {
      listener(tabletId);
    }
  }
}
