import { html, nothing } from "lit";
import { AdminStore } from "../../protocol";
import { adminApi } from "../api/adminApi";
import { i18n } from "../i18n";
import {
  fieldInvalid,
  renderErrorNotice,
  renderFieldError,
} from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";

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
export class StoreForm extends PanelElement {
  static override properties = {
    store: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles];

  declare store: AdminStore | undefined;
  declare busy: boolean;
  declare error: unknown;

  constructor() {
    super();
    this.store = undefined;
    this.busy = false;
    this.error = undefined;
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
          ? html`<div class="field">
              <label for="store-code">${i18n.t("stores.code")}</label>
              <input
                id="store-code"
                name="code"
                class="text-input"
                data-testid="store-code"
                autocomplete="off"
                spellcheck="false"
                aria-describedby="store-code-help store-code-error"
                aria-invalid=${fieldInvalid(this.error, "body.code")}
              />
              <p id="store-code-help" class="help">
                ${i18n.t("stores.codeHelp")}
              </p>
              ${renderFieldError(this.error, "body.code", "store-code")}
            </div>`
          : nothing
      }
      <div class="field">
        <label for="store-name">${i18n.t("stores.name")}</label>
        <input
          id="store-name"
          name="name"
          class="text-input"
          data-testid="store-name"
          autocomplete="off"
          .value=${store?.name ?? ""}
          aria-describedby="store-name-error"
          aria-invalid=${fieldInvalid(this.error, "body.name")}
        />
        ${renderFieldError(this.error, "body.name", "store-name")}
      </div>
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
      ${renderErrorNotice(this.error, "store-form-error")}
      <div class="actions">
        <button
          type="submit"
          class="button"
          data-testid="store-save"
          ?disabled=${this.busy}
        >
          ${
            store === undefined
              ? i18n.t("stores.createSubmit")
              : i18n.t("common.save")
          }
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="store-cancel"
          @click=${this.#cancel}
        >
          ${i18n.t("common.cancel")}
        </button>
      </div>
    </form>`;
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.renderRoot.querySelector("form");
    if (form === null || this.busy) {
      return;
    }
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    const store = this.store;
    this.busy = true;
    try {
      let saved: AdminStore;
      if (store === undefined) {
        saved = await adminApi.post(
          "/api/admin/stores",
          {
            code: text("code"),
            name: text("name"),
            timeZone: text("timeZone"),
          },
          AdminStore,
        );
      } else {
        const patch: { name?: string; timeZone?: string } = {};
        if (text("name").trim() !== store.name) {
          patch.name = text("name");
        }
        if (text("timeZone").trim() !== store.timeZone) {
          patch.timeZone = text("timeZone");
        }
        saved =
          Object.keys(patch).length === 0
            ? store
            : await adminApi.patch(
                `/api/admin/stores/${encodeURIComponent(store.id)}`,
                patch,
                AdminStore,
              );
      }
      this.error = undefined;
      this.dispatchEvent(
        new CustomEvent<AdminStore>("store-saved", {
          detail: saved,
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  };

  readonly #cancel = (): void => {
    this.dispatchEvent(
      new CustomEvent("store-form-cancel", { bubbles: true, composed: true }),
    );
  };
}

customElements.define("sf-store-form", StoreForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-store-form": StoreForm;
  }
}
