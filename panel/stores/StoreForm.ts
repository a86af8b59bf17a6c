import { html, nothing } from "lit";
import { AdminStore } from "../../protocol";
import { adminApi } from "../api/adminApi";
import { i18n } from "../i18n";
import { fieldInvalid, renderFieldError } from "../ui/fieldErrors";
import { PanelForm } from "../ui/PanelForm";
import { renderTextField } from "../ui/textField";

/** IANA time zones the browser supports, suggested in the time zone field. */
function knownTimeZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

/**
 * Creates a store (code, name, time zone), or renames one and changes its
 * time zone when `store` is set. The code never changes: the roster's
 * store column matches it. Fires `store-saved` or `store-form-cancel`.
 */
export class StoreForm extends PanelForm {
  static override properties = {
    store: { attribute: false },
  };

  declare store: AdminStore | undefined;

  constructor() {
    super();
    this.store = undefined;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("input")?.focus();
  }

  protected override render() {
    const store = this.store;
    return html`<form
      novalidate
      aria-labelledby="store-form-title"
      data-testid="store-form"
      @submit=${this.#submit}
    >
      <h2 id="store-form-title">
        ${
          store === undefined
            ? i18n.t("stores.createTitle")
            : i18n.t("stores.editTitle", { name: store.name })
        }
      </h2>
      ${
        store === undefined
          ? renderTextField(this.error, {
              id: "store-code",
              path: "code",
              label: i18n.t("stores.code"),
              value: "",
              autocomplete: "off",
              spellcheck: "false",
              help: i18n.t("stores.codeHelp"),
            })
          : nothing
      }
      ${renderTextField(this.error, {
        id: "store-name",
        path: "name",
        label: i18n.t("stores.name"),
        value: store?.name ?? "",
        autocomplete: "off",
      })}
      <div class="field">
        <label for="store-time-zone">${i18n.t("stores.timeZone")}</label>
        <input
          id="store-time-zone"
          name="timeZone"
          class="text-input"
          data-testid="store-time-zone"
          list="time-zones"
          autocomplete="off"
          spellcheck="false"
          .value=${
            store?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
          }
          aria-describedby="store-time-zone-help store-time-zone-error"
          aria-invalid=${fieldInvalid(this.error, "body.timeZone")}
        />
        <datalist id="time-zones">
          ${knownTimeZones().map((zone) => html`<option value=${zone}></option>`)}
        </datalist>
        <p id="store-time-zone-help" class="help">
          ${i18n.t("stores.timeZoneHelp")}
        </p>
        ${renderFieldError(this.error, "body.timeZone", "store-time-zone")}
      </div>
      ${this.renderFormEnd(
        "store",
        store === undefined
          ? i18n.t("stores.createSubmit")
          : i18n.t("common.save"),
      )}
    </form>`;
  }

  readonly #submit = (event: SubmitEvent): Promise<void> =>
    this.submitForm(event, "store-saved", async (data) => {
      const text = (name: string) => {
        const value = data.get(name);
        return typeof value === "string" ? value : "";
      };
      const store = this.store;
      if (store === undefined) {
        return adminApi.post(
          "/api/admin/stores",
          {
            code: text("code"),
            name: text("name"),
            timeZone: text("timeZone"),
          },
          AdminStore,
        );
      }
      const patch: { name?: string; timeZone?: string } = {};
      if (text("name").trim() !== store.name) {
        patch.name = text("name");
      }
      if (text("timeZone").trim() !== store.timeZone) {
        patch.timeZone = text("timeZone");
      }
      return Object.keys(patch).length === 0
        ? store
        : adminApi.patch(
            `/api/admin/stores/${encodeURIComponent(store.id)}`,
            patch,
            AdminStore,
          );
    });
}

customElements.define("sf-store-form", StoreForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-store-form": StoreForm;
  }
}
