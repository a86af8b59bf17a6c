import { clientsClaim } from "workbox-core";
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

/**
 * The parts of the service worker's global scope used here. The compiler
 * checks the kiosk against the DOM library, which lacks the worker types,
 * and both libraries cannot be loaded into one program.
 */
interface KioskWorkerScope {
  /** Replaced at build time with the app shell's files and revisions. */
  readonly __WB_MANIFEST: ReadonlyArray<PrecacheEntry | string>;
  skipWaiting(): Promise<void>;
  addEventListener(
    type: "message",
    listener: (event: { readonly data: unknown }) => void,
  ): void;
}

declare const self: KioskWorkerScope;

/**
 * Navigations the app shell serves: the kiosk's own page, with or without a
 * query. Everything else, such as the control panel's entry, `/api` and
 * `/socket.io`, goes to the network untouched.
 */
const KIOSK_PATHS = [/^\/(index\.html)?(\?.*)?$/];

/**
 * Paths the app shell never serves, even if the allowlist above grows: the
 * control panel, a bundle of its own at `/admin`, and the hub's API.
 */
const NOT_KIOSK_PATHS = [/^\/admin(\/|$)/, /^\/api(\/|$)/];

cleanupOutdatedCaches();
precacheAndRoute([...self.__WB_MANIFEST]);
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("/index.html"), {
    allowlist: KIOSK_PATHS,
    denylist: NOT_KIOSK_PATHS,
  }),
);

// The first version takes over the open page at once, so the app shell
// loads without network from the next start on. A later version waits
// until the page requests it, because only the page can tell whether
// someone is signed in.
clientsClaim();

// workbox-window's `messageSkipWaiting()` posts `{ type: "SKIP_WAITING" }`.
self.addEventListener("message", (event) => {
  const data: unknown = event.data;
  if (
    typeof data === "object" &&
    data !== null &&
    "type" in data &&
    data.type === "SKIP_WAITING"
  ) {
    void self.skipWaiting();
  }
});
