import { css, html, nothing } from "lit";
import {
  AdminSettingsPatchResponse,
  AdminSettingsResponse,
  OrgSettings,
  type OrgSettingsPatch,
} from "../../protocol";
import { AdminApiError, adminApi } from "../api/adminApi";
import type { PageRoute } from "../app/route";
import { i18n } from "../i18n";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import { SETTING_SECTIONS, type SettingField } from "./settingsFields";

type Draft = Record<string, string | boolean>;

/** Prefix of the hub's field paths for the settings in the request body. */
const SETTINGS_PATH = "body.settings.";

/**
 * Settings page for the organisation's PIN, lockout, tablet, delivery and
 * retention settings. The form checks the values with the same schema as
 * the hub before it sends them, and shows each problem at its field. Saving
 * requests the user's fresh proof and sends only the settings that changed.
 */
export class SettingsPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    settings: { state: true },
    draft: { state: true },
    localErrors: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      form {
        max-width: 40rem;
      }

      .text-input {
        max-width: 12rem;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  declare settings: OrgSettings | undefined;
  declare draft: Draft;
  /** Problems the form found before sending, by setting name. */
  declare localErrors: ReadonlyMap<string, string>;
  declare error: unknown;
  declare notice: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.settings = undefined;
    this.draft = {};
    this.localErrors = new Map();
    this.error = undefined;
    this.notice = undefined;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override render() {
    if (this.settings === undefined) {
      return html`<h1>${i18n.t("nav.settings")}</h1>
        ${
          this.error === undefined
            ? html`<p role="status">${i18n.t("app.loading")}</p>`
            : renderErrorNotice(this.error, "settings-error")
        }`;
    }
    return html`<h1>${i18n.t("nav.settings")}</h1>
      <p class="help">${i18n.t("settings.intro")}</p>
      <form novalidate data-testid="settings-form" @submit=${this.#save}>
        ${SETTING_SECTIONS.map(
          (section) =>
            html`<fieldset>
              <legend>${i18n.t(section.titleKey)}</legend>
              ${section.fields.map((field) => this.#renderField(field))}
            </fieldset>`,
        )}
        ${renderErrorNotice(this.error, "settings-error")}
        ${
          this.notice === undefined
            ? nothing
            : html`<p
                class="success"
                role="status"
                data-testid="settings-saved"
              >
                ${this.notice}
              </p>`
        }
        <div class="actions">
          <button
            type="submit"
            class="button"
            data-testid="settings-save"
            ?disabled=${this.busy}
          >
            ${i18n.t("common.save")}
          </button>
        </div>
      </form>`;
  }

  #renderField(field: SettingField) {
    const id = `setting-${field.name}`;
    const message = this.#fieldError(field.name);
    const invalid = message === undefined ? "false" : "true";
    const describedBy = `${id}-help ${id}-error`;
    const errorLine = html`<p
      id=${`${id}-error`}
      class="error field-error"
      data-testid=${`field-error-${field.name}`}
      ?hidden=${message === undefined}
    >
      ${message ?? nothing}
    </p>`;
    const help = html`<p id=${`${id}-help`} class="help">
      ${i18n.t(field.helpKey)}
    </p>`;

    if (field.kind === "boolean") {
      return html`<div class="field">
        <label class="check" for=${id}>
          <input
            id=${id}
            type="checkbox"
            data-testid=${id}
            aria-describedby=${describedBy}
            .checked=${this.draft[field.name] === true}
            @change=${(event: Event) =>
              this.#set(field.name, (event.target as HTMLInputElement).checked)}
          />
          ${i18n.t(field.labelKey)}
        </label>
        ${help} ${errorLine}
      </div>`;
    }
    if (field.kind === "choice") {
      return html`<div class="field">
        <label for=${id}>${i18n.t(field.labelKey)}</label>
        <select
          id=${id}
          data-testid=${id}
          aria-describedby=${describedBy}
          aria-invalid=${invalid}
          @change=${(event: Event) =>
            this.#set(field.name, (event.target as HTMLSelectElement).value)}
        >
          ${field.options.map(
            (option) =>
              html`<option
                value=${option.value}
                ?selected=${this.draft[field.name] === option.value}
              >
                ${i18n.t(option.labelKey)}
              </option>`,
          )}
        </select>
        ${help} ${errorLine}
      </div>`;
    }
    return html`<div class="field">
      <label for=${id}>${i18n.t(field.labelKey)}</label>
      <input
        id=${id}
        class="text-input"
        type="number"
        inputmode="numeric"
        step="1"
        data-testid=${id}
        aria-describedby=${describedBy}
        aria-invalid=${invalid}
        .value=${String(this.draft[field.name] ?? "")}
        @input=${(event: Event) =>
          this.#set(field.name, (event.target as HTMLInputElement).value)}
      />
      ${help} ${errorLine}
    </div>`;
  }

  #fieldError(name: string): string | undefined {
    const local = this.localErrors.get(name);
    if (local !== undefined) {
      return local;
    }
    return this.error instanceof AdminApiError
      ? this.error.fieldMessage(`${SETTINGS_PATH}${name}`)
      : undefined;
  }

  #set(name: string, value: string | boolean): void {
    this.draft = { ...this.draft, [name]: value };
    this.notice = undefined;
  }

  async #load(): Promise<void> {
    try {
      const { settings } = await adminApi.get(
        "/api/admin/settings",
        AdminSettingsResponse,
      );
      this.#show(settings);
    } catch (error) {
      this.error = error;
    }
  }

  #show(settings: OrgSettings): void {
    this.settings = settings;
    this.draft = Object.fromEntries(
      Object.entries(settings).map(([name, value]) => [
        name,
        typeof value === "number" ? String(value) : value,
      ]),
    );
  }

  readonly #save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const before = this.settings;
    if (before === undefined || this.busy) {
      return;
    }
    this.error = undefined;
    this.notice = undefined;

    const candidate = this.#candidate();
    const checked = OrgSettings.safeParse(candidate);
    if (!checked.success) {
      const errors = new Map<string, string>();
      for (const issue of checked.error.issues) {
        const name = String(issue.path[0] ?? "");
        if (!errors.has(name)) {
          errors.set(name, issue.message);
        }
      }
      this.localErrors = errors;
      this.#focusField([...errors.keys()][0]);
      return;
    }
    this.localErrors = new Map();

    const patch = changedSettings(before, checked.data);
    if (Object.keys(patch).length === 0) {
      this.notice = i18n.t("settings.unchanged");
      return;
    }

    this.busy = true;
    try {
      const result = await withProof(
        { action: i18n.t("settings.saveProof") },
        (proof) =>
          adminApi.patch(
            "/api/admin/settings",
            { settings: patch, proof },
            AdminSettingsPatchResponse,
          ),
      );
      if (result !== undefined) {
        this.#show(result.settings);
        this.notice = i18n.plural("settings.saved", result.changed.length);
      }
    } catch (error) {
      this.error = error;
      if (error instanceof AdminApiError) {
        this.#focusField(settingOfPath(error.fieldPaths[0]));
      }
    } finally {
      this.busy = false;
    }
  };

  /**
   * Returns the draft with numbers parsed as numbers. An empty or invalid
   * entry becomes NaN.
   */
  #candidate(): Record<string, unknown> {
    const candidate: Record<string, unknown> = {};
    for (const section of SETTING_SECTIONS) {
      for (const field of section.fields) {
        const value = this.draft[field.name];
        candidate[field.name] =
          field.kind === "number"
            ? String(value).trim() === ""
              ? Number.NaN
              : Number(value)
            : value;
      }
    }
    return { ...this.settings, ...candidate };
  }

  #focusField(name: string | undefined): void {
    if (name === undefined) {
      return;
    }
    void this.updateComplete.then(() => {
      this.renderRoot
        .querySelector<HTMLElement>(`#setting-${CSS.escape(name)}`)
        ?.focus();
    });
  }
}

/**
 * Extracts the setting name from a hub field path such as
 * `body.settings.pinMinLength`; undefined for any other path.
 */
function settingOfPath(path: string | undefined): string | undefined {
  return path?.startsWith(SETTINGS_PATH)
    ? path.slice(SETTINGS_PATH.length).split(".")[0]
    : undefined;
}

/** Returns the settings of `after` whose value differs from `before`. */
function changedSettings(
  before: OrgSettings,
  after: OrgSettings,
): OrgSettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const name of Object.keys(after) as (keyof OrgSettings)[]) {
    if (after[name] !== before[name]) {
      patch[name] = after[name];
    }
  }
  return patch as OrgSettingsPatch;
}

customElements.define("sf-settings-page", SettingsPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-settings-page": SettingsPage;
  }
}
