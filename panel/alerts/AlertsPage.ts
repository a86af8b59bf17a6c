import { css, html, nothing } from "lit";
import {
  AdminAlertsResponse,
  type AlertUser,
  type DeliveryFailureAlert,
  type LockAlert,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import type { PageRoute } from "../app/route";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import {
  loadStoreChoices,
  storeLabel,
  type StoreChoice,
} from "../tablets/storeChoices";
import { formatDateTime } from "../ui/formatDateTime";

/**
 * The alerts page: locked users with an Unlock action, tablets reported
 * stolen, and temporary PINs that never reached their user.
 */
export class AlertsPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    alerts: { state: true },
    stores: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    dataTableStyles,
    css`
      section {
        margin-top: 1.5rem;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  declare alerts: AdminAlertsResponse | undefined;
  declare stores: readonly StoreChoice[];
  declare error: unknown;
  declare notice: string | undefined;

  constructor() {
    super();
    this.alerts = undefined;
    this.stores = [];
    this.error = undefined;
    this.notice = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadStoreChoices(panelSession.user).then((stores) => {
      this.stores = stores;
    });
    void this.#reload();
  }

  protected override render() {
    const alerts = this.alerts;
    return html`<h1>${i18n.t("nav.alerts")}</h1>
      ${renderErrorNotice(this.error, "alerts-error")}
      ${
        this.notice === undefined
          ? nothing
          : html`<p class="success" role="status" data-testid="alerts-notice">
              ${this.notice}
            </p>`
      }
      <div class="actions">
        <button
          type="button"
          class="button secondary"
          data-testid="alerts-refresh"
          @click=${() => void this.#reload()}
        >
          ${i18n.t("common.refresh")}
        </button>
      </div>
      ${
        alerts === undefined
          ? html`<p role="status">${i18n.t("app.loading")}</p>`
          : html`${this.#renderLocks(alerts.locks)}
            ${this.#renderStolen(alerts)}
            ${this.#renderDeliveryFailures(alerts.deliveryFailures)}`
      }`;
  }

  #renderLocks(locks: readonly LockAlert[]) {
    return html`<section aria-labelledby="locks-title">
      <h2 id="locks-title">${i18n.t("alerts.locks")}</h2>
      ${renderDataTable({
        caption: i18n.t("alerts.locks"),
        rows: locks,
        testId: "alerts-locks",
        rowTestId: (lock) => `lock-row-${lock.user.employeeNumber}`,
        empty: i18n.t("alerts.noLocks"),
        columns: [
          {
            header: i18n.t("alerts.user"),
            rowHeader: true,
            cell: (lock) => personLabel(lock.user),
          },
          {
            header: i18n.t("alerts.stores"),
            cell: (lock) => this.#storesOf(lock.user),
          },
          {
            header: i18n.t("alerts.lock"),
            cell: (lock) =>
              lock.lock.kind === "timed"
                ? i18n.t("alerts.lockedUntil", {
                    time: formatDateTime(lock.lock.until),
                  })
                : i18n.t("alerts.lockedPermanently"),
          },
          {
            header: i18n.t("alerts.failures"),
            cell: (lock) => i18n.formatNumber(lock.failures),
          },
          {
            header: i18n.t("alerts.lastFailure"),
            cell: (lock) =>
              lock.lastFailureAt === null
                ? "—"
                : formatDateTime(lock.lastFailureAt),
          },
          {
            header: i18n.t("alerts.tablet"),
            cell: (lock) =>
              lock.lastTablet === null
                ? "—"
                : (lock.lastTablet.label ?? lock.lastTablet.id),
          },
          {
            header: i18n.t("tablets.actions"),
            cell: (lock) =>
              html`<button
                type="button"
                class="button"
                data-testid=${`unlock-${lock.user.employeeNumber}`}
                aria-label=${i18n.t("alerts.unlockNamed", {
                  name: personLabel(lock.user),
                })}
                @click=${() => void this.#unlock(lock.user)}
              >
                ${i18n.t("alerts.unlock")}
              </button>`,
          },
        ],
      })}
    </section>`;
  }

  #renderStolen(alerts: AdminAlertsResponse) {
    return html`<section aria-labelledby="stolen-title">
      <h2 id="stolen-title">${i18n.t("alerts.stolen")}</h2>
      ${renderDataTable({
        caption: i18n.t("alerts.stolen"),
        rows: alerts.stolenTablets,
        testId: "alerts-stolen",
        rowTestId: (tablet) => `stolen-row-${tablet.tabletId}`,
        empty: i18n.t("alerts.noStolen"),
        columns: [
          {
            header: i18n.t("tablets.label"),
            rowHeader: true,
            cell: (tablet) => tablet.label,
          },
          {
            header: i18n.t("tablets.store"),
            cell: (tablet) => storeLabel(this.stores, tablet.storeId),
          },
          {
            header: i18n.t("alerts.reportedAt"),
            cell: (tablet) => formatDateTime(tablet.reportedAt),
          },
        ],
      })}
    </section>`;
  }

  #renderDeliveryFailures(failures: readonly DeliveryFailureAlert[]) {
    return html`<section aria-labelledby="delivery-title">
      <h2 id="delivery-title">${i18n.t("alerts.delivery")}</h2>
      <p class="help">${i18n.t("alerts.deliveryHelp")}</p>
      ${renderDataTable({
        caption: i18n.t("alerts.delivery"),
        rows: failures,
        testId: "alerts-delivery",
        rowTestId: (failure) => `delivery-row-${failure.messageId}`,
        empty: i18n.t("alerts.noDeliveryFailures"),
        columns: [
          {
            header: i18n.t("alerts.user"),
            rowHeader: true,
            cell: (failure) => personLabel(failure.user),
          },
          {
            header: i18n.t("outbox.channel"),
            cell: (failure) => i18n.t(`outbox.channel.${failure.channel}`),
          },
          {
            header: i18n.t("outbox.status"),
            cell: (failure) => i18n.t(`outbox.status.${failure.status}`),
          },
          {
            header: i18n.t("alerts.attempts"),
            cell: (failure) => i18n.formatNumber(failure.attempts),
          },
          {
            header: i18n.t("alerts.lastError"),
            cell: (failure) => failure.lastError ?? "—",
          },
          {
            header: i18n.t("outbox.createdAt"),
            cell: (failure) => formatDateTime(failure.createdAt),
          },
        ],
      })}
    </section>`;
  }

  #storesOf(user: AlertUser): string {
    return user.storeIds.map((id) => storeLabel(this.stores, id)).join(", ");
  }

  async #reload(): Promise<void> {
    try {
      this.alerts = await adminApi.get(
        "/api/admin/alerts",
        AdminAlertsResponse,
      );
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  async #unlock(user: AlertUser): Promise<void> {
    this.error = undefined;
    this.notice = undefined;
    const name = personLabel(user);
    try {
      // The response, the user after the unlock, is not needed: the alert
      // list is reloaded.
      const done = await withProof(
        {
          action: i18n.t("alerts.unlockProof", { name }),
          confirmLabel: i18n.t("alerts.unlock"),
        },
        async (proof) => {
          await adminApi.post(
            `/api/admin/users/${encodeURIComponent(user.id)}/unlock`,
            { proof },
          );
          return true;
        },
      );
      if (done === true) {
        this.notice = i18n.t("alerts.unlocked", { name });
        await this.#reload();
      }
    } catch (error) {
      this.error = error;
    }
  }
}

/** "Ana Ruiz (E1)". */
function personLabel(user: AlertUser): string {
  return `${user.firstName} ${user.lastName} (${user.employeeNumber})`;
}

customElements.define("sf-alerts-page", AlertsPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-alerts-page": AlertsPage;
  }
}
