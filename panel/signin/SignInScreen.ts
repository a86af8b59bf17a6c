import { css, html, nothing } from "lit";
import { ADMIN_PASSWORD_MIN_LENGTH } from "../../protocol";
import type { SignedOutReason } from "../app/PanelSession";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { renderPasskeyError } from "../passkeys/passkeyErrors";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import { signInWithPasskey } from "./signInWithPasskey";

/**
 * The control panel's sign-in with employee number and password, or with a
 * passkey and nothing typed. The hint states that a tablet PIN never opens
 * the panel. After a session ended, the screen gives the reason.
 */
export class SignInScreen extends PanelElement {
  static override properties = {
    reason: { attribute: false },
    busy: { state: true },
    error: { state: true },
    missing: { state: true },
    passkeyError: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .passkey {
        margin-top: 1.5rem;
        padding-top: 1rem;
        border-top: 2px solid var(--sf-border);
      }

      .passkey h2 {
        font-size: 1.125rem;
        margin: 0 0 0.5rem;
      }
    `,
  ];

  declare reason: SignedOutReason;
  declare busy: boolean;
  declare error: unknown;
  declare missing: boolean;
  declare passkeyError: unknown;

  constructor() {
    super();
    this.reason = "none";
    this.busy = false;
    this.error = undefined;
    this.missing = false;
    this.passkeyError = undefined;
  }

  protected override firstUpdated(): void {
    this.renderRoot
      .querySelector<HTMLInputElement>("#employee-number")
      ?.focus();
  }

  protected override render() {
    return html`<form
      class="card"
      novalidate
      aria-labelledby="sign-in-title"
      data-testid="sign-in-form"
      @submit=${this.#submit}
    >
      <h1 id="sign-in-title">${i18n.t("signIn.title")}</h1>
      ${this.#renderReason()}
      <div class="field">
        <label for="employee-number">${i18n.t("signIn.employeeNumber")}</label>
        <input
          id="employee-number"
          class="text-input"
          data-testid="sign-in-employee-number"
          autocomplete="username"
          autocapitalize="characters"
          spellcheck="false"
          required
        />
      </div>
      <div class="field">
        <label for="password">${i18n.t("signIn.password")}</label>
        <input
          id="password"
          class="text-input"
          type="password"
          data-testid="sign-in-password"
          autocomplete="current-password"
          aria-describedby="password-help"
          required
        />
        <p id="password-help" class="help">
          ${i18n.t("signIn.passwordHelp", { min: ADMIN_PASSWORD_MIN_LENGTH })}
        </p>
      </div>
      ${
        this.missing
          ? html`<p class="error" role="alert" data-testid="sign-in-error">
              ${i18n.t("signIn.missing")}
            </p>`
          : renderErrorNotice(this.error, "sign-in-error")
      }
      <div class="actions">
        <button
          type="submit"
          class="button"
          data-testid="sign-in-submit"
          ?disabled=${this.busy}
        >
          ${i18n.t("signIn.submit")}
        </button>
        <a
          class="link-button"
          href="#/set-password"
          data-testid="to-set-password"
          >${i18n.t("signIn.setPasswordLink")}</a
        >
      </div>
      <div class="passkey" role="group" aria-labelledby="passkey-title">
        <h2 id="passkey-title">${i18n.t("signIn.passkeyTitle")}</h2>
        <p id="passkey-help" class="help">${i18n.t("signIn.passkeyHelp")}</p>
        ${renderPasskeyError(
          this.passkeyError,
          "sign-in-passkey-error",
          "sign-in",
        )}
        <button
          type="button"
          class="button secondary"
          data-testid="sign-in-passkey"
          aria-describedby="passkey-help"
          ?disabled=${this.busy}
          @click=${this.#signInWithPasskey}
        >
          ${i18n.t("signIn.passkeySubmit")}
        </button>
      </div>
    </form>`;
  }

  #renderReason() {
    switch (this.reason) {
      case "expired":
        return html`<p
          class="warning"
          role="status"
          data-testid="session-expired"
        >
          ${i18n.t("signIn.expired")}
        </p>`;
      case "signed-out":
        return html`<p class="notice" role="status" data-testid="signed-out">
          ${i18n.t("signIn.signedOut")}
        </p>`;
      case "none":
        return nothing;
    }
  }

  readonly #signInWithPasskey = async (): Promise<void> => {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    this.missing = false;
    this.passkeyError = undefined;
    try {
      await signInWithPasskey();
    } catch (error) {
      this.passkeyError = error;
    } finally {
      this.busy = false;
    }
  };

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const employeeInput =
      this.renderRoot.querySelector<HTMLInputElement>("#employee-number");
    const passwordInput =
      this.renderRoot.querySelector<HTMLInputElement>("#password");
    const employeeNumber = employeeInput?.value.trim() ?? "";
    const password = passwordInput?.value ?? "";
    if (employeeNumber === "" || password === "") {
      this.missing = true;
      this.error = undefined;
      (employeeNumber === "" ? employeeInput : passwordInput)?.focus();
      return;
    }
    this.missing = false;
    this.passkeyError = undefined;
    this.busy = true;
    try {
      await panelSession.signIn({ employeeNumber, password });
      this.error = undefined;
    } catch (error) {
      this.error = error;
      if (passwordInput !== null) {
        passwordInput.value = "";
        passwordInput.focus();
      }
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("sf-panel-sign-in", SignInScreen);

declare global {
  interface HTMLElementTagNameMap {
    "sf-panel-sign-in": SignInScreen;
  }
}
