import { html } from "lit";
import { AdminGroup, type AdminStore } from "../../protocol";
import { adminApi } from "../api/adminApi";
import { i18n } from "../i18n";
import { PanelForm } from "../ui/PanelForm";
import { renderStoreChecks } from "../ui/storeChecks";
import { renderTextField } from "../ui/textField";

/**
 * Creates a group of stores, or renames one and changes its stores when
 * `group` is set. Fires `group-saved` or `group-form-cancel`.
 */
export class GroupForm extends PanelForm {
  static override properties = {
    group: { attribute: false },
    stores: { attribute: false },
  };

  declare group: AdminGroup | undefined;
  declare stores: readonly AdminStore[];

  constructor() {
    super();
    this.group = undefined;
    this.stores = [];
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
      ${renderTextField(this.error, {
        id: "group-name",
        path: "name",
        label: i18n.t("groups.name"),
        value: group?.name ?? "",
        autocomplete: "off",
      })}
      ${renderStoreChecks(this.error, {
        prefix: "group",
        legend: i18n.t("groups.stores"),
        stores: this.stores,
        checkedIds: group?.storeIds ?? [],
      })}
      ${this.renderFormEnd(
        "group",
        group === undefined
          ? i18n.t("groups.createSubmit")
          : i18n.t("common.save"),
      )}
    </form>`;
  }

  readonly #submit = (event: SubmitEvent): Promise<void> =>
    this.submitForm(event, "group-saved", (data) => {
      const nameValue = data.get("name");
      const name = typeof nameValue === "string" ? nameValue : "";
      const storeIds = data
        .getAll("storeIds")
        .filter((value) => typeof value === "string");
      const group = this.group;
      return group === undefined
        ? adminApi.post("/api/admin/groups", { name, storeIds }, AdminGroup)
        : adminApi.patch(
            `/api/admin/groups/${encodeURIComponent(group.id)}`,
            { name, storeIds },
            AdminGroup,
          );
    });
}

customElements.define("sf-group-form", GroupForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-group-form": GroupForm;
  }
}
