import { css, html } from "lit";
import { i18n } from "../i18n";
import type { ConnectionState } from "../sync/SyncEngine";
import { KioskElement } from "./KioskElement";
import { sharedStyles } from "./sharedStyles";

const HALF_DAY_MS = 12 * 3_600_000;

/**
 * The tablet's status: online, offline or connecting, from the socket, the
 * time of the last sync, and how many offline actions wait to be sent. Only
 * the state is a live region, so screen readers hear when the tablet goes
 * offline but not each sync.
 */
export class ConnectionStatus extends KioskElement {
  static override properties = {
    connection: { type: String },
    lastSyncAt: { type: Number },
    pendingCount: { type: Number },
    timeZone: { type: String },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.5rem;
        font-size: 0.9375rem;
      }

      .dot {
        width: 12px;
        height: 12px;
        border-radius: 50%;
        background: var(--sf-warning);
      }

      [data-state="online"] .dot {
        background: var(--sf-success);
      }

      [data-state="offline"] .dot {
        background: var(--sf-danger);
      }

      .wrapper {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
      }

      .state {
        font-weight: 600;
      }
    `,
  ];

  declare connection: ConnectionState;
  /** Time of the last sync in ms since the epoch, if there was one. */
  declare lastSyncAt: number | undefined;
  /** Offline actions waiting to be sent to the hub. */
  declare pendingCount: number;
  declare timeZone: string;

  constructor() {
    super();
    this.connection = "connecting";
    this.lastSyncAt = undefined;
    this.pendingCount = 0;
    this.timeZone = "";
  }

  protected override render() {
    const state = {
      online: i18n.t("status.online"),
      offline: i18n.t("status.offline"),
      connecting: i18n.t("status.connecting"),
    }[this.connection];
    const sync =
      this.lastSyncAt === undefined
        ? i18n.t("status.neverSynced")
        : i18n.t("status.lastSync", {
            time: this.#formatSyncTime(this.lastSyncAt),
          });
    return html`<span
        class="wrapper"
        data-testid="connection-status"
        data-state=${this.connection}
      >
        <span class="dot" aria-hidden="true"></span>
        <span class="state" role="status">${state}</span>
        <span
          class="muted"
          data-testid="last-sync"
          data-time=${this.lastSyncAt ?? ""}
          >· ${sync}</span
        >
      </span>
      <span
        class="muted"
        data-testid="pending-count"
        data-count=${this.pendingCount}
        >·
        ${
          this.pendingCount === 0
            ? i18n.t("status.pendingNone")
            : i18n.plural("status.pending", this.pendingCount)
        }</span
      >`;
  }

  /**
   * Formats the last sync's time, with the date once it lies more than
   * half a day back, because the offline window counts in days.
   */
  #formatSyncTime(epochMs: number): string {
    const timeZone = this.timeZone || undefined;
    return Date.now() - epochMs < HALF_DAY_MS
      ? i18n.formatTime(epochMs, timeZone)
      : i18n.formatDateTime(epochMs, timeZone);
  }
}

customElements.define("sf-connection-status", ConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    "sf-connection-status": ConnectionStatus;
  }
}
