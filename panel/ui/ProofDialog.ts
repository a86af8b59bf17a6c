import { css, html, nothing } from "lit";
import type { AdminProof } from "../../protocol";
import { AdminApiError } from "../api/adminApi";
import { i18n } from "../i18n";
import { provePasskey, signedInUserHasPasskey } from "../passkeys/ownPasskeys";
import {
  describePasskeyError,
  passkeyErrorCode,
} from "../passkeys/passkeyErrors";
import { PasskeyPromptError } from "../passkeys/PasskeyPromptError";
import { deepActiveElement } from "./deepActiveElement";
import { PanelElement } from "./PanelElement";
import { sharedStyles } from "./sharedStyles";

/** The action the proof dialog guards, as it describes it to the user. */
export interface ProofRequest {
  /** The action, such as "Reset the PIN of Ana Ruiz". */
  readonly action: string;
  /** Label of the confirming button; "Confirm" by default. */
  readonly confirmLabel?: string;
  /** data-testid of the confirming button; `proof-submit` by default. */
  readonly submitTestId?: string;
}

/**
 * Proof method the dialog requests; undefined while it checks for passkeys.
 */
type ProofMethod = "password" | "passkey";

/**
 * Errors after which the dialog stays open for another try: a wrong
 * password, or a passkey assertion the hub rejected.
 */
const RETRY_CODES: ReadonlySet<string> = new Set([
  "ADMIN_PROOF_FAILED",
  "PASSKEY_VERIFICATION_FAILED",
  "PASSKEY_CHALLENGE_INVALID",
]);

/**
 * `<proof-dialog>`: a modal dialog that requests fresh proof from the
 * signed-in user before a sensitive action. A user with a passkey must use
 * it, because the hub then accepts nothing else. Any other user enters
 * their password again. `ask` resolves to the proof, or undefined when cancelled. `run`
 * keeps the dialog open while the action runs. After a wrong password
 * (ADMIN_PROOF_FAILED), a closed passkey prompt or a rejected passkey the
 * user tries again, and any other error closes it and rejects.
 */
export class ProofDialog extends PanelElement {
  static override properties = {
    request: { state: true },
    busy: { state: true },
    error: { state: true },
    method: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      dialog {
        width: min(30rem, calc(100vw - 2rem));
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

  declare request: ProofRequest | undefined;
  declare busy: boolean;
  declare error: unknown;
  declare method: ProofMethod | undefined;

  /**
   * Runs the action with the proof that `prove` gives, or settles as
   * cancelled without `prove`. Resolves to false when the dialog stays open
   * for another try.
   */
  #settle:
    | ((prove: (() => Promise<AdminProof>) | undefined) => Promise<boolean>)
    | undefined;
  /** Counts the dialog's openings, so a late passkey check is ignored. */
  #opening = 0;
  /** The element focused before the dialog opened; focus returns to it. */
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    this.request = undefined;
    this.busy = false;
    this.error = undefined;
    this.method = undefined;
  }

  /**
   * Asks for the passkey or password. Resolves to the proof, or undefined on
   * cancel.
   */
  ask(request: ProofRequest): Promise<AdminProof | undefined> {
    return this.run(request, async (proof) => proof);
  }

  /**
   * Asks for the passkey or password and runs `action` with the proof.
   * Resolves to the action's result, or undefined when cancelled.
   */
  run<Result>(
    request: ProofRequest,
    action: (proof: AdminProof) => Promise<Result>,
  ): Promise<Result | undefined> {
    this.#settle?.(undefined);
    this.#opener = deepActiveElement();
    this.#opening += 1;
    const opening = this.#opening;
    return new Promise<Result | undefined>((resolve, reject) => {
      this.request = request;
      this.error = undefined;
      this.busy = false;
      this.method = undefined;
      this.#settle = async (prove) => {
        if (prove === undefined) {
          resolve(undefined);
          return true;
        }
        try {
          resolve(await action(await prove()));
          return true;
        } catch (error) {
          if (this.#canRetry(error)) {
            this.error = error;
            return false;
          }
          reject(error);
          return true;
        }
      };
      void this.updateComplete.then(() => {
        const dialog = this.#dialog();
        if (dialog !== null && !dialog.open) {
          dialog.showModal();
        }
      });
      void signedInUserHasPasskey().then((hasPasskey) => {
        if (opening === this.#opening && this.request !== undefined) {
          this.#useMethod(hasPasskey ? "passkey" : "password");
        }
      });
    });
  }

  /**
   * Returns whether the dialog stays open after `error`. When the hub
   * demands a passkey that the panel did not know of, the dialog switches
   * to it.
   */
  #canRetry(error: unknown): boolean {
    if (error instanceof PasskeyPromptError) {
      return true;
    }
    if (!(error instanceof AdminApiError)) {
      return false;
    }
    if (error.code === "PASSKEY_PROOF_REQUIRED" && this.method === "password") {
      this.#useMethod("passkey");
      return true;
    }
    return RETRY_CODES.has(error.code);
  }

  /** Shows the field or button of `method` and focuses it. */
  #useMethod(method: ProofMethod): void {
    this.method = method;
    void this.updateComplete.then(() => this.#focusControl());
  }

  #focusControl(): void {
    const selector = this.method === "passkey" ? "#proof-submit" : "#proof";
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  protected override render() {
    const request = this.request;
    return html`<dialog
      aria-labelledby="proof-title"
      data-testid="proof-dialog"
      @cancel=${this.#onCancelEvent}
    >
      ${
        request === undefined
          ? nothing
          : html`<form
              novalidate
              data-method=${this.method ?? "checking"}
              @submit=${this.#submit}
            >
              <h2 id="proof-title">
                ${
                  this.method === "passkey"
                    ? i18n.t("proof.passkeyTitle")
                    : i18n.t("proof.title")
                }
              </h2>
              <p>${request.action}</p>
              ${this.#renderMethod()}
              <div id="proof-error">
                ${
                  this.error === undefined
                    ? nothing
                    : html`<p
                        class="error"
                        role="alert"
                        data-testid="proof-error"
                        data-code=${passkeyErrorCode(this.error)}
                      >
                        ${describePasskeyError(this.error)}
                      </p>`
                }
              </div>
              <div class="actions">
                <button
                  id="proof-submit"
                  type="submit"
                  class="button"
                  data-testid=${request.submitTestId ?? "proof-submit"}
                  aria-describedby=${
                    this.method === "passkey"
                      ? "proof-help proof-error"
                      : nothing
                  }
                  ?disabled=${this.busy || this.method === undefined}
                >
                  ${request.confirmLabel ?? i18n.t("proof.confirm")}
                </button>
                <button
                  type="button"
                  class="button secondary"
                  data-testid="proof-cancel"
                  @click=${this.#cancel}
                >
                  ${i18n.t("common.cancel")}
                </button>
              </div>
            </form>`
      }
    </dialog>`;
  }

  #renderMethod() {
    switch (this.method) {
      case undefined:
        return html`<p role="status">${i18n.t("app.loading")}</p>`;
      case "passkey":
        return html`<p id="proof-help" class="help" data-testid="proof-passkey">
          ${i18n.t("proof.passkeyHelp")}
        </p>`;
      case "password":
        return html`<div class="field">
          <label for="proof">${i18n.t("proof.passwordLabel")}</label>
          <input
            id="proof"
            class="text-input"
            type="password"
            autocomplete="current-password"
            data-testid="proof-password"
            aria-describedby="proof-help proof-error"
            aria-invalid=${this.error === undefined ? "false" : "true"}
            required
          />
          <p id="proof-help" class="help">${i18n.t("proof.help")}</p>
        </div>`;
    }
  }

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy || this.method === undefined) {
      return;
    }
    let prove: () => Promise<AdminProof>;
    if (this.method === "passkey") {
      prove = provePasskey;
    } else {
      const input = this.renderRoot.querySelector<HTMLInputElement>("#proof");
      const password = input?.value ?? "";
      if (input !== null) {
        input.value = "";
      }
      if (password === "") {
        input?.focus();
        return;
      }
      prove = async () => ({ password });
    }
    this.busy = true;
    this.error = undefined;
    const settled = (await this.#settle?.(prove)) ?? true;
    this.busy = false;
    if (settled) {
      this.#close();
    } else {
      await this.updateComplete;
      this.#focusControl();
    }
  };

  readonly #onCancelEvent = (event: Event): void => {
    event.preventDefault();
    this.#cancel();
  };

  readonly #cancel = (): void => {
    if (this.busy) {
      return;
    }
    void this.#settle?.(undefined);
    this.#close();
  };

  #close(): void {
    this.#settle = undefined;
    this.request = undefined;
    this.error = undefined;
    this.method = undefined;
    this.#dialog()?.close();
    // The browser returns focus only to the outermost shadow host. The
    // timeout lets the caller re-enable the opener (a busy button) first.
    const opener = this.#opener;
    this.#opener = undefined;
    setTimeout(() => opener?.focus(), 0);
  }
}

customElements.define("proof-dialog", ProofDialog);

let shared: ProofDialog | undefined;

/** Returns the page's one proof dialog, added to the document on first use. */
function proofDialog(): ProofDialog {
  if (shared === undefined || !shared.isConnected) {
    shared = document.createElement("proof-dialog");
    document.body.append(shared);
  }
  return shared;
}

/**
 * Asks the signed-in user for their passkey or password. Resolves to the
 * proof, or undefined when they cancel.
 */
export function askProof(
  request: ProofRequest,
): Promise<AdminProof | undefined> {
  return proofDialog().ask(request);
}

/**
 * Asks the signed-in user for their passkey or password and runs `action`
 * with the proof. It asks again after a wrong password, a closed passkey
 * prompt or a rejected passkey. Resolves to undefined when the user cancels.
 */
export function withProof<Result>(
  request: ProofRequest,
  action: (proof: AdminProof) => Promise<Result>,
): Promise<Result | undefined> {
  return proofDialog().run(request, action);
}

declare global {
  interface HTMLElementTagNameMap {
    "proof-dialog": ProofDialog;
  }
}
