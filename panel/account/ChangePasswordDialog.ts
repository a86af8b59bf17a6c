import { css, html } from "lit";
import { adminApi } from "../api/adminApi";
import { i18n } from "../i18n";
import { fieldInvalid, renderFieldError } from "../ui/fieldErrors";
import {
  renderNewPasswordFields,
  renderPasswordProblem,
  sendNewPassword,
} from "../ui/newPasswordFields";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * A modal dialog that changes the signed-in user's password: the current
 * one, then the new one twice.
 */
export class ChangePasswordDialog extends PanelElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    problem: { state: true },
    done: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      dialog {
        width: min(32rem, calc(100vw - 2rem));
        padding: 1.5rem;
        border: none;
        border-radius: 12px;
        color: var(--sf-text);
      }

      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
    `,
  ];

  declare busy: boolean;
  declare error: unknown;
  declare problem: string | undefined;
  declare done: boolean;

  constructor() {
    super();
    this.busy = false;
    this.error = undefined;
    this.problem = undefined;
    this.done = false;
  }

  show(): void {
    this.error = undefined;
    this.problem = undefined;
    this.done = false;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector("form")?.reset();
      this.renderRoot.querySelector("dialog")?.showModal();
      this.renderRoot.querySelector<HTMLInputElement>("#cp-current")?.focus();
    });
  }

  protected override render() {
    return html`<dialog
      aria-labelledby="cp-title"
      data-testid="change-password-dialog"
    >
      <h2 id="cp-title">${i18n.t("changePassword.title")}</h2>
      ${
        this.done
          ? html`<p
                class="success"
                role="status"
                data-testid="password-changed"
              >
                ${i18n.t("changePassword.done")}
              </p>
              <div class="actions">
                <button type="button" class="button" @click=${this.#close}>
                  ${i18n.t("common.close")}
                </button>
              </div>`
          : this.#renderForm()
      }
    </dialog>`;
  }

  #renderForm() {
    return html`<form novalidate @submit=${this.#submit}>
      <div class="field">
        <label for="cp-current">${i18n.t("changePassword.current")}</label>
        <input
          id="cp-current"
          class="text-input"
          type="password"
          autocomplete="current-password"
          data-testid="current-password"
          aria-describedby="cp-current-error"
          aria-invalid=${fieldInvalid(this.error, "body.currentPassword")}
        />
        ${renderFieldError(this.error, "body.currentPassword", "cp-current")}
      </div>
      ${renderNewPasswordFields(this.error, {
        id: "cp-new",
        confirmId: "cp-confirm",
        helpId: "cp-help",
        path: "body.newPassword",
        label: i18n.t("changePassword.new"),
        confirmLabel: i18n.t("changePassword.confirm"),
        testId: "new-password",
        confirmTestId: "new-password-confirm",
        required: false,
      })}
      ${renderPasswordProblem(this.problem, this.error, "change-password-error")}
      <div class="actions">
        <button
          type="submit"
          class="button"
          data-testid="change-password-submit"
          ?disabled=${this.busy}
        >
          ${i18n.t("changePassword.submit")}
        </button>
        <button type="button" class="button secondary" @click=${this.#close}>
          ${i18n.t("common.cancel")}
        </button>
      </div>
    </form>`;
  }

  #value(id: string): string {
    return (
      this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? ""
    );
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const newPassword = this.#value("cp-new");
    await sendNewPassword(this, newPassword, this.#value("cp-confirm"), () =>
      adminApi.put("/api/admin/password", {
        currentPassword: this.#value("cp-current"),
        newPassword,
      }),
    );
  };

  readonly #close = (): void => {
    this.renderRoot.querySelector("dialog")?.close();
    this.done = false;
  };
}

customElements.define("sf-change-password-dialog", ChangePasswordDialog);

declare global {
  interface HTMLElementTagNameMap {
    "sf-change-password-dialog": ChangePasswordDialog;
  }
}
