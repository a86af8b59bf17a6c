import { html } from "lit";
import { adminApi } from "../api/adminApi";
import type { PageRoute } from "../app/route";
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
 * Sets a control panel password with a one-time code, from the e-mailed
 * link `#/set-password?employee=…&code=…` (which fills both fields) or a
 * code an administrator passed on.
 */
export class SetPasswordScreen extends PanelElement {
  static override properties = {
    route: { attribute: false },
    busy: { state: true },
    error: { state: true },
    problem: { state: true },
    done: { state: true },
  };

  static override styles = [sharedStyles];

  declare route: PageRoute | undefined;
  declare busy: boolean;
  declare error: unknown;
  declare problem: string | undefined;
  declare done: boolean;

  constructor() {
    super();
    this.route = undefined;
    this.busy = false;
    this.error = undefined;
    this.problem = undefined;
    this.done = false;
  }

  protected override render() {
    if (this.done) {
      return html`<section
        class="card"
        role="status"
        data-testid="password-set"
      >
        <h1>${i18n.t("setPassword.title")}</h1>
        <p class="success">${i18n.t("setPassword.done")}</p>
        <a class="button" href="#/" data-testid="to-sign-in"
          >${i18n.t("setPassword.toSignIn")}</a
        >
      </section>`;
    }
    const query = this.route?.query;
    return html`<form
      class="card"
      novalidate
      aria-labelledby="set-password-title"
      data-testid="set-password-form"
      @submit=${this.#submit}
    >
      <h1 id="set-password-title">${i18n.t("setPassword.title")}</h1>
      <p>${i18n.t("setPassword.intro")}</p>
      <div class="field">
        <label for="sp-employee">${i18n.t("setPassword.employeeNumber")}</label>
        <input
          id="sp-employee"
          class="text-input"
          data-testid="set-password-employee-number"
          autocomplete="username"
          spellcheck="false"
          .value=${query?.get("employee") ?? ""}
          aria-describedby="sp-employee-error"
          aria-invalid=${fieldInvalid(this.error, "body.employeeNumber")}
          required
        />
        ${renderFieldError(this.error, "body.employeeNumber", "sp-employee")}
      </div>
      <div class="field">
        <label for="sp-code">${i18n.t("setPassword.code")}</label>
        <input
          id="sp-code"
          class="text-input"
          data-testid="set-password-code"
          autocomplete="one-time-code"
          spellcheck="false"
          .value=${query?.get("code") ?? ""}
          aria-describedby="sp-code-error"
          aria-invalid=${fieldInvalid(this.error, "body.code")}
          required
        />
        ${renderFieldError(this.error, "body.code", "sp-code")}
      </div>
      ${renderNewPasswordFields(this.error, {
        id: "sp-password",
        confirmId: "sp-confirm",
        helpId: "sp-help",
        path: "body.password",
        label: i18n.t("setPassword.password"),
        confirmLabel: i18n.t("setPassword.confirm"),
        testId: "set-password-password",
        confirmTestId: "set-password-confirm",
        required: true,
      })}
      ${renderPasswordProblem(this.problem, this.error, "set-password-error")}
      <div class="actions">
        <button
          type="submit"
          class="button"
          data-testid="set-password-submit"
          ?disabled=${this.busy}
        >
          ${i18n.t("setPassword.submit")}
        </button>
        <a class="link-button" href="#/">${i18n.t("setPassword.toSignIn")}</a>
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
    const password = this.#value("sp-password");
    await sendNewPassword(this, password, this.#value("sp-confirm"), () =>
      adminApi.post("/api/admin/password", {
        employeeNumber: this.#value("sp-employee").trim(),
        code: this.#value("sp-code").trim(),
        password,
      }),
    );
  };
}

customElements.define("sf-set-password-screen", SetPasswordScreen);

declare global {
  interface HTMLElementTagNameMap {
    "sf-set-password-screen": SetPasswordScreen;
  }
}
