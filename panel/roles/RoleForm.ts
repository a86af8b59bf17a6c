import { html } from "lit";
import {
  AdminRole,
  MAX_ROLE_LEVEL,
  PERMISSIONS,
  type AdminRolePatchRequest,
  type Permission,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { fieldInvalid, renderFieldError } from "../ui/fieldErrors";
import { PanelForm } from "../ui/PanelForm";
import { renderTextField } from "../ui/textField";

/**
 * Creates a custom role, or edits `editedRole` when it is set: name, level and
 * permissions as checkboxes. A level at or above the signed-in user's, or a
 * permission their role lacks, is disabled, because a user cannot grant
 * more than their own role has. The hub checks the same. A built-in role keeps its level. Fires
 * `role-saved` with the saved role, or `role-form-cancel`.
 */
export class RoleForm extends PanelForm {
  static override properties = {
    editedRole: { attribute: false },
  };

  declare editedRole: AdminRole | undefined;

  constructor() {
    super();
    this.editedRole = undefined;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("#role-name")?.focus();
  }

  protected override render() {
    const role = this.editedRole;
    const actor = panelSession.user;
    const actorLevel = actor?.level ?? 1;
    const levels = Array.from(
      { length: MAX_ROLE_LEVEL },
      (_, index) => index + 1,
    );
    return html`<form
      novalidate
      aria-labelledby="role-form-title"
      data-testid="role-form"
      @submit=${this.#submit}
    >
      <h2 id="role-form-title">
        ${
          role === undefined
            ? i18n.t("roles.createTitle")
            : i18n.t("roles.editTitle", { name: role.name })
        }
      </h2>
      ${renderTextField(this.error, {
        id: "role-name",
        path: "name",
        label: i18n.t("roles.name"),
        value: role?.name ?? "",
        autocomplete: "off",
        help: i18n.t("roles.nameHelp"),
      })}
      <div class="field">
        <label for="role-level">${i18n.t("roles.level")}</label>
        <select
          id="role-level"
          name="level"
          data-testid="role-level"
          ?disabled=${role?.builtIn === true}
          aria-describedby="role-level-help role-level-error"
          aria-invalid=${fieldInvalid(this.error, "body.level")}
        >
          ${levels.map(
            (level) =>
              html`<option
                value=${level}
                ?selected=${(role?.level ?? 1) === level}
                ?disabled=${level >= actorLevel && role?.level !== level}
              >
                ${i18n.t(`roles.level.${level as 1 | 2 | 3 | 4}`)}
              </option>`,
          )}
        </select>
        <p id="role-level-help" class="help">
          ${
            role?.builtIn === true
              ? i18n.t("roles.levelBuiltIn")
              : i18n.t("roles.levelHelp")
          }
        </p>
        ${renderFieldError(this.error, "body.level", "role-level")}
      </div>
      <fieldset
        data-testid="role-permissions"
        aria-describedby="role-permissions-help role-permissions-error"
      >
        <legend>${i18n.t("roles.permissions")}</legend>
        <p id="role-permissions-help" class="help">
          ${i18n.t("roles.permissionsHelp")}
        </p>
        ${PERMISSIONS.map((permission) => {
          const held = actor?.permissions.includes(permission) ?? false;
          return html`<label class="check">
            <input
              type="checkbox"
              name="permissions"
              value=${permission}
              data-testid=${`role-permission-${permission}`}
              ?checked=${role?.permissions.includes(permission) ?? false}
              ?disabled=${!held}
              aria-describedby=${`permission-${permission}-help`}
            />
            <span>
              ${i18n.t(`permission.${permission}`)}
              <span id=${`permission-${permission}-help`} class="muted">
                (${permission})
              </span>
            </span>
          </label>`;
        })}
        ${renderFieldError(this.error, "body.permissions", "role-permissions")}
      </fieldset>
      ${this.renderFormEnd(
        "role",
        role === undefined
          ? i18n.t("roles.createSubmit")
          : i18n.t("common.save"),
      )}
    </form>`;
  }

  readonly #submit = (event: SubmitEvent): Promise<void> =>
    this.submitForm(event, "role-saved", (data) => {
      const name = data.get("name");
      const levelValue = data.get("level");
      const permissions = data
        .getAll("permissions")
        .filter((value): value is Permission =>
          (PERMISSIONS as readonly unknown[]).includes(value),
        );
      // A disabled checkbox is left out of FormData: keep what the role has
      // of the permissions the signed-in user cannot grant or take away.
      const kept =
        this.editedRole?.permissions.filter(
          (permission) =>
            !(panelSession.user?.permissions ?? []).includes(permission),
        ) ?? [];
      const body = {
        name: typeof name === "string" ? name : "",
        level:
          typeof levelValue === "string"
            ? Number(levelValue)
            : this.editedRole?.level,
        permissions: [...new Set([...permissions, ...kept])],
      };
      return this.editedRole === undefined
        ? adminApi.post("/api/admin/roles", body, AdminRole)
        : adminApi.patch(
            `/api/admin/roles/${encodeURIComponent(this.editedRole.id)}`,
            changes(this.editedRole, body),
            AdminRole,
          );
    });
}

/** Returns the fields of `values` that differ from `role`, or the name alone if none do. */
function changes(
  role: AdminRole,
  values: {
    readonly name: string;
    readonly level: number | undefined;
    readonly permissions: readonly Permission[];
  },
): AdminRolePatchRequest {
  const patch: {
    name?: string;
    level?: number;
    permissions?: Permission[];
  } = {};
  if (values.name.trim() !== role.name) {
    patch.name = values.name;
  }
  if (values.level !== undefined && values.level !== role.level) {
    patch.level = values.level;
  }
  const same =
    values.permissions.length === role.permissions.length &&
    values.permissions.every((permission) =>
      role.permissions.includes(permission),
    );
  if (!same) {
    patch.permissions = [...values.permissions];
  }
  // An empty patch is rejected by the hub; sending the name makes saving
  // an unchanged form a harmless no-op.
  return Object.keys(patch).length === 0 ? { name: role.name } : patch;
}

customElements.define("sf-role-form", RoleForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-role-form": RoleForm;
  }
}
