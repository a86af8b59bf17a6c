import { html } from "lit";
import { AdminGroup, type AdminStore } from "../../protocol";
import { adminApi } from "../api/adminApi";
import { i18n } from "../i18n";
import {
  fieldInvalid,
  renderErrorNotice,
  renderFieldError,
} from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * Creates a group of stores, or renames one and changes its stores when
 * `group` is set. Fires `group-saved` or `group-form-cancel`.
 */
export class GroupForm extends PanelElement {
  static override properties = {
    group: { attribute: false },
    stores: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles];

  declare group: AdminGroup | undefined;
  declare stores: readonly AdminStore[];
  declare busy: boolean;
  declare error: unknown;

  constructor() {
    super();
    this.group = undefined;
    this.stores = [];
    this.busy = false;
    this.error = undefined;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("#group-name")?.focus();
  }

  protected override render() {
    const group = this.group;
    return html`<form
      novalidate
      aria-labelledby="group-form-title"
      data-testid="group-form"
      @submit=${this.#submit}
    >
      <h2 id="group-form-title">
        ${
          group === undefined
            ? i18n.t("groups.createTitle")
            : i18n.t("groups.editTitle", { name: group.name })
        }
      </h2>
      <div class="field">
        <label for="group-name">${i18n.t("groups.name")}</label>
        <input
          id="group-name"
          name="name"
          class="text-input"
          data-testid="group-name"
          autocomplete="off"
          .value=${group?.name ?? ""}
          aria-describedby="group-name-error"
          aria-invalid=${fieldInvalid(this.error, "body.name")}
        />
        ${renderFieldError(this.error, "body.name", "group-name")}
      </div>
      <fieldset
        data-testid="group-stores"
        aria-describedby="group-stores-error"
      >
        <legend>${i18n.t("groups.stores")}</legend>
        ${this.stores.map(
          (store) =>
            html`<label class="check">
              <input
                type="checkbox"
                name="storeIds"
                value=${store.id}
                data-testid=${`group-store-${store.code}`}
                ?checked=${group?.storeIds.includes(store.id) ?? false}
              />
              ${store.name} (${store.code})
            </label>`,
        )}
        ${renderFieldError(this.error, "body.storeIds", "group-stores")}
      </fieldset>
      ${renderErrorNotice(this.error, "group-form-error")}
      <div class="actions">
        <button
          type="submit"
          class="button"
          data-testid="group-save"
          ?disabled=${this.busy}
        >
          ${
            group === undefined
              ? i18n.t("groups.createSubmit")
              : i18n.t("common.save")
          }
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="group-cancel"
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
    const nameValue = data.get("name");
    const name = typeof nameValue === "string" ? nameValue : "";
    const storeIds = data
      .getAll("storeIds")
      .filter((value) => typeof value === "string");
    const group = this.group;
    this.busy = true;
    try {
      const saved =
        group === undefined
          ? await adminApi.post(
              "/api/admin/groups",
              { name, storeIds },
              AdminGroup,
            )
          : await adminApi.patch(
              `/api/admin/groups/${encodeURIComponent(group.id)}`,
              { name, storeIds },
              AdminGroup,
            );
      this.error = undefined;
      this.dispatchEvent(
        new CustomEvent<AdminGroup>("group-saved", {
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
      new CustomEvent("group-form-cancel", { bubbles: true, composed: true }),
    );
  };
}

customElements.define("sf-group-form", GroupForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-group-form": GroupForm;
  }
}
