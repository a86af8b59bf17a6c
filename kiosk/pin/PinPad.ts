import { css, html, nothing, type PropertyValues } from "lit";
import { PIN_LENGTH_MAX, PIN_LENGTH_MIN } from "../../protocol";
import { i18n } from "../i18n";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

const DIGIT_ROWS = [
  ["1", "2", "3"],
  ["4", "5", "6"],
  ["7", "8", "9"],
] as const;

/**
 * A PIN pad: a masked field with large keys below it, and between them the
 * element's children, for messages such as a wrong PIN. The field is a real
 * password input, so screen readers announce it as one and a physical
 * keyboard types into it (digits, Backspace, Enter). Keys keep the focus in
 * the field when pressed with a pointer, and still work from the keyboard.
 *
 * NOTE: a browser's password manager may offer to save what is typed here;
 * tablets should run with it turned off (Chromium policy
 * `PasswordManagerEnabled: false`).
 */
export class PinPad extends KioskElement {
  static override properties = {
    label: { type: String },
    submitLabel: { type: String },
    submitTestId: { type: String },
    disabled: { type: Boolean },
    showBack: { type: Boolean },
    minLength: { type: Number },
    maxLength: { type: Number },
    length: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      label {
        font-size: 1.375rem;
      }

      .field {
        width: 100%;
        min-height: 64px;
        padding: 0.5rem 1rem;
        border: 2px solid var(--sf-border);
        border-radius: 12px;
        background: var(--sf-surface);
        color: var(--sf-text);
        font-size: 2rem;
        letter-spacing: 0.5em;
        text-align: center;
      }

      .keys {
        display: grid;
        grid-template-columns: repeat(3, minmax(72px, 1fr));
        gap: 0.75rem;
        margin-top: 1rem;
      }

      .key {
        min-height: 72px;
        border: 2px solid var(--sf-border);
        border-radius: 14px;
        background: var(--sf-surface);
        color: var(--sf-text);
        font-size: 1.75rem;
        font-weight: 600;
        cursor: pointer;
      }

      .key.small {
        font-size: 1.125rem;
      }

      .key:active:not([disabled]) {
        background: var(--sf-primary-surface);
      }

      .key[disabled] {
        cursor: not-allowed;
        color: var(--sf-on-disabled);
      }

      .bottom {
        display: grid;
        grid-template-columns: 1fr 2fr;
        gap: 0.75rem;
        margin-top: 0.75rem;
      }

      .bottom .button {
        min-height: 64px;
      }

      .bottom.single {
        grid-template-columns: 1fr;
      }
    `,
  ];

  /** Visible label of the field. */
  declare label: string;
  declare submitLabel: string;
  /** `data-testid` of the submit key, for end-to-end tests. */
  declare submitTestId: string;
  declare disabled: boolean;
  /** Whether to show a Back key; pressing it calls `onBack`. */
  declare showBack: boolean;
  declare minLength: number;
  declare maxLength: number;
  declare length: number;

  /** Receives the PIN on submit; the pad clears itself right after. */
  onSubmit: ((pin: string) => void) | undefined;
  onBack: (() => void) | undefined;

  constructor() {
    super();
    this.label = "";
    this.submitLabel = "";
    this.submitTestId = "pin-submit";
    this.disabled = false;
    this.showBack = false;
    this.minLength = PIN_LENGTH_MIN;
    this.maxLength = PIN_LENGTH_MAX;
    this.length = 0;
  }

  /** Empties the field. */
  clear(): void {
    this.#setValue("");
  }

  /** Moves the focus into the field. */
  focusField(): void {
    this.#input?.focus();
  }

  protected override firstUpdated(): void {
    this.focusField();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.get("disabled") === true && !this.disabled) {
      this.focusField();
    }
  }

  protected override render() {
    const canSubmit = !this.disabled && this.length >= this.minLength;
    return html`
      <form @submit=${this.#handleSubmit} @keydown=${this.#handleKeydown}>
        <label for="pin">${this.label}</label>
        <input
          id="pin"
          class="field"
          data-testid="pin-input"
          type="password"
          inputmode="none"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          maxlength=${this.maxLength}
          ?disabled=${this.disabled}
          @input=${this.#handleInput}
        />
        <slot></slot>
        <div class="keys">
          ${DIGIT_ROWS.map((row) => row.map((digit) => this.#digitKey(digit)))}
          <button
            type="button"
            class="key small"
            data-testid="pin-clear"
            ?disabled=${this.disabled}
            @mousedown=${keepFocus}
            @click=${() => this.#setValue("")}
          >
            ${i18n.t("pinPad.clear")}
          </button>
          ${this.#digitKey("0")}
          <button
            type="button"
            class="key"
            data-testid="pin-backspace"
            aria-label=${i18n.t("pinPad.delete")}
            title=${i18n.t("pinPad.delete")}
            ?disabled=${this.disabled}
            @mousedown=${keepFocus}
            @click=${this.#deleteLast}
          >
            <span aria-hidden="true">⌫</span>
          </button>
        </div>
        <div class="bottom ${this.showBack ? "" : "single"}">
          ${
            this.showBack
              ? html`<button
                  type="button"
                  class="button secondary"
                  data-testid="pin-back"
                  @click=${() => this.onBack?.()}
                >
                  ${i18n.t("pinPad.back")}
                </button>`
              : nothing
          }
          <button
            type="submit"
            class="button"
            data-testid=${this.submitTestId}
            ?disabled=${!canSubmit}
            @mousedown=${keepFocus}
          >
            ${this.submitLabel || i18n.t("pinPad.ok")}
          </button>
        </div>
      </form>
    `;
  }

  #digitKey(digit: string) {
    return html`<button
      type="button"
      class="key"
      data-testid="pin-key-${digit}"
      ?disabled=${this.disabled}
      @mousedown=${keepFocus}
      @click=${() => this.#append(digit)}
    >
      ${digit}
    </button>`;
  }

  get #input(): HTMLInputElement | null {
    return this.renderRoot.querySelector("input");
  }

  #append(digit: string): void {
    const value = this.#input?.value ?? "";
    if (value.length < this.maxLength) {
      this.#setValue(value + digit);
    }
  }

  readonly #deleteLast = (): void => {
    this.#setValue((this.#input?.value ?? "").slice(0, -1));
  };

  #setValue(value: string): void {
    const input = this.#input;
    if (input !== null) {
      input.value = value;
    }
    this.length = value.length;
  }

  readonly #handleInput = (event: Event): void => {
    const input = event.currentTarget as HTMLInputElement;
    const digits = input.value.replace(/\D/g, "").slice(0, this.maxLength);
    if (digits !== input.value) {
      input.value = digits;
    }
    this.length = digits.length;
  };

  /**
   * Lets the keyboard type while the focus is on one of the keys: digits
   * and Backspace go to the field. Enter and Space keep their usual meaning
   * on a focused key.
   */
  readonly #handleKeydown = (event: KeyboardEvent): void => {
    if (this.disabled || event.target === this.#input) {
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (/^\d$/.test(event.key)) {
      event.preventDefault();
      this.#append(event.key);
    } else if (event.key === "Backspace") {
      event.preventDefault();
      this.#deleteLast();
    }
  };

  readonly #handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const pin = this.#input?.value ?? "";
    if (this.disabled || pin.length < this.minLength) {
      return;
    }
    this.#setValue("");
    this.onSubmit?.(pin);
  };
}

/** Stops a pointer press on a key from taking the focus from the field. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

customElements.define("sf-pin-pad", PinPad);

declare global {
  interface HTMLElementTagNameMap {
    "sf-pin-pad": PinPad;
  }
}
