import { html } from "lit";
import { AdminOutboxResponse, type AdminOutboxMessage } from "../../protocol";
import { adminApi } from "../api/adminApi";
import type { PageRoute } from "../app/route";
import { i18n } from "../i18n";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import { formatDateTime } from "../ui/formatDateTime";

/**
 * The local outbox page of the demo: the temporary PIN messages the hub
 * would have sent, newest first, with recipient, channel, status and time.
 */
export class OutboxPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    messages: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  static override styles = [sharedStyles, dataTableStyles];

  declare route: PageRoute | undefined;
  declare messages: readonly AdminOutboxMessage[];
  declare error: unknown;
  declare loading: boolean;

  constructor() {
    super();
    this.messages = [];
    this.error = undefined;
    this.loading = true;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#reload();
  }

  protected override render() {
    return html`<h1>${i18n.t("nav.outbox")}</h1>
      <p class="help">${i18n.t("outbox.intro")}</p>
      ${renderErrorNotice(this.error, "outbox-error")}
      <div class="actions">
        <button
          type="button"
          class="button secondary"
          data-testid="outbox-refresh"
          @click=${() => void this.#reload()}
        >
          ${i18n.t("common.refresh")}
        </button>
      </div>
      ${renderDataTable({
        caption: i18n.t("nav.outbox"),
        rows: this.messages,
        testId: "outbox-table",
        busy: this.loading,
        rowTestId: (message) => `outbox-row-${message.id}`,
        empty: this.loading ? i18n.t("app.loading") : i18n.t("outbox.empty"),
        columns: [
          {
            header: i18n.t("outbox.recipient"),
            rowHeader: true,
            cell: (message) => message.recipient,
          },
          {
            header: i18n.t("alerts.user"),
            cell: (message) =>
              message.name === null
                ? (message.employeeNumber ?? message.userId)
                : `${message.name} (${message.employeeNumber ?? "?"})`,
          },
          {
            header: i18n.t("outbox.channel"),
            cell: (message) => i18n.t(`outbox.channel.${message.channel}`),
          },
          {
            header: i18n.t("outbox.kind"),
            cell: (message) =>
              html`<span data-testid="outbox-kind" data-kind=${message.kind}
                >${i18n.t(`outbox.kind.${message.kind}`)}</span
              >`,
          },
          {
            header: i18n.t("outbox.status"),
            cell: (message) =>
              html`<span
                data-testid="outbox-status"
                data-status=${message.status}
                >${i18n.t(`outbox.status.${message.status}`)}</span
              >`,
          },
          {
            header: i18n.t("outbox.createdAt"),
            cell: (message) => formatDateTime(message.createdAt),
          },
          {
            header: i18n.t("outbox.expiresAt"),
            cell: (message) => formatDateTime(message.expiresAt),
          },
          {
            header: i18n.t("outbox.pin"),
            cell: (message) =>
              message.pin !== null
                ? html`<code data-testid="outbox-pin">${message.pin}</code>`
                : message.passwordLink !== undefined
                  ? html`<code data-testid="outbox-link"
                      >${message.passwordLink}</code
                    >`
                  : "—",
          },
        ],
      })}`;
  }

  async #reload(): Promise<void> {
    this.loading = true;
    try {
      const { messages } = await adminApi.get(
        "/api/admin/outbox",
        AdminOutboxResponse,
      );
      this.messages = messages;
      this.error = undefined;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }
}

customElements.define("sf-outbox-page", OutboxPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-outbox-page": OutboxPage;
  }
}
