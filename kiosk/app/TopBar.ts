import { css, html, nothing } from "lit";
import { i18n } from "../i18n";
import type { ConnectionState } from "../sync/SyncEngine";
import "../ui/ConnectionStatus";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * The bar above every screen: product and store, the tablet's status, and
 * while someone is signed in their name with Switch user, so the next
 * person can always start their own session.
 */
export class TopBar extends KioskElement {
  static override properties = {
    storeName: { type: String },
    timeZone: { type: String },
    connection: { type: String },
    lastSyncAt: { type: Number },
    pendingCount: { type: Number },
    userName: { type: String },
    offlineSession: { type: Boolean },
    showStatus: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1.5rem;
        padding: 0.5rem 1.5rem;
        background: var(--sf-bar);
        color: var(--sf-on-bar);
        /* The default ring is too dark to see on the bar. */
        --sf-focus: #ffd166;
      }

      .brand {
        display: flex;
        align-items: baseline;
        gap: 0.75rem;
      }

      .product {
        font-size: 1.25rem;
        font-weight: 700;
      }

      .user {
        display: flex;
        align-items: center;
        gap: 1rem;
      }

      sf-connection-status {
        color: var(--sf-on-bar);
        --sf-text-muted: var(--sf-on-bar);
      }

      .button.secondary {
        background: var(--sf-surface);
        white-space: nowrap;
      }

      .badge {
        padding: 0.25rem 0.625rem;
        border-radius: 999px;
        background: var(--sf-warning-surface);
        color: var(--sf-text);
        font-weight: 600;
        white-space: nowrap;
      }
    `,
  ];

  declare storeName: string;
  declare timeZone: string;
  declare connection: ConnectionState;
  declare lastSyncAt: number | undefined;
  declare pendingCount: number;
  /** Name of the signed-in user; no user part is shown when empty. */
  declare userName: string;
  /** True while the signed-in user's session was checked offline. */
  declare offlineSession: boolean;
  /** False until the tablet is enrolled, when it has no status to show. */
  declare showStatus: boolean;

  onSwitchUser: (() => void) | undefined;

  constructor() {
    super();
    this.storeName = "";
    this.timeZone = "";
    this.connection = "connecting";
    this.lastSyncAt = undefined;
    this.pendingCount = 0;
    this.userName = "";
    this.offlineSession = false;
    this.showStatus = true;
  }

  protected override render() {
    return html`<header>
      <div class="brand">
        <span class="product">${i18n.t("app.name")}</span>
        <span data-testid="store-name">${this.storeName}</span>
      </div>
      ${
        this.showStatus
          ? html`<sf-connection-status
              .connection=${this.connection}
              .lastSyncAt=${this.lastSyncAt}
              .pendingCount=${this.pendingCount}
              .timeZone=${this.timeZone}
            ></sf-connection-status>`
          : nothing
      }
      ${
        this.userName === ""
          ? nothing
          : html`<div class="user">
              <span data-testid="signed-in-user"
                >${i18n.t("topBar.signedInAs", { name: this.userName })}</span
              >
              ${
                this.offlineSession
                  ? html`<span class="badge" data-testid="offline-session"
                      >${i18n.t("status.offlineSession")}</span
                    >`
                  : nothing
              }
              <button
                type="button"
                class="button secondary"
                data-testid="switch-user"
                @click=${() => this.onSwitchUser?.()}
              >
                ${i18n.t("topBar.switchUser")}
              </button>
            </div>`
      }
    </header>`;
  }
}

customElements.define("sf-top-bar", TopBar);

declare global {
  interface HTMLElementTagNameMap {
    "sf-top-bar": TopBar;
  }
}
