import { html, nothing } from "lit";
import {
  AdminRoleDeleteResponse,
  AdminRoleListResponse,
  type AdminRole,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { orgDirectory } from "../app/OrgDirectory";
import { navigate, routeHref, type PageRoute } from "../app/route";
import { i18n } from "../i18n";
import { confirmAction } from "../ui/ConfirmDialog";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import "./RoleForm";

/**
 * The Roles page: `#/roles` lists the roles with their level, permissions
 * and number of users; `#/roles/new` creates a custom role and
 * `#/roles/<id>` edits one. Deleting shows the hub's reason when it
 * refuses (a built-in role, a role still held by users).
 */
export class RolesPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    roles: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [sharedStyles, dataTableStyles];

  declare route: PageRoute | undefined;
  declare roles: readonly AdminRole[] | undefined;
  declare error: unknown;
  declare notice: string | undefined;

  constructor() {
    super();
    this.route = undefined;
    this.roles = undefined;
    this.error = undefined;
    this.notice = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override render() {
    const [first] = this.route?.segments ?? [];
    if (first !== undefined) {
      return this.#renderForm(first);
    }
    return html`<div class="page-head">
        <h1>${i18n.t("roles.title")}</h1>
        <a class="button" href="#/roles/new" data-testid="create-role"
          >${i18n.t("roles.create")}</a
        >
      </div>
      ${
        this.notice === undefined
          ? nothing
          : html`<p class="success" role="status" data-testid="roles-notice">
              ${this.notice}
            </p>`
      }
      ${renderErrorNotice(this.error, "roles-error")} ${this.#renderTable()}`;
  }

  #renderTable() {
    const roles = this.roles;
    if (roles === undefined) {
      return this.error === undefined
        ? html`<p role="status">${i18n.t("app.loading")}</p>`
        : nothing;
    }
    return renderDataTable<AdminRole>({
      caption: i18n.t("roles.title"),
      testId: "roles-table",
      rows: roles,
      rowTestId: (role) => `role-row-${role.id}`,
      empty: i18n.t("roles.none"),
      columns: [
        {
          header: i18n.t("roles.name"),
          rowHeader: true,
          cell: (role) =>
            html`<span data-testid="role-name-cell">${role.name}</span> ${
                role.builtIn
                  ? html`<span class="muted"
                      >(${i18n.t("roles.builtIn")})</span
                    >`
                  : nothing
              }`,
        },
        {
          header: i18n.t("roles.level"),
          cell: (role) => String(role.level),
        },
        {
          header: i18n.t("roles.permissions"),
          cell: (role) =>
            role.permissions.length === 0
              ? i18n.t("roles.noPermissions")
              : role.permissions
                  .map((permission) => i18n.t(`permission.${permission}`))
                  .join(", "),
        },
        {
          header: i18n.t("roles.users"),
          cell: (role) => i18n.formatNumber(role.userCount),
        },
        {
          header: i18n.t("roles.actions"),
          cell: (role) =>
            html`<div class="actions">
              <a
                class="button secondary"
                href=${routeHref("#/roles", [role.id])}
                data-testid=${`edit-role-${role.id}`}
                aria-label=${i18n.t("roles.editNamed", { name: role.name })}
                >${i18n.t("common.edit")}</a
              >
              <button
                type="button"
                class="button danger"
                data-testid=${`delete-role-${role.id}`}
                aria-label=${i18n.t("roles.deleteNamed", { name: role.name })}
                @click=${() => void this.#delete(role)}
              >
                ${i18n.t("common.delete")}
              </button>
            </div>`,
        },
      ],
    });
  }

  #renderForm(id: string) {
    const role =
      id === "new" ? undefined : this.roles?.find((item) => item.id === id);
    if (id !== "new" && role === undefined) {
      return this.roles === undefined
        ? html`<p role="status">${i18n.t("app.loading")}</p>`
        : html`<p class="error" role="alert">${i18n.t("roles.notFound")}</p>
            <a class="back" href="#/roles">${i18n.t("roles.backToList")}</a>`;
    }
    return html`<p>
        <a class="back" href="#/roles" data-testid="back-to-roles"
          >${i18n.t("roles.backToList")}</a
        >
      </p>
      <h1>${i18n.t("roles.title")}</h1>
      <div class="card">
        <sf-role-form
          .editedRole=${role}
          @role-saved=${this.#onSaved}
          @role-form-cancel=${() => navigate("#/roles")}
        ></sf-role-form>
      </div>`;
  }

  async #load(): Promise<void> {
    try {
      const { roles } = await adminApi.get(
        "/api/admin/roles",
        AdminRoleListResponse,
      );
      this.roles = [...roles].sort(
        (a, b) => a.level - b.level || a.name.localeCompare(b.name),
      );
    } catch (error) {
      this.error = error;
    }
  }

  readonly #onSaved = (event: CustomEvent<AdminRole>): void => {
    this.notice = i18n.t("roles.saved", { name: event.detail.name });
    this.error = undefined;
    void this.#load();
    void orgDirectory.load(true);
    navigate("#/roles");
  };

  async #delete(role: AdminRole): Promise<void> {
    const confirmed = await confirmAction({
      title: i18n.t("roles.deleteTitle", { name: role.name }),
      message: i18n.t("roles.deleteMessage", { name: role.name }),
      confirmLabel: i18n.t("common.delete"),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    this.notice = undefined;
    this.error = undefined;
    try {
      await adminApi.delete(
        `/api/admin/roles/${encodeURIComponent(role.id)}`,
        AdminRoleDeleteResponse,
      );
      this.notice = i18n.t("roles.deleted", { name: role.name });
      this.error = undefined;
      void orgDirectory.load(true);
    } catch (error) {
      this.error = error;
    }
    await this.#load();
  }
}

customElements.define("sf-roles-page", RolesPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-roles-page": RolesPage;
  }
}
