import { css, html, nothing } from "lit";
import { i18n } from "../i18n";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * The fresh proof step for an actor who has a passkey, in place of the PIN
 * pad: a hint and one button that opens the browser's passkey prompt.
 * Like the PIN pad it shows its children between the hint and the
 * buttons, for messages such as a failed proof, and takes the same submit
 * label and test id, so a flow keeps its own.
 */
export class PasskeyProof extends KioskElement {
  static override properties = {
    label: { type: String },
    submitLabel: { type: String },
    submitTestId: { type: String },
    disabled: { type: Boolean },
    showBack: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      .hint {
        font-size: 1.375rem;
      }
    `,
  ];

  declare label: string;
  declare submitLabel: string;
  declare submitTestId: string;
  declare disabled: boolean;
  declare showBack: boolean;

  onSubmit: (() => void) | undefined;
  onBack: (() => void) | undefined;

  constructor() {
    super();
    this.label = "";
    this.submitLabel = "";
    this.submitTestId = "passkey-submit";
    this.disabled = false;
    this.showBack = false;
  }

  protected override render() {
    return html`<div data-testid="passkey-proof">
      <p class="hint">${this.label || i18n.t("passkey.proofHint")}</p>
      <slot></slot>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid=${this.submitTestId}
          ?disabled=${this.disabled}
          @click=${() => this.onSubmit?.()}
        >
          ${this.submitLabel || i18n.t("passkey.confirm")}
        </button>
        ${
          this.showBack
            ? html`<button
                type="button"
                class="button secondary"
                data-testid="pin-back"
                @click=${() => this.onBack?.()}
              >
                ${i18n.t("manager.back")}
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }
}

customElements.define("sf-passkey-proof", PasskeyProof);

declare global {
  interface HTMLElementTagNameMap {
    "sf-passkey-proof": PasskeyProof;
  }
}
