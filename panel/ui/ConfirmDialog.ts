import { css, html, nothing } from "lit";
import { i18n } from "../i18n";
import { deepActiveElement } from "./deepActiveElement";
import { PanelElement } from "./PanelElement";
import { sharedStyles } from "./sharedStyles";

/** The question of the confirm dialog and its confirming button. */
export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  /** Shows the confirming button in the danger colour. */
  readonly danger?: boolean;
}

/**
 * `<confirm-dialog>`: a modal yes-or-no question before an action. The
 * confirming button has data-testid `confirm-accept`, the other
 * `confirm-cancel`; Escape cancels.
 */
export class ConfirmDialog extends PanelElement {
  static override properties = {
    request: { state: true },
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

  declare request: ConfirmRequest | undefined;

  #resolve: ((confirmed: boolean) => void) | undefined;
  /** The element focused before the dialog opened; focus returns to it. */
  #opener: HTMLElement | undefined;

  constructor() {
    super();
    this.request = undefined;
  }

  /** Shows the question; resolves to true when confirmed. */
  ask(request: ConfirmRequest): Promise<boolean> {
    this.#resolve?.(false);
    this.#opener = deepActiveElement();
    this.request = request;
    return new Promise<boolean>((resolve) => {
      this.#resolve = resolve;
      void this.updateComplete.then(() => {
        const dialog = this.renderRoot.querySelector("dialog");
        if (dialog !== null && !dialog.open) {
          dialog.showModal();
        }
        this.renderRoot
          .querySelector<HTMLButtonElement>('[data-testid="confirm-cancel"]')
          ?.focus();
      });
    });
  }

  protected override render() {
    const request = this.request;
    return html`<dialog
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      data-testid="confirm-dialog"
      @cancel=${this.#onCancelEvent}
    >
      ${
        request === undefined
          ? nothing
          : html`<h2 id="confirm-title">${request.title}</h2>
              <p id="confirm-message">${request.message}</p>
              <div class="actions">
                <button
                  type="button"
                  class=${request.danger === true ? "button danger" : "button"}
                  data-testid="confirm-accept"
                  @click=${() => this.#finish(true)}
                >
                  ${request.confirmLabel}
                </button>
                <button
                  type="button"
                  class="button secondary"
                  data-testid="confirm-cancel"
                  @click=${() => this.#finish(false)}
                >
                  ${i18n.t("common.cancel")}
                </button>
              </div>`
      }
    </dialog>`;
  }

  readonly #onCancelEvent = (event: Event): void => {
    event.preventDefault();
    this.#finish(false);
  };

  #finish(confirmed: boolean): void {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    this.request = undefined;
    this.renderRoot.querySelector("dialog")?.close();
    // The browser returns focus only to the outermost shadow host. The
    // timeout lets the caller re-enable the opener (a busy button) first.
    const opener = this.#opener;
    this.#opener = undefined;
    setTimeout(() => opener?.focus(), 0);
    resolve?.(confirmed);
  }
}

customElements.define("confirm-dialog", ConfirmDialog);

let shared: ConfirmDialog | undefined;

/** Asks a yes-or-no question in the page's one confirm dialog. */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  if (shared === undefined || !shared.isConnected) {
    shared = document.createElement("confirm-dialog");
    document.body.append(shared);
  }
  return shared.ask(request);
}

declare global {
  interface HTMLElementTagNameMap {
    "confirm-dialog": ConfirmDialog;
  }
}
