import { css, html, nothing } from "lit";
import {
  AdminEnrollmentCodeResponse,
  AdminTabletRevokeResponse,
  AdminTabletsResponse,
  type AdminTablet,
  type StoreId,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import type { PageRoute } from "../app/route";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { confirmAction } from "../ui/ConfirmDialog";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import { loadStoreChoices, type StoreChoice } from "./storeChoices";
import { formatDateTime } from "../ui/formatDateTime";

/** How often the list reloads, so online state and sync times stay current. */
const REFRESH_MS = 15_000;

/**
 * Tablets page. It lists every tablet of the stores in scope, grouped by
 * store, with its state and sync position. It issues one-time enrollment
 * codes, revokes tablets and reports them stolen.
 */
export class TabletsPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    tablets: { state: true },
    stores: { state: true },
    enrollStoreId: { state: true },
    issuedCode: { state: true },
    notice: { state: true },
    error: { state: true },
    listError: { state: true },
    loading: { state: true },
  };

  static override styles = [
    sharedStyles,
    dataTableStyles,
    css`
      .code {
        font-family: var(--sf-mono, monospace);
        font-size: 1.5rem;
        letter-spacing: 0.1em;
      }

      section + section {
        margin-top: 1.5rem;
      }

      .row-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  declare tablets: readonly AdminTablet[];
  declare stores: readonly StoreChoice[];
  declare enrollStoreId: string;
  declare issuedCode: AdminEnrollmentCodeResponse | undefined;
  declare notice: string | undefined;
  /** Failure of an action on this page. */
  declare error: unknown;
  /** Failure of the last reload of the list; the next success clears it. */
  declare listError: unknown;
  declare loading: boolean;

  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.tablets = [];
    this.stores = [];
    this.enrollStoreId = "";
    this.issuedCode = undefined;
    this.notice = undefined;
    this.error = undefined;
    this.listError = undefined;
    this.loading = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadStores();
    void this.#reload();
    this.#timer = setInterval(() => void this.#reload(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  protected override render() {
    return html`<h1>${i18n.t("nav.tablets")}</h1>
      ${renderErrorNotice(this.error, "tablets-error")}
      ${renderErrorNotice(this.listError, "tablets-list-error")}
      ${
        this.notice === undefined
          ? nothing
          : html`<p class="success" role="status" data-testid="tablets-notice">
              ${this.notice}
            </p>`
      }
      ${this.#renderEnrollment()}
      <div class="actions">
        <button
          type="button"
          class="button secondary"
          data-testid="tablets-refresh"
          @click=${() => void this.#reload()}
        >
          ${i18n.t("common.refresh")}
        </button>
      </div>
      ${this.#renderStores()}`;
  }

  #renderEnrollment() {
    const code = this.issuedCode;
    return html`<section class="card" aria-labelledby="enroll-title">
      <h2 id="enroll-title">${i18n.t("tablets.enrollTitle")}</h2>
      <p class="help">${i18n.t("tablets.enrollHelp")}</p>
      <div class="toolbar">
        <div class="field">
          <label for="enroll-store">${i18n.t("tablets.store")}</label>
          <select
            id="enroll-store"
            data-testid="enroll-store"
            .value=${this.enrollStoreId}
            @change=${(event: Event) => {
              this.enrollStoreId = (event.target as HTMLSelectElement).value;
            }}
          >
            <option value="">${i18n.t("tablets.chooseStore")}</option>
            ${this.stores.map(
              (store) =>
                html`<option
                  value=${store.id}
                  ?selected=${store.id === this.enrollStoreId}
                >
                  ${store.label}
                </option>`,
            )}
          </select>
        </div>
        <button
          type="button"
          class="button"
          data-testid="enroll-create"
          ?disabled=${this.enrollStoreId === ""}
          @click=${() => void this.#issueCode()}
        >
          ${i18n.t("tablets.createCode")}
        </button>
      </div>
      ${
        code === undefined
          ? nothing
          : html`<div class="notice" role="status" data-testid="enroll-result">
              <p>${i18n.t("tablets.codeFor", { store: code.store.name })}</p>
              <p class="code" data-testid="enroll-code">${code.code}</p>
              <p>
                ${i18n.t("tablets.codeExpires", {
                  time: formatDateTime(code.expiresAt),
                })}
              </p>
              <p>${i18n.t("tablets.codeOnce")}</p>
            </div>`
      }
    </section>`;
  }

  #renderStores() {
    if (this.loading && this.tablets.length === 0) {
      return html`<p role="status">${i18n.t("app.loading")}</p>`;
    }
    if (this.tablets.length === 0) {
      return html`<p class="muted" data-testid="tablets-empty">
        ${i18n.t("tablets.none")}
      </p>`;
    }
    const byStore = new Map<StoreId, AdminTablet[]>();
    for (const tablet of this.tablets) {
      const list = byStore.get(tablet.store.id) ?? [];
      list.push(tablet);
      byStore.set(tablet.store.id, list);
    }
    return [...byStore.values()].map((tablets) => {
      const store = tablets[0]!.store;
      return html`<section
        aria-labelledby=${`store-${store.id}`}
        data-testid=${`tablets-store-${store.code}`}
      >
        <h2 id=${`store-${store.id}`}>${store.name} (${store.code})</h2>
        ${renderDataTable({
          caption: i18n.t("tablets.caption", { store: store.name }),
          rows: tablets,
          rowTestId: (tablet) => `tablet-row-${tablet.id}`,
          empty: i18n.t("tablets.none"),
          testId: `tablets-table-${store.code}`,
          columns: [
            {
              header: i18n.t("tablets.label"),
              rowHeader: true,
              cell: (tablet) => tablet.label,
            },
            {
              header: i18n.t("tablets.status"),
              cell: (tablet) =>
                html`<span
                  data-testid="tablet-status"
                  data-status=${tablet.status}
                  >${i18n.t(`tablets.status.${tablet.status}`)}</span
                >`,
            },
            {
              header: i18n.t("tablets.online"),
              cell: (tablet) =>
                html`<span
                  data-testid="tablet-online"
                  data-online=${tablet.online ? "true" : "false"}
                  >${
                    tablet.online
                      ? i18n.t("tablets.onlineYes")
                      : i18n.t("tablets.onlineNo")
                  }</span
                >`,
            },
            {
              header: i18n.t("tablets.lastSeen"),
              cell: (tablet) => this.#time(tablet.lastSeenAt),
            },
            {
              header: i18n.t("tablets.lastSync"),
              cell: (tablet) => this.#time(tablet.lastSyncAt),
            },
            {
              header: i18n.t("tablets.pending"),
              cell: (tablet) => i18n.formatNumber(tablet.pendingChanges),
            },
            {
              header: i18n.t("tablets.actions"),
              cell: (tablet) => this.#renderActions(tablet),
            },
          ],
        })}
      </section>`;
    });
  }

  /** Formats a time in the browser's zone, as every page of the panel does. */
  #time(epochMs: number | null): string {
    return epochMs === null ? i18n.t("tablets.never") : formatDateTime(epochMs);
  }

  #renderActions(tablet: AdminTablet) {
    if (tablet.status !== "active") {
      return tablet.revokedAt === null
        ? nothing
        : html`<span class="muted"
            >${i18n.t("tablets.revokedAt", {
              time: formatDateTime(tablet.revokedAt),
            })}</span
          >`;
    }
    return html`<div class="row-actions">
      <button
        type="button"
        class="button secondary"
        data-testid=${`tablet-revoke-${tablet.id}`}
        aria-label=${i18n.t("tablets.revokeNamed", { label: tablet.label })}
        @click=${() => void this.#revoke(tablet, "revoke")}
      >
        ${i18n.t("tablets.revoke")}
      </button>
      <button
        type="button"
        class="button danger"
        data-testid=${`tablet-stolen-${tablet.id}`}
        aria-label=${i18n.t("tablets.stolenNamed", { label: tablet.label })}
        @click=${() => void this.#revoke(tablet, "report-stolen")}
      >
        ${i18n.t("tablets.reportStolen")}
      </button>
    </div>`;
  }

  async #loadStores(): Promise<void> {
    this.stores = await loadStoreChoices(panelSession.user);
  }

  async #reload(): Promise<void> {
    try {
      const { tablets } = await adminApi.get(
        "/api/admin/tablets",
        AdminTabletsResponse,
      );
      this.tablets = tablets;
      this.listError = undefined;
    } catch (error) {
      this.listError = error;
    } finally {
      this.loading = false;
    }
  }

  async #issueCode(): Promise<void> {
    const storeId = this.enrollStoreId;
    if (storeId === "") {
      return;
    }
    this.error = undefined;
    this.notice = undefined;
    this.issuedCode = undefined;
    try {
      this.issuedCode = await withProof(
        { action: i18n.t("tablets.enrollProof"), submitTestId: "proof-submit" },
        (proof) =>
          adminApi.post(
            `/api/admin/stores/${encodeURIComponent(storeId)}/enrollment-codes`,
            { proof },
            AdminEnrollmentCodeResponse,
          ),
      );
    } catch (error) {
      this.error = error;
    }
  }

  async #revoke(
    tablet: AdminTablet,
    action: "revoke" | "report-stolen",
  ): Promise<void> {
    const stolen = action === "report-stolen";
    const confirmed = await confirmAction({
      title: stolen
        ? i18n.t("tablets.stolenTitle", { label: tablet.label })
        : i18n.t("tablets.revokeTitle", { label: tablet.label }),
      message: stolen
        ? i18n.t("tablets.stolenMessage", { store: tablet.store.name })
        : i18n.t("tablets.revokeMessage"),
      confirmLabel: stolen
        ? i18n.t("tablets.reportStolen")
        : i18n.t("tablets.revoke"),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    this.error = undefined;
    this.notice = undefined;
    try {
      const result = await withProof(
        {
          action: stolen
            ? i18n.t("tablets.stolenTitle", { label: tablet.label })
            : i18n.t("tablets.revokeTitle", { label: tablet.label }),
        },
        (proof) =>
          adminApi.post(
            `/api/admin/tablets/${encodeURIComponent(tablet.id)}/${action}`,
            { proof },
            AdminTabletRevokeResponse,
          ),
      );
      if (result === undefined) {
        return;
      }
      this.tablets = this.tablets.map((each) =>
        each.id === result.tablet.id ? result.tablet : each,
      );
      this.notice = stolen
        ? i18n.t("tablets.stolenDone", { label: tablet.label })
        : i18n.t("tablets.revokeDone", { label: tablet.label });
    } catch (error) {
      this.error = error;
    }
  }
}

customElements.define("sf-tablets-page", TabletsPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-tablets-page": TabletsPage;
  }
}
