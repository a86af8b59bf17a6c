import type { Permission } from "../../protocol";
import type { PlainMessageKey } from "../i18n";

/**
 * A page of the control panel. The navigation lists the pages whose
 * permission the signed-in user's role carries, in this order, and the
 * router shows the page whose `path` is the hash's first segment: `#/users`
 * also shows for `#/users/u-1`. The router loads the page's module with
 * `load` and renders its element `tag` with a `.route` property
 * (`PageRoute` from `./route`) holding the further segments and the query.
 */
export interface PanelPage {
  readonly id: string;
  /** Hash route of the page, such as `#/users`. */
  readonly path: `#/${string}`;
  /** Its name in the navigation and the document title. */
  readonly labelKey: PlainMessageKey;
  /** Permission needed to see the page; null for every signed-in user. */
  readonly permission: Permission | null;
  /** Imports the module that defines the page's custom element. */
  readonly load: () => Promise<unknown>;
  /** The custom element's tag name. */
  readonly tag: string;
}

export const PAGES: readonly PanelPage[] = [
  {
    id: "users",
    path: "#/users",
    labelKey: "nav.users",
    permission: "user.manage",
    load: () => import("../users/UsersPage"),
    tag: "sf-users-page",
  },
  {
    id: "roles",
    path: "#/roles",
    labelKey: "nav.roles",
    permission: "role.manage",
    load: () => import("../roles/RolesPage"),
    tag: "sf-roles-page",
  },
  {
    id: "stores",
    path: "#/stores",
    labelKey: "nav.stores",
    permission: "store.manage",
    load: () => import("../stores/StoresPage"),
    tag: "sf-stores-page",
  },
  {
    id: "tablets",
    path: "#/tablets",
    labelKey: "nav.tablets",
    permission: "kiosk.enroll",
    load: () => import("../tablets/TabletsPage"),
    tag: "sf-tablets-page",
  },
  {
    id: "alerts",
    path: "#/alerts",
    labelKey: "nav.alerts",
    permission: null,
    load: () => import("../alerts/AlertsPage"),
    tag: "sf-alerts-page",
  },
  {
    id: "audit",
    path: "#/audit",
    labelKey: "nav.audit",
    permission: "audit.read",
    load: () => import("../audit/AuditPage"),
    tag: "sf-audit-page",
  },
  {
    id: "feed",
    path: "#/feed",
    labelKey: "nav.feed",
    permission: "audit.read",
    load: () => import("../feed/LiveFeedPage"),
    tag: "sf-live-feed-page",
  },
  {
    id: "import",
    path: "#/import",
    labelKey: "nav.import",
    permission: "user.manage",
    load: () => import("../import/RosterImportPage"),
    tag: "sf-roster-import-page",
  },
  {
    id: "settings",
    path: "#/settings",
    labelKey: "nav.settings",
    permission: "settings.manage",
    load: () => import("../settings/SettingsPage"),
    tag: "sf-settings-page",
  },
  {
    id: "tokens",
    path: "#/tokens",
    labelKey: "nav.tokens",
    permission: "settings.manage",
    load: () => import("../tokens/FeedTokensPage"),
    tag: "sf-feed-tokens-page",
  },
  {
    id: "outbox",
    path: "#/outbox",
    labelKey: "nav.outbox",
    permission: "settings.manage",
    load: () => import("../outbox/OutboxPage"),
    tag: "sf-outbox-page",
  },
  {
    id: "passkeys",
    path: "#/passkeys",
    labelKey: "nav.passkeys",
    permission: null,
    load: () => import("../passkeys/PasskeysPage"),
    tag: "sf-passkeys-page",
  },
];

/** Returns the pages that `can` permits, in navigation order. */
export function visiblePages(
  can: (permission: Permission | null) => boolean,
): PanelPage[] {
  return PAGES.filter((page) => can(page.permission));
}

/** Returns the page shown for a route path, such as `#/users`. */
export function pageForPath(path: string): PanelPage | undefined {
  return PAGES.find((page) => page.path === path);
}
