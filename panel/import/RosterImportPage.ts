import { css, html, nothing } from "lit";
import {
  ROSTER_CSV_MAX_CHARACTERS,
  RosterImportApplyResponse,
  RosterImportPreviewResponse,
  type RosterFieldChange,
  type RosterImportApplyRequest,
  type RosterImportPreviewRequest,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { orgDirectory } from "../app/OrgDirectory";
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

/** The chosen file, read in the browser. */
interface ChosenFile {
  readonly name: string;
  readonly csv: string;
}

/**
 * The roster import page: choose the HR system's CSV file, preview what it
 * would change (every bad row with its line number and reason, then the
 * users to create, change and deactivate), and apply exactly that plan.
 * The hub rejects the apply when its plan no longer matches the preview's
 * fingerprint, and applies nothing while the file has bad rows.
 */
export class RosterImportPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    file: { state: true },
    deactivateMissing: { state: true },
    preview: { state: true },
    result: { state: true },
    error: { state: true },
    busy: { state: true },
    stores: { state: true },
    fileProblem: { state: true },
  };

  static override styles = [
    sharedStyles,
    dataTableStyles,
    css`
      section {
        margin-top: 1.5rem;
      }

      section h3 {
        margin-top: 2rem;
      }

      input[type="file"] {
        min-height: 44px;
      }

      input[type="file"]::file-selector-button {
        min-height: 44px;
        margin-right: 0.75rem;
        padding: 0.5rem 1rem;
        font: inherit;
        cursor: pointer;
      }

      ul.changes {
        margin: 0;
        padding-left: 1.25rem;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  declare file: ChosenFile | undefined;
  declare deactivateMissing: boolean;
  declare preview: RosterImportPreviewResponse | undefined;
  declare result: RosterImportApplyResponse | undefined;
  declare error: unknown;
  declare busy: boolean;
  declare stores: readonly StoreChoice[];
  /** The browser's reason for not sending the chosen file. */
  declare fileProblem: string | undefined;

  constructor() {
    super();
    this.file = undefined;
    this.deactivateMissing = false;
    this.preview = undefined;
    this.result = undefined;
    this.error = undefined;
    this.busy = false;
    this.stores = [];
    this.fileProblem = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadStoreChoices(panelSession.user).then((stores) => {
      this.stores = stores;
    });
    // Role names for the plan; without them the plan shows role ids.
    void orgDirectory.load().then(() => this.requestUpdate());
  }

  protected override render() {
    return html`<h1>${i18n.t("nav.import")}</h1>
      <p class="help">${i18n.t("import.intro")}</p>
      <form
        class="card"
        novalidate
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          void this.#preview();
        }}
      >
        <div class="field">
          <label for="import-file">${i18n.t("import.file")}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="import-file"
            data-file-name=${this.file?.name ?? ""}
            aria-describedby="import-file-help"
            @change=${this.#chooseFile}
          />
          <p id="import-file-help" class="help">${i18n.t("import.fileHelp")}</p>
          ${
            this.fileProblem === undefined
              ? nothing
              : html`<p
                  class="error"
                  role="alert"
                  data-testid="import-file-error"
                >
                  ${this.fileProblem}
                </p>`
          }
        </div>
        <label class="check" for="import-deactivate">
          <input
            id="import-deactivate"
            type="checkbox"
            data-testid="import-deactivate-missing"
            .checked=${this.deactivateMissing}
            @change=${(event: Event) => {
              this.deactivateMissing = (
                event.target as HTMLInputElement
              ).checked;
              this.preview = undefined;
            }}
          />
          ${i18n.t("import.deactivateMissing")}
        </label>
        <div class="actions">
          <button
            type="submit"
            class="button"
            data-testid="import-preview"
            ?disabled=${this.file === undefined || this.busy}
          >
            ${i18n.t("import.preview")}
          </button>
        </div>
      </form>
      ${renderErrorNotice(this.error, "import-error")} ${this.#renderResult()}
      ${this.#renderPreview()}`;
  }

  #renderPreview() {
    const preview = this.preview;
    if (preview === undefined) {
      return nothing;
    }
    const { plan } = preview;
    const blocked = !preview.canApply || preview.errors.length > 0;
    return html`<section
      aria-labelledby="preview-title"
      data-testid="import-preview-result"
      data-can-apply=${blocked ? "false" : "true"}
    >
      <h2 id="preview-title">${i18n.t("import.previewTitle")}</h2>
      <p data-testid="import-summary">
        ${this.#describeRows(preview)}
        ${i18n.t("import.planSummary", {
          create: plan.create.length,
          update: plan.update.length,
          deactivate: plan.deactivate.length,
          unchanged: plan.unchanged,
        })}
      </p>
      ${
        preview.errors.length === 0
          ? nothing
          : html`<div class="error" role="alert" data-testid="import-bad-rows">
                <p>${i18n.plural("import.badRows", preview.badRowCount)}</p>
              </div>
              ${renderDataTable({
                caption: i18n.t("import.errorsCaption"),
                rows: preview.errors,
                testId: "import-errors",
                rowTestId: (error) => `import-error-line-${error.line}`,
                empty: "",
                columns: [
                  {
                    header: i18n.t("import.line"),
                    rowHeader: true,
                    cell: (error) =>
                      html`<span data-testid="import-error-line"
                        >${error.line}</span
                      >`,
                  },
                  {
                    header: i18n.t("import.employeeNumber"),
                    cell: (error) => error.employeeNumber ?? "—",
                  },
                  {
                    header: i18n.t("import.column"),
                    cell: (error) =>
                      html`<span data-testid="import-error-column"
                        >${error.column ?? error.field ?? "—"}</span
                      >`,
                  },
                  {
                    header: i18n.t("import.reason"),
                    cell: (error) =>
                      html`<span data-testid="import-error-message"
                        >${error.message}</span
                      >`,
                  },
                ],
              })}`
      }
      ${this.#renderPlan(preview)}
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="import-apply"
          ?disabled=${blocked || this.busy}
          aria-describedby="apply-help"
          @click=${() => void this.#apply()}
        >
          ${i18n.t("import.apply")}
        </button>
      </div>
      <p id="apply-help" class="help">
        ${blocked ? i18n.t("import.applyBlocked") : i18n.t("import.applyHelp")}
      </p>
    </section>`;
  }

  /** Counts rows read, ready and with problems, and problems when any. */
  #describeRows(preview: RosterImportPreviewResponse): string {
    const rows = i18n.plural("import.rowsRead", preview.rowCount, {
      ready: preview.readyRowCount,
      bad: preview.badRowCount,
    });
    if (preview.errors.length === 0) {
      return i18n.t("import.rowsReadClean", { rows });
    }
    return i18n.t("import.rowsReadWithProblems", {
      rows,
      problems: i18n.plural("import.problems", preview.errors.length),
    });
  }

  #renderPlan(preview: RosterImportPreviewResponse) {
    const { plan } = preview;
    return html`<h3>${i18n.t("import.create")}</h3>
      ${renderDataTable({
        caption: i18n.t("import.create"),
        rows: plan.create,
        testId: "import-plan-create",
        rowTestId: (row) => `import-create-${row.employeeNumber}`,
        empty: i18n.t("import.none"),
        columns: [
          {
            header: i18n.t("import.employeeNumber"),
            rowHeader: true,
            cell: (row) => row.employeeNumber,
          },
          {
            header: i18n.t("import.name"),
            cell: (row) => `${row.firstName} ${row.lastName}`,
          },
          {
            header: i18n.t("import.contact"),
            cell: (row) =>
              [row.email, row.phone]
                .filter((value) => value !== null)
                .join(", ") || "—",
          },
          {
            header: i18n.t("alerts.stores"),
            cell: (row) => this.#stores(row.storeIds),
          },
          {
            header: i18n.t("import.role"),
            cell: (row) => this.#roleName(row.roleId),
          },
          { header: i18n.t("import.line"), cell: (row) => String(row.line) },
        ],
      })}
      <h3>${i18n.t("import.update")}</h3>
      ${renderDataTable({
        caption: i18n.t("import.update"),
        rows: plan.update,
        testId: "import-plan-update",
        rowTestId: (row) => `import-update-${row.employeeNumber}`,
        empty: i18n.t("import.none"),
        columns: [
          {
            header: i18n.t("import.employeeNumber"),
            rowHeader: true,
            cell: (row) => row.employeeNumber,
          },
          { header: i18n.t("import.name"), cell: (row) => row.name },
          {
            header: i18n.t("import.changes"),
            cell: (row) =>
              html`<ul class="changes">
                ${row.changes.map(
                  (change) =>
                    html`<li data-field=${change.field}>
                      ${i18n.t("import.change", {
                        field: change.field,
                        from: this.#value(change, change.from),
                        to: this.#value(change, change.to),
                      })}
                    </li>`,
                )}
              </ul>`,
          },
          { header: i18n.t("import.line"), cell: (row) => String(row.line) },
        ],
      })}
      <h3>${i18n.t("import.deactivate")}</h3>
      ${renderDataTable({
        caption: i18n.t("import.deactivate"),
        rows: plan.deactivate,
        testId: "import-plan-deactivate",
        rowTestId: (row) => `import-deactivate-${row.employeeNumber}`,
        empty: this.deactivateMissing
          ? i18n.t("import.none")
          : i18n.t("import.deactivateOff"),
        columns: [
          {
            header: i18n.t("import.employeeNumber"),
            rowHeader: true,
            cell: (row) => row.employeeNumber,
          },
          { header: i18n.t("import.name"), cell: (row) => row.name },
        ],
      })}`;
  }

  #renderResult() {
    const result = this.result;
    if (result === undefined) {
      return nothing;
    }
    const inPerson = result.created.filter(
      (created) => created.temporaryPin !== undefined,
    );
    return html`<section
      class="success"
      role="status"
      aria-labelledby="result-title"
      data-testid="import-result"
    >
      <h2 id="result-title">${i18n.t("import.resultTitle")}</h2>
      <p data-testid="import-result-summary">
        ${i18n.t("import.result", {
          created: result.created.length,
          updated: result.updated,
          deactivated: result.deactivated,
          unchanged: result.unchanged,
        })}
      </p>
      ${
        inPerson.length === 0
          ? nothing
          : html`<p>${i18n.t("import.inPerson")}</p>
              <ul data-testid="import-in-person">
                ${inPerson.map(
                  (created) =>
                    html`<li>
                      ${created.name} (${created.employeeNumber}):
                      <code>${created.temporaryPin}</code>
                    </li>`,
                )}
              </ul>`
      }
    </section>`;
  }

  #stores(ids: readonly string[]): string {
    return ids.map((id) => storeLabel(this.stores, id)).join(", ");
  }

  #roleName(roleId: string): string {
    return orgDirectory.role(roleId)?.name ?? roleId;
  }

  #value(change: RosterFieldChange, value: RosterFieldChange["from"]): string {
    if (value === null) {
      return "—";
    }
    if (change.field === "roleId" && typeof value === "string") {
      return this.#roleName(value);
    }
    if (Array.isArray(value)) {
      return change.field === "storeIds"
        ? this.#stores(value)
        : value.join(", ");
    }
    return value;
  }

  readonly #chooseFile = async (event: Event): Promise<void> => {
    const input = event.target as HTMLInputElement;
    const chosen = input.files?.[0];
    this.preview = undefined;
    this.result = undefined;
    this.error = undefined;
    this.fileProblem = undefined;
    if (chosen === undefined) {
      this.file = undefined;
      return;
    }
    // Blob.text() decodes UTF-8, the encoding Excel's "CSV UTF-8" writes.
    const csv = await chosen.text();
    if (csv.length > ROSTER_CSV_MAX_CHARACTERS) {
      this.file = undefined;
      this.fileProblem = i18n.t("import.tooLarge");
      return;
    }
    this.file = { name: chosen.name, csv };
  };

  async #preview(): Promise<void> {
    const file = this.file;
    if (file === undefined || this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    this.result = undefined;
    this.preview = undefined;
    const body: RosterImportPreviewRequest = {
      csv: file.csv,
      deactivateMissing: this.deactivateMissing,
    };
    try {
      this.preview = await adminApi.post(
        "/api/admin/roster-imports/preview",
        body,
        RosterImportPreviewResponse,
      );
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  async #apply(): Promise<void> {
    const { file, preview } = this;
    if (file === undefined || preview === undefined || !preview.canApply) {
      return;
    }
    this.error = undefined;
    this.busy = true;
    try {
      const result = await withProof(
        {
          action: i18n.t("import.applyProof", {
            create: preview.plan.create.length,
            update: preview.plan.update.length,
            deactivate: preview.plan.deactivate.length,
          }),
          confirmLabel: i18n.t("import.apply"),
        },
        (proof) => {
          const body: RosterImportApplyRequest = {
            csv: file.csv,
            deactivateMissing: this.deactivateMissing,
            fingerprint: preview.fingerprint,
            proof,
          };
          return adminApi.post(
            "/api/admin/roster-imports/apply",
            body,
            RosterImportApplyResponse,
          );
        },
      );
      if (result !== undefined) {
        this.result = result;
        this.preview = undefined;
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

customElements.define("sf-roster-import-page", RosterImportPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-roster-import-page": RosterImportPage;
  }
}
