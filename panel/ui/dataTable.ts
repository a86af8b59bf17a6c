import { css, html, nothing, type TemplateResult } from "lit";
import { i18n } from "../i18n";

/** One column of a data table. */
export interface TableColumn<Row> {
  /** Header text, already localised. */
  readonly header: string;
  readonly cell: (row: Row) => TemplateResult | string | typeof nothing;
  /** Renders the column's cells as row headers (`th scope="row"`). */
  readonly rowHeader?: boolean;
}

/** Options of `renderDataTable`. */
export interface DataTableOptions<Row> {
  /** The table's caption for screen readers, already localised. */
  readonly caption: string;
  readonly columns: readonly TableColumn<Row>[];
  readonly rows: readonly Row[];
  /** data-testid of each row, such as `user-row-E1`. */
  readonly rowTestId: (row: Row) => string;
  /** Text when there are no rows. */
  readonly empty: string;
  /** data-testid of the table; `data-table` by default. */
  readonly testId?: string;
  readonly busy?: boolean;
}

/** Renders a table of rows with a caption and a header row, or the empty text. */
export function renderDataTable<Row>(options: DataTableOptions<Row>) {
  return html`<div class="table-wrap">
    <table
      data-testid=${options.testId ?? "data-table"}
      aria-busy=${options.busy === true ? "true" : "false"}
    >
      <caption class="visually-hidden">
        ${options.caption}
      </caption>
      <thead>
        <tr>
          ${options.columns.map(
            (column) => html`<th scope="col">${column.header}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${
          options.rows.length === 0
            ? html`<tr>
                <td colspan=${options.columns.length} class="muted">
                  ${options.empty}
                </td>
              </tr>`
            : options.rows.map(
                (row) =>
                  html`<tr data-testid=${options.rowTestId(row)}>
                    ${options.columns.map((column) =>
                      column.rowHeader === true
                        ? html`<th scope="row">${column.cell(row)}</th>`
                        : html`<td>${column.cell(row)}</td>`,
                    )}
                  </tr>`,
              )
        }
      </tbody>
    </table>
  </div>`;
}

/** Options of `renderPager`: the page (from 1), its size and the total. */
export interface PagerOptions {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  /** Prefix of the pager's test ids; `pager` gives `pager-next`. */
  readonly testId?: string;
}

/**
 * Renders the result count and previous/next buttons for a paged list, as a
 * navigation landmark. The status text is a live region, so a screen
 * reader announces the new range.
 */
export function renderPager(options: PagerOptions) {
  const prefix = options.testId ?? "pager";
  const pages = Math.max(1, Math.ceil(options.total / options.pageSize));
  const first =
    options.total === 0 ? 0 : (options.page - 1) * options.pageSize + 1;
  const last = Math.min(options.total, options.page * options.pageSize);
  return html`<nav class="pager" aria-label=${i18n.t("table.pagination")}>
    <p
      role="status"
      data-testid=${`${prefix}-status`}
      data-total=${options.total}
      data-page=${options.page}
    >
      ${i18n.t("table.range", {
        first: i18n.formatNumber(first),
        last: i18n.formatNumber(last),
        total: i18n.formatNumber(options.total),
      })}
    </p>
    <button
      type="button"
      class="button secondary"
      data-testid=${`${prefix}-previous`}
      ?disabled=${options.page <= 1}
      @click=${() => options.onPage(options.page - 1)}
    >
      ${i18n.t("table.previous")}
    </button>
    <span>${i18n.t("table.page", { page: options.page, pages })}</span>
    <button
      type="button"
      class="button secondary"
      data-testid=${`${prefix}-next`}
      ?disabled=${options.page >= pages}
      @click=${() => options.onPage(options.page + 1)}
    >
      ${i18n.t("table.next")}
    </button>
  </nav>`;
}

/** Styles of `renderDataTable` and `renderPager`; add to the element's styles. */
export const dataTableStyles = css`
  .table-wrap {
    overflow-x: auto;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--sf-surface);
  }

  th,
  td {
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--sf-border-subtle);
    text-align: left;
    vertical-align: middle;
  }

  /* Links in cells are 44 px high targets, like the buttons. */
  td a:not(.button),
  th a:not(.button) {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: var(--sf-primary);
  }

  thead th {
    background: var(--sf-primary-surface);
    font-weight: 700;
  }

  tbody th {
    font-weight: 400;
  }

  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-top: 1rem;
  }

  .pager p {
    margin: 0 auto 0 0;
  }
`;
