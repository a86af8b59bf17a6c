import { css, html, nothing } from "lit";
import type { AdminProof } from "../../protocol";
import { AdminApiError } from "../api/adminApi";
import { describeError, i18n } from "../i18n";
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
 * `<proof-dialog>`: a modal dialog that requests the signed-in user's password
 * again as fresh proof before a sensitive action. `ask` resolves to the
 * proof, or undefined when cancelled. `run` keeps the dialog open while the
 * action runs, so a wrong password (ADMIN_PROOF_FAILED) can be typed again;
 * any other error closes it and rejects.
 */
export class ProofDialog extends PanelElement {
  static override properties = {
    request: { state: true },
    busy: { state: true },
    error: { state: true },
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
  declare error: AdminApiError | undefined;

  #settle: ((proof: AdminProof | undefined) => Promise<boolean>) | undefined;
  /** The element focused before the dialog opened; focus returns to it. */
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    this.request = undefined;
    this.busy = false;
    this.error = undefined;
  }

  /** Asks for the password; resolves to the proof, or undefined on cancel. */
  ask(request: ProofRequest): Promise<AdminProof | undefined> {
    return this.run(request, async (proof) => proof);
  }

  /**
   * Asks for the password and runs `action` with it. Resolves to the
   * action's result, or undefined when cancelled.
   */
  run<Result>(
    request: ProofRequest,
    action: (proof: AdminProof) => Promise<Result>,
  ): Promise<Result | undefined> {
    this.#settle?.(undefined);
    this.#opener = deepActiveElement();
    return new Promise<Result | undefined>((resolve, reject) => {
      this.request = request;
      this.error = undefined;
      this.busy = false;
      this.#settle = async (proof) => {
        if (proof === undefined) {
          resolve(undefined);
          return true;
        }
        try {
          resolve(await action(proof));
          return true;
        } catch (error) {
          if (
            error instanceof AdminApiError &&
            error.code === "ADMIN_PROOF_FAILED"
          ) {
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
        this.renderRoot.querySelector<HTMLInputElement>("#proof")?.focus();
      });
    });
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
          : html`<form novalidate @submit=${this.#submit}>
              <h2 id="proof-title">${i18n.t("proof.title")}</h2>
              <p>${request.action}</p>
              <div class="field">
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
              </div>
              <div id="proof-error">
                ${
                  this.error === undefined
                    ? nothing
                    : html`<p
                        class="error"
                        role="alert"
                        data-testid="proof-error"
                      >
                        ${describeError(this.error)}
                      </p>`
                }
              </div>
              <div class="actions">
                <button
                  type="submit"
                  class="button"
                  data-testid=${request.submitTestId ?? "proof-submit"}
                  ?disabled=${this.busy}
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

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>("#proof");
    const password = input?.value ?? "";
    if (password === "" || this.busy) {
      input?.focus();
      return;
    }
    this.busy = true;
    const settled = (await this.#settle?.({ password })) ?? true;
    this.busy = false;
    if (input !== null) {
      input.value = "";
    }
    if (settled) {
      this.#close();
    } else {
      input?.focus();
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

/** Asks the signed-in user's password; undefined when they cancel. */
export function askProof(
  request: ProofRequest,
): Promise<AdminProof | undefined> {
  return proofDialog().ask(request);
}

/**
 * Asks the password and runs `action` with the proof, asking again while
 * the hub responds with ADMIN_PROOF_FAILED. Undefined when the user cancels.
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
