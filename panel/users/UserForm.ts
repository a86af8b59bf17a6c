import { html, nothing } from "lit";
import type { z } from "zod";
import {
  AdminUserDetail,
  AdminUserCreateRequest,
  AdminUserPatchRequest,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { orgDirectory } from "../app/OrgDirectory";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { fieldInvalid, renderFieldError } from "../ui/fieldErrors";
import { PanelForm } from "../ui/PanelForm";
import { withProof } from "../ui/ProofDialog";
import { renderStoreChecks } from "../ui/storeChecks";
import { renderTextField } from "../ui/textField";
import { fullName } from "./userDisplay";

/** A PATCH body as sent, before the hub's parsing brands the ids. */
type PatchInput = z.input<typeof AdminUserPatchRequest>;

/** The form's values before they go to the hub. */
interface UserFormValues {
  readonly employeeNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly roleId: string;
  readonly storeIds: string[];
  readonly groupIds: string[];
  readonly orgWide: boolean;
}

/**
 * Creates a user, or edits one when `user` is set: names, contact, role,
 * stores and groups. Changing a user's role requests the password again as proof.
 * Fires `user-saved` with the saved `AdminUserDetail`, or `user-form-cancel`.
 */
export class UserForm extends PanelForm {
  static override properties = {
    user: { attribute: false },
  };

  declare user: AdminUserDetail | undefined;

  constructor() {
    super();
    this.user = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void orgDirectory.load().then(() => this.requestUpdate());
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("input")?.focus();
  }

  protected override render() {
    const user = this.user;
    const actor = panelSession.user;
    const editing = user !== undefined;
    const roles = orgDirectory.roles.filter(
      (role) =>
        actor === undefined ||
        role.level < actor.level ||
        role.id === user?.role.id,
    );
    // The hub accepts only stores inside the actor's scope, and groups
    // whose stores all are; what the user has already stays listed.
    const inScope = (storeId: string) =>
      actor === undefined ||
      actor.orgWide ||
      actor.storeIds.some((id) => id === storeId);
    const stores = orgDirectory.stores.filter(
      (store) =>
        inScope(store.id) || (user?.storeIds.includes(store.id) ?? false),
    );
    const groups = orgDirectory.groups.filter(
      (group) =>
        group.storeIds.every(inScope) ||
        (user?.groupIds.includes(group.id) ?? false),
    );
    return html`<form
      novalidate
      aria-labelledby="user-form-title"
      data-testid="user-form"
      @submit=${this.#submit}
    >
      <h2 id="user-form-title">
        ${
          editing
            ? i18n.t("users.editTitle", { name: fullName(user) })
            : i18n.t("users.createTitle")
        }
      </h2>
      ${
        editing
          ? nothing
          : renderTextField(this.error, {
              id: "user-employee-number",
              path: "employeeNumber",
              label: i18n.t("users.employeeNumber"),
              value: "",
              autocomplete: "off",
              help: i18n.t("users.employeeNumberHelp"),
            })
      }
      ${renderTextField(this.error, {
        id: "user-first-name",
        path: "firstName",
        label: i18n.t("users.firstName"),
        value: user?.firstName ?? "",
        autocomplete: "off",
      })}
      ${renderTextField(this.error, {
        id: "user-last-name",
        path: "lastName",
        label: i18n.t("users.lastName"),
        value: user?.lastName ?? "",
        autocomplete: "off",
      })}
      ${renderTextField(this.error, {
        id: "user-email",
        path: "email",
        label: i18n.t("users.email"),
        value: user?.email ?? "",
        type: "email",
        autocomplete: "off",
        help: i18n.t("users.emailHelp"),
      })}
      ${renderTextField(this.error, {
        id: "user-phone",
        path: "phone",
        label: i18n.t("users.phone"),
        value: user?.phone ?? "",
        type: "tel",
        autocomplete: "off",
        help: i18n.t("users.phoneHelp"),
      })}
      <div class="field">
        <label for="user-role">${i18n.t("users.role")}</label>
        <select
          id="user-role"
          name="roleId"
          data-testid="user-role"
          aria-describedby="user-role-help user-role-error"
          aria-invalid=${fieldInvalid(this.error, "body.roleId")}
        >
          ${roles.map(
            (role) =>
              html`<option
                value=${role.id}
                ?selected=${(user?.role.id ?? "employee") === role.id}
              >
                ${i18n.t("roles.nameWithLevel", {
                  name: role.name,
                  level: role.level,
                })}
              </option>`,
          )}
        </select>
        <p id="user-role-help" class="help">
          ${editing ? i18n.t("users.roleHelpEdit") : i18n.t("users.roleHelp")}
        </p>
        ${renderFieldError(this.error, "body.roleId", "user-role")}
      </div>
      ${renderStoreChecks(this.error, {
        prefix: "user",
        legend: i18n.t("users.stores"),
        stores,
        checkedIds: user?.storeIds ?? [],
      })}
      ${
        groups.length === 0
          ? nothing
          : html`<fieldset
              aria-describedby="user-groups-error"
              data-testid="user-groups"
            >
              <legend>${i18n.t("users.groups")}</legend>
              ${groups.map(
                (group) =>
                  html`<label class="check">
                    <input
                      type="checkbox"
                      name="groupIds"
                      value=${group.id}
                      data-testid=${`user-group-${group.id}`}
                      ?checked=${user?.groupIds.includes(group.id) ?? false}
                    />
                    ${group.name}
                  </label>`,
              )}
              ${renderFieldError(this.error, "body.groupIds", "user-groups")}
            </fieldset>`
      }
      ${
        actor?.orgWide === true
          ? html`<label class="check">
              <input
                type="checkbox"
                name="orgWide"
                data-testid="user-org-wide"
                ?checked=${user?.orgWide ?? false}
              />
              ${i18n.t("users.orgWideLabel")}
            </label>`
          : nothing
      }
      ${this.renderFormEnd("user", editing ? i18n.t("common.save") : i18n.t("users.createSubmit"))}
    </form>`;
  }

  #values(data: FormData): UserFormValues {
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    const optional = (name: string) => {
      const value = text(name).trim();
      return value === "" ? null : value;
    };
    const all = (name: string) =>
      data.getAll(name).filter((value) => typeof value === "string");
    return {
      employeeNumber: text("employeeNumber").trim(),
      firstName: text("firstName"),
      lastName: text("lastName"),
      email: optional("email"),
      phone: optional("phone"),
      roleId: text("roleId"),
      storeIds: all("storeIds"),
      groupIds: all("groupIds"),
      orgWide: data.get("orgWide") !== null,
    };
  }

  readonly #submit = (event: SubmitEvent): Promise<void> =>
    this.submitForm(event, "user-saved", (data) => {
      const values = this.#values(data);
      return this.user === undefined
        ? this.#create(values)
        : this.#update(this.user, values);
    });

  #create(values: UserFormValues): Promise<AdminUserDetail> {
    const body: z.input<typeof AdminUserCreateRequest> = {
      employeeNumber: values.employeeNumber,
      firstName: values.firstName,
      lastName: values.lastName,
      email: values.email,
      phone: values.phone,
      roleId: values.roleId,
      storeIds: values.storeIds,
      groupIds: values.groupIds,
      orgWide: values.orgWide,
    };
    return adminApi.post("/api/admin/users", body, AdminUserDetail);
  }

  /**
   * Sends the fields that changed; a new role goes with the password as
   * proof. Resolves to undefined when nothing changed or the proof was
   * cancelled.
   */
  async #update(
    user: AdminUserDetail,
    values: UserFormValues,
  ): Promise<AdminUserDetail | undefined> {
    const patch: { -readonly [Key in keyof PatchInput]?: PatchInput[Key] } = {};
    if (values.firstName.trim() !== user.firstName) {
      patch.firstName = values.firstName;
    }
    if (values.lastName.trim() !== user.lastName) {
      patch.lastName = values.lastName;
    }
    if (values.email !== user.email) {
      patch.email = values.email;
    }
    if (values.phone !== user.phone) {
      patch.phone = values.phone;
    }
    if (!sameIds(values.storeIds, user.storeIds)) {
      patch.storeIds = values.storeIds;
    }
    if (!sameIds(values.groupIds, user.groupIds)) {
      patch.groupIds = values.groupIds;
    }
    if (
      panelSession.user?.orgWide === true &&
      values.orgWide !== user.orgWide
    ) {
      patch.orgWide = values.orgWide;
    }
    const url = `/api/admin/users/${encodeURIComponent(user.id)}`;
    if (values.roleId !== user.role.id) {
      const role = orgDirectory.role(values.roleId);
      return withProof(
        {
          action: i18n.t("users.proofRole", {
            name: fullName(user),
            role: role?.name ?? values.roleId,
          }),
          confirmLabel: i18n.t("common.save"),
        },
        (proof) =>
          adminApi.patch(
            url,
            { ...patch, roleId: values.roleId, proof },
            AdminUserDetail,
          ),
      );
    }
    if (Object.keys(patch).length === 0) {
      this.notify("user-form-cancel");
      return undefined;
    }
    return adminApi.patch(url, patch, AdminUserDetail);
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

customElements.define("sf-user-form", UserForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-user-form": UserForm;
  }
}
