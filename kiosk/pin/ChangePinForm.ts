import { css, html, nothing } from "lit";
import { checkPinPolicy, PIN_LENGTH_MAX, PIN_LENGTH_MIN } from "../../protocol";
import { describeError, describeViolations } from "../i18n/describeError";
import { i18n } from "../i18n";
import { KioskError } from "../net/KioskError";
import type { SessionActions } from "../session/KioskSession";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";
import "./PinPad";

type Step = "current" | "new" | "confirm" | "done";

/**
 * Changes the signed-in user's PIN in steps on the PIN pad: the current PIN
 * (left out when `forced`, right after a sign-in with a temporary PIN), the
 * new PIN, and the new PIN again. The new PIN is checked with the
 * protocol's policy before it is sent, so the user sees the reason at once.
 * The hub checks again and adds the rule against the last 3 PINs; for a
 * change made offline it does so when the tablet reconnects.
 */
export class ChangePinForm extends KioskElement {
  static override properties = {
    forced: { type: Boolean },
    pinMinLength: { type: Number },
    employeeNumber: { type: String },
    offline: { type: Boolean },
    step: { state: true },
    busy: { state: true },
    error: { state: true },
    violations: { state: true },
    mismatch: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 26rem;
        margin: 0 auto;
      }

      /* On a landscape tablet the explanations sit beside the keypad, so
         the keypad and its submit key fit the screen without scrolling. */
      @media (min-width: 56rem) and (orientation: landscape) {
        :host {
          max-width: 56rem;
        }

        .layout {
          display: grid;
          grid-template-columns: 1fr 26rem;
          gap: 2.5rem;
          align-items: start;
        }
      }

      ul {
        margin: 0.25rem 0 0;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  /** True for the change that must follow a sign-in with a temporary PIN. */
  declare forced: boolean;
  declare pinMinLength: number;
  declare employeeNumber: string;
  /** True while the session is offline, so a change waits for the hub. */
  declare offline: boolean;
  declare step: Step;
  declare busy: boolean;
  declare error: KioskError | undefined;
  declare violations: readonly string[];
  declare mismatch: boolean;

  actions: Pick<SessionActions, "changePin"> | undefined;
  /** Called when the user leaves the form, after a change or without one. */
  onClose: (() => void) | undefined;

  #currentPin: string | undefined;
  #newPin: string | undefined;

  constructor() {
    super();
    this.forced = false;
    this.pinMinLength = PIN_LENGTH_MIN;
    this.employeeNumber = "";
    this.offline = false;
    this.step = "current";
    this.busy = false;
    this.error = undefined;
    this.violations = [];
    this.mismatch = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.step = this.forced ? "new" : "current";
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#forget();
  }

  protected override render() {
    const title = this.forced
      ? i18n.t("changePin.forcedTitle")
      : i18n.t("changePin.title");
    const intro = html`<h1>${title}</h1>
      ${
        this.forced
          ? html`<p class="notice">${i18n.t("changePin.forcedHint")}</p>`
          : nothing
      }`;
    if (this.step === "done") {
      return html`${intro}${this.#renderDone()}`;
    }
    const step = this.step;
    return html`<div class="layout">
      <div>
        ${intro}
        ${
          step === "new"
            ? html`<p class="muted">${i18n.t("changePin.rules")}</p>`
            : nothing
        }
      </div>
      <div>${this.#renderPad()}</div>
    </div>`;
  }

  #renderPad() {
    const limits = { min: this.pinMinLength, max: PIN_LENGTH_MAX };
    const labels: Record<Exclude<Step, "done">, string> = {
      current: i18n.t("changePin.current"),
      new: i18n.t("changePin.new", limits),
      confirm: i18n.t("changePin.confirm"),
    };
    const step = this.step === "done" ? "confirm" : this.step;
    return html`
      <sf-pin-pad
        data-step=${step}
        .label=${labels[step]}
        .submitLabel=${
          step === "confirm"
            ? i18n.t("changePin.save")
            : i18n.t("changePin.next")
        }
        .minLength=${step === "current" ? PIN_LENGTH_MIN : 1}
        .disabled=${this.busy}
        .showBack=${!(this.forced && step === "new")}
        .onSubmit=${this.#handlePin}
        .onBack=${this.#handleBack}
      >
        ${this.#renderProblem(limits)}
      </sf-pin-pad>
    `;
  }

  #renderProblem(limits: { min: number; max: number }) {
    if (this.violations.length > 0) {
      return html`<div
        class="error"
        role="alert"
        data-testid="pin-policy-error"
      >
        ${i18n.t("changePin.notAllowed")}
        <ul>
          ${describeViolations(this.violations, i18n, limits).map(
            (sentence) => html`<li>${sentence}</li>`,
          )}
        </ul>
      </div>`;
    }
    if (this.mismatch) {
      return html`<p class="error" role="alert" data-testid="pin-change-error">
        ${i18n.t("changePin.mismatch")}
      </p>`;
    }
    if (this.error !== undefined) {
      return html`<p class="error" role="alert" data-testid="pin-change-error">
        ${describeError(this.error, i18n)}
      </p>`;
    }
    return nothing;
  }

  #renderDone() {
    return html`<p class="notice" role="status" data-testid="pin-changed">
        ${
          this.offline
            ? i18n.t("changePin.doneOffline")
            : i18n.t("changePin.done")
        }
      </p>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="change-pin-done"
          @click=${() => this.onClose?.()}
        >
          ${i18n.t("changePin.continue")}
        </button>
      </div>`;
  }

  readonly #handlePin = (pin: string): void => {
    this.error = undefined;
    this.violations = [];
    this.mismatch = false;

    switch (this.step) {
      case "current":
        this.#currentPin = pin;
        this.step = "new";
        return;
      case "new": {
        const violations = checkPinPolicy({
          pin,
          minLength: this.pinMinLength,
          employeeNumber: this.employeeNumber,
        });
        if (violations.length > 0) {
          this.violations = violations;
          return;
        }
        this.#newPin = pin;
        this.step = "confirm";
        return;
      }
      case "confirm":
        if (pin !== this.#newPin) {
          this.#newPin = undefined;
          this.mismatch = true;
          this.step = "new";
          return;
        }
        void this.#save(pin);
        return;
      case "done":
        return;
    }
  };

  readonly #handleBack = (): void => {
    this.error = undefined;
    this.violations = [];
    this.mismatch = false;
    const first: Step = this.forced ? "new" : "current";
    if (this.step === first) {
      this.#forget();
      this.onClose?.();
      return;
    }
    this.step = this.step === "confirm" ? "new" : first;
  };

  async #save(newPin: string): Promise<void> {
    if (this.actions === undefined) {
      return;
    }
    this.busy = true;
    try {
      await this.actions.changePin(
        this.forced ? { newPin } : { currentPin: this.#currentPin, newPin },
      );
      this.#forget();
      this.step = "done";
    } catch (error) {
      this.#handleFailure(KioskError.from(error));
    } finally {
      this.busy = false;
    }
  }

  #handleFailure(error: KioskError): void {
    this.#newPin = undefined;
    if (error.is("PIN_POLICY_VIOLATION")) {
      const violations = error.detailList("violations");
      if (violations.length > 0) {
        this.violations = violations;
      } else {
        this.error = error;
      }
      this.step = "new";
      return;
    }
    this.error = error;
    if (!this.forced) {
      // Whatever failed, the user types everything again, which also
      // covers a wrong current PIN (PIN_INCORRECT or PROOF_FAILED).
      this.#currentPin = undefined;
      this.step = "current";
    } else {
      this.step = "new";
    }
  }

  /** Drops the PINs held between steps. */
  #forget(): void {
    this.#currentPin = undefined;
    this.#newPin = undefined;
  }
}

customElements.define("sf-change-pin-form", ChangePinForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-change-pin-form": ChangePinForm;
  }
}
