import { Workbox } from "workbox-window";
import type { Logger } from "../log/Logger";

/** URL of the service worker the build writes; its scope is the whole origin. */
const SERVICE_WORKER_URL = "/sw.js";

/** How long to wait for a new version to install before reloading anyway. */
const INSTALL_WAIT_MS = 10_000;

/**
 * Registers the service worker that keeps the app shell available offline,
 * and offers each new version instead of forcing it: the new worker waits
 * until someone chooses to reload, so no session ends mid-use.
 */
export class AppUpdates {
  readonly #logger: Logger;
  #workbox: Workbox | undefined;
  #waiting = false;
  readonly #listeners = new Set<() => void>();

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Calls `listener` once a new version waits to take over. */
  onAvailable(listener: () => void): void {
    this.#listeners.add(listener);
    if (this.#waiting) {
      listener();
    }
  }

  /**
   * Registers the worker. In development the dev server has none, and a
   * page that is not a secure context cannot have one.
   */
  register(): void {
    if (import.meta.env.DEV || !("serviceWorker" in navigator)) {
      return;
    }
    const workbox = new Workbox(SERVICE_WORKER_URL, { scope: "/" });
    workbox.addEventListener("waiting", () => {
      this.#waiting = true;
      this.#logger.info({}, "new version waiting");
      for (const listener of this.#listeners) {
        listener();
      }
    });
    workbox.register().catch((error: unknown) => {
      this.#logger.warn(
        { error: String(error) },
        "service worker registration failed",
      );
    });
    this.#workbox = workbox;
  }

  /**
   * Loads the newest version: a waiting worker takes over first, then the
   * page reloads. Without one, the page first checks for a new worker and
   * gives it INSTALL_WAIT_MS to install, so a kiosk the hub updated
   * meanwhile loads too.
   */
  async apply(): Promise<void> {
    const workbox = this.#workbox;
    if (workbox === undefined) {
      window.location.reload();
      return;
    }
    if (!this.#waiting) {
      await this.#checkForUpdate(workbox);
    }
    if (!this.#waiting) {
      window.location.reload();
      return;
    }
    workbox.addEventListener("controlling", () => window.location.reload());
    workbox.messageSkipWaiting();
  }

  async #checkForUpdate(workbox: Workbox): Promise<void> {
    try {
      await workbox.update();
      const registration = await navigator.serviceWorker.getRegistration("/");
      if (registration?.installing == null) {
        return;
      }
      await new Promise<void>((resolve) => {
        this.#listeners.add(resolve);
        setTimeout(resolve, INSTALL_WAIT_MS);
      });
    } catch (error) {
      this.#logger.warn({ error: String(error) }, "update check failed");
    }
  }
}
