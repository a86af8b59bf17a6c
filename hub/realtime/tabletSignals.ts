import type { TabletId } from "../../protocol";

type Listener = (tabletId: TabletId) => void;

/**
 * Tells the tablets' socket namespace that a tablet was revoked, so it is
 * disconnected at once instead of at its next request.
 */
export class TabletSignals {
  readonly #listeners = new Set<Listener>();

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
