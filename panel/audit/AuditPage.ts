import { css, html, nothing } from "lit";
import {
  AdminAuditResponse,
  type AdminAuditEntry,
  type AuditPerson,
} from "../../protocol";
import {
  AdminApiError,
  adminApi,
  withQuery,
  type QueryValues,
} from "../api/adminApi";
import type { PageRoute } from "../app/route";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import {
  loadStoreChoices,
  storeLabel,
  type StoreChoice,
} from "../tablets/storeChoices";
import {
  AuditFilterError,
  EMPTY_AUDIT_FILTERS,
  auditQueryFrom,
  type AuditFilterDraft,
} from "./auditFilters";
import { describeAuditDetails } from "./auditDetails";
import { loadTabletLabels, tabletLabel } from "./tabletLabels";
import { formatDateTime } from "../ui/formatDateTime";

/** Entries per page of the list. */
const PAGE_SIZE = 100;

/** Kinds offered as suggestions in the kind filter; any other may be typed. */
const KIND_SUGGESTIONS = [
  "sign-in.*",
  "pin.reset",
  "pin.change",
  "user.*",
  "user.unlock",
  "user.locked",
  "tablet.*",
  "settings.update",
  "roster.import",
  "delivery.*",
  "admin.*",
  "api-token.*",
] as const;

const FILTER_FIELDS = Object.keys(
  EMPTY_AUDIT_FILTERS,
) as readonly (keyof AuditFilterDraft)[];

/** The query parameter each form field becomes, as INVALID_INPUT names it after `query.`. */
const QUERY_FIELDS: Readonly<Record<keyof AuditFilterDraft, string>> = {
  user: "userId",
  actor: "actorId",
  storeId: "storeId",
  kind: "kind",
  from: "from",
  to: "to",
};

/**
 * Audit log page. It filters by user, actor, store, kind and time range,
 * lists the newest entries first with "load more", and exports the same
 * filtered entries as CSV.
 */
export class AuditPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    draft: { state: true },
    entries: { state: true },
    nextBefore: { state: true },
    stores: { state: true },
    tabletLabels: { state: true },
    error: { state: true },
    filterError: { state: true },
    loading: { state: true },
  };

  static override styles = [
    sharedStyles,
    dataTableStyles,
    css`
      .details {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.125rem 0.5rem;
        min-width: 16rem;
        max-width: 28rem;
        margin: 0;
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }

      .details dt {
        color: var(--sf-text-muted);
      }

      .details dd {
        margin: 0;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  declare draft: AuditFilterDraft;
  declare entries: readonly AdminAuditEntry[];
  declare nextBefore: number | null;
  declare stores: readonly StoreChoice[];
  declare tabletLabels: ReadonlyMap<string, string>;
  declare error: unknown;
  declare filterError: AuditFilterError | undefined;
  declare loading: boolean;

  /** The query of the entries on show, for "load more" and the export. */
  #query: QueryValues = {};

  constructor() {
    super();
    this.draft = EMPTY_AUDIT_FILTERS;
    this.entries = [];
    this.nextBefore = null;
    this.stores = [];
    this.tabletLabels = new Map();
    this.error = undefined;
    this.filterError = undefined;
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadStoreChoices(panelSession.user).then((stores) => {
      this.stores = stores;
    });
    void loadTabletLabels().then((labels) => {
      this.tabletLabels = labels;
    });
    void this.#search();
  }

  protected override render() {
    return html`<h1>${i18n.t("nav.audit")}</h1>
      ${this.#renderFilters()} ${renderErrorNotice(this.error, "audit-error")}
      ${renderDataTable({
        caption: i18n.t("audit.caption"),
        rows: this.entries,
        testId: "audit-table",
        busy: this.loading,
        rowTestId: (entry) => `audit-row-${entry.seq}`,
        empty: this.loading ? i18n.t("app.loading") : i18n.t("audit.empty"),
        columns: [
          {
            header: i18n.t("audit.time"),
            rowHeader: true,
            cell: (entry) => formatDateTime(entry.at),
          },
          {
            header: i18n.t("audit.kind"),
            cell: (entry) =>
              html`<code data-testid="audit-kind">${entry.kind}</code>`,
          },
          {
            header: i18n.t("audit.outcome"),
            cell: (entry) =>
              entry.outcome === null
                ? "—"
                : html`${i18n.t(`audit.outcome.${entry.outcome}`)}${
                    entry.reason === null ? nothing : html`: ${entry.reason}`
                  }`,
          },
          {
            header: i18n.t("audit.actor"),
            cell: (entry) => personLabel(entry.actor),
          },
          {
            header: i18n.t("audit.target"),
            cell: (entry) => personLabel(entry.target),
          },
          {
            header: i18n.t("alerts.tablet"),
            cell: (entry) =>
              entry.tabletId === null
                ? "—"
                : html`<span data-testid="audit-tablet" title=${entry.tabletId}
                    >${tabletLabel(this.tabletLabels, entry.tabletId)}</span
                  >`,
          },
          {
            header: i18n.t("alerts.stores"),
            cell: (entry) =>
              entry.storeIds.length === 0
                ? i18n.t("audit.allStores")
                : entry.storeIds
                    .map((id) => storeLabel(this.stores, id))
                    .join(", "),
          },
          {
            header: i18n.t("audit.details"),
            cell: (entry) => this.#renderDetails(entry),
          },
        ],
      })}
      <div class="actions">
        ${
          this.nextBefore === null
            ? nothing
            : html`<button
                type="button"
                class="button secondary"
                data-testid="audit-load-more"
                ?disabled=${this.loading}
                @click=${() => void this.#loadMore()}
              >
                ${i18n.t("audit.loadMore")}
              </button>`
        }
      </div>`;
  }

  #renderDetails(entry: AdminAuditEntry) {
    const details = describeAuditDetails(entry.details);
    if (details.length === 0) {
      return "—";
    }
    return html`<dl class="details" data-testid="audit-details">
      ${details.map(
        (detail) =>
          html`<dt>${detail.label}</dt>
            <dd data-testid=${`audit-detail-${detail.key}`}>
              ${detail.value}
            </dd>`,
      )}
    </dl>`;
  }

  #renderFilters() {
    return html`<form
      class="card"
      novalidate
      aria-labelledby="audit-filters-title"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        void this.#search();
      }}
    >
      <h2 id="audit-filters-title">${i18n.t("audit.filters")}</h2>
      <div class="toolbar">
        ${this.#textFilter("user", i18n.t("audit.filterUser"), "text")}
        ${this.#textFilter("actor", i18n.t("audit.filterActor"), "text")}
        <div class="field">
          <label for="audit-storeId">${i18n.t("tablets.store")}</label>
          <select
            id="audit-storeId"
            data-testid="audit-filter-store"
            @change=${(event: Event) =>
              this.#set("storeId", (event.target as HTMLSelectElement).value)}
          >
            <option value="">${i18n.t("audit.allStores")}</option>
            ${this.stores.map(
              (store) =>
                html`<option
                  value=${store.id}
                  ?selected=${store.id === this.draft.storeId}
                >
                  ${store.label}
                </option>`,
            )}
          </select>
        </div>
        ${this.#textFilter("kind", i18n.t("audit.kind"), "text", "audit-kinds")}
        ${this.#textFilter("from", i18n.t("audit.from"), "datetime-local")}
        ${this.#textFilter("to", i18n.t("audit.to"), "datetime-local")}
        <datalist id="audit-kinds">
          ${KIND_SUGGESTIONS.map((kind) => html`<option value=${kind}></option>`)}
        </datalist>
      </div>
      <p class="help">${i18n.t("audit.filtersHelp")}</p>
      <div class="actions">
        <button
          type="submit"
          class="button"
          data-testid="audit-apply"
          ?disabled=${this.loading}
        >
          ${i18n.t("audit.apply")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="audit-clear"
          @click=${() => {
            this.#clearInputs();
            void this.#search();
          }}
        >
          ${i18n.t("audit.clear")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="audit-export"
          @click=${() => void this.#export()}
        >
          ${i18n.t("audit.export")}
        </button>
      </div>
    </form>`;
  }

  #textFilter(
    field: keyof AuditFilterDraft,
    label: string,
    type: "text" | "datetime-local",
    list?: string,
  ) {
    const id = `audit-${field}`;
    const message = this.#filterMessage(field);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        class="text-input"
        type=${type}
        list=${list ?? ""}
        data-testid=${`audit-filter-${field}`}
        aria-invalid=${message === undefined ? "false" : "true"}
        aria-describedby=${`${id}-error`}
        .value=${this.draft[field]}
        @input=${(event: Event) =>
          this.#set(field, (event.target as HTMLInputElement).value)}
      />
      <p
        id=${`${id}-error`}
        class="error field-error"
        data-testid=${`field-error-${field}`}
        ?hidden=${message === undefined}
      >
        ${message ?? nothing}
      </p>
    </div>`;
  }

  #filterMessage(field: keyof AuditFilterDraft): string | undefined {
    if (this.filterError?.field === field) {
      return this.filterError.message;
    }
    return this.error instanceof AdminApiError
      ? this.error.fieldMessage(`query.${QUERY_FIELDS[field]}`)
      : undefined;
  }

  /**
   * Copies the inputs' current values into the draft, because a value set
   * without an input event (autofill, a script) would otherwise be missed.
   */
  #readInputs(): void {
    const draft: { -readonly [Field in keyof AuditFilterDraft]: string } = {
      ...this.draft,
    };
    for (const field of FILTER_FIELDS) {
      const input = this.#input(field);
      if (input !== null) {
        draft[field] = input.value;
      }
    }
    this.draft = draft;
  }

  /** Empties every filter, in the draft and in the inputs. */
  #clearInputs(): void {
    for (const field of FILTER_FIELDS) {
      const input = this.#input(field);
      if (input !== null) {
        input.value = "";
      }
    }
    this.draft = EMPTY_AUDIT_FILTERS;
  }

  #input(field: keyof AuditFilterDraft) {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(
      `#audit-${field}`,
    );
  }

  #set(field: keyof AuditFilterDraft, value: string): void {
    this.draft = { ...this.draft, [field]: value };
  }

  /**
   * Converts the form into a query. Returns undefined after showing a filter
   * error.
   */
  async #queryFromForm(): Promise<QueryValues | undefined> {
    this.#readInputs();
    this.error = undefined;
    this.filterError = undefined;
    try {
      return await auditQueryFrom(this.draft, {
        unknownUser: (employeeNumber) =>
          i18n.t("audit.unknownUser", { employeeNumber }),
        badTime: i18n.t("audit.badTime"),
      });
    } catch (error) {
      if (error instanceof AuditFilterError) {
        this.filterError = error;
      } else {
        this.error = error;
      }
      return undefined;
    }
  }

  async #search(): Promise<void> {
    this.loading = true;
    try {
      const query = await this.#queryFromForm();
      if (query === undefined) {
        return;
      }
      const page = await adminApi.get(
        withQuery("/api/admin/audit", { ...query, limit: PAGE_SIZE }),
        AdminAuditResponse,
      );
      this.#query = query;
      this.entries = page.entries;
      this.nextBefore = page.nextBefore;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  async #loadMore(): Promise<void> {
    const before = this.nextBefore;
    if (before === null) {
      return;
    }
    this.loading = true;
    try {
      const page = await adminApi.get(
        withQuery("/api/admin/audit", {
          ...this.#query,
          before,
          limit: PAGE_SIZE,
        }),
        AdminAuditResponse,
      );
      this.entries = [...this.entries, ...page.entries];
      this.nextBefore = page.nextBefore;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  /** Downloads the entries that the filters in the form select, as CSV. */
  async #export(): Promise<void> {
    const query = await this.#queryFromForm();
    if (query === undefined) {
      return;
    }
    try {
      await adminApi.download(withQuery("/api/admin/audit.csv", query));
    } catch (error) {
      this.error = error;
    }
  }
}

/**
 * Formats a person as "Ana Ruiz (E1)", as the id of a deleted user, or as a
 * dash for none.
 */
function personLabel(person: AuditPerson | null): string {
  if (person === null) {
    return "—";
  }
  if (person.name === null) {
    return person.employeeNumber ?? person.id;
  }
  return `${person.name} (${person.employeeNumber ?? "?"})`;
}

customElements.define("sf-audit-page", AuditPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-audit-page": AuditPage;
  }
}
