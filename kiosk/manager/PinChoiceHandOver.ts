import { css, html, nothing } from "lit";
import {
  checkPinPolicy,
  PIN_LENGTH_MAX,
  PIN_LENGTH_MIN,
  type ErrorCode,
} from "../../protocol";
import { describeError, describeViolations } from "../i18n/describeError";
import { i18n } from "../i18n";
import { KioskError } from "../net/KioskError";
import type {
  PinChoiceApproval,
  SessionActions,
} from "../session/KioskSession";
import "../pin/PinPad";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";
import { fullName } from "../users/userDisplay";

type Step = "new" | "confirm" | "done" | "failed";

/**
 * Errors after which the approval cannot be used again, so the user can
 * only leave and ask a manager to approve once more.
 */
const FINAL_ERRORS: readonly ErrorCode[] = [
  "PIN_CHOICE_GRANT_INVALID",
  "PIN_CHOICE_GRANT_EXPIRED",
  "PIN_CHOICE_GRANT_USED",
  "PIN_CHOICE_GRANT_OTHER_TABLET",
  "CONFLICT_SUPERSEDED",
  "USER_NOT_FOUND",
  "USER_INACTIVE",
];

/**
 * The screen a manager hands the tablet over with, after approving that a
 * user chooses their own PIN. Nobody is signed in meanwhile. The user types
 * the new PIN twice on the PIN pad, and it becomes their own PIN at once.
 * Cancelling changes nothing: the current PIN keeps working, and the
 * approval, which only this tablet holds, is dropped from memory.
 */
export class PinChoiceHandOver extends KioskElement {
  static override properties = {
    approval: { attribute: false },
    pinMinLength: { type: Number },
    timeZone: { type: String },
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

      /* On a landscape tablet the explanations sit beside the keypad, as
         on the Change PIN screen. */
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

      .actions {
        margin-top: 1rem;
      }
    `,
  ];

  declare approval: PinChoiceApproval | undefined;
  declare pinMinLength: number;
  declare timeZone: string;
  declare step: Step;
  declare busy: boolean;
  declare error: KioskError | undefined;
  declare violations: readonly string[];
  declare mismatch: boolean;

  actions: Pick<SessionActions, "completePinChoice"> | undefined;
  /** Called when the user leaves the screen, with a new PIN or without. */
  onClose: (() => void) | undefined;

  /** The first entry of the new PIN, held until it is confirmed. */
  #newPin: string | undefined;

  constructor() {
    super();
    this.approval = undefined;
    this.pinMinLength = PIN_LENGTH_MIN;
    this.timeZone = "";
    this.step = "new";
    this.busy = false;
    this.error = undefined;
    this.violations = [];
    this.mismatch = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#newPin = undefined;
  }

  protected override render() {
    const approval = this.approval;
    if (approval === undefined) {
      return nothing;
    }
    const name = fullName(approval.target);
    switch (this.step) {
      case "done":
        return this.#renderDone(approval.target.firstName);
      case "failed":
        return this.#renderFailed();
      case "new":
      case "confirm":
        return this.#renderChoice(approval, name);
    }
  }

  #renderChoice(approval: PinChoiceApproval, name: string) {
    return html`<section
      class="layout"
      data-testid="pin-choice-hand-over"
      aria-labelledby="pin-choice-title"
    >
      <div>
        <h1 id="pin-choice-title" data-testid="pin-choice-title">
          ${i18n.t("pinChoice.title", { name })}
        </h1>
        <p class="notice">
          ${i18n.t("pinChoice.intro", {
            manager: approval.approverName,
            time: i18n.formatTime(approval.expiresAt, this.timeZone),
          })}
        </p>
        <p class="muted">${i18n.t("changePin.rules")}</p>
      </div>
      <div>
        ${this.#renderPad()}
        <div class="actions">
          <button
            type="button"
            class="button secondary"
            data-testid="pin-choice-cancel"
            ?disabled=${this.busy}
            @click=${this.#cancel}
          >
            ${i18n.t("pinChoice.cancel")}
          </button>
        </div>
      </div>
    </section>`;
  }

  #renderPad() {
    const limits = { min: this.pinMinLength, max: PIN_LENGTH_MAX };
    const confirm = this.step === "confirm";
    return html`<sf-pin-pad
      data-step=${confirm ? "confirm" : "new"}
      .label=${
        confirm ? i18n.t("changePin.confirm") : i18n.t("changePin.new", limits)
      }
      .submitLabel=${
        confirm ? i18n.t("pinChoice.save") : i18n.t("changePin.next")
      }
      .submitTestId=${"pin-choice-submit"}
      .minLength=${1}
      .disabled=${this.busy}
      .showBack=${confirm}
      .onSubmit=${this.#handlePin}
      .onBack=${this.#backToNew}
    >
      ${this.#renderProblem(limits)}
    </sf-pin-pad>`;
  }

  #renderProblem(limits: { min: number; max: number }) {
    if (this.violations.length > 0) {
      return html`<div
        class="error"
        role="alert"
        data-testid="pin-choice-policy-error"
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
      return html`<p class="error" role="alert" data-testid="pin-choice-error">
        ${i18n.t("changePin.mismatch")}
      </p>`;
    }
    if (this.error !== undefined) {
      return html`<p class="error" role="alert" data-testid="pin-choice-error">
        ${describeError(this.error, i18n, this.timeZone)}
      </p>`;
    }
    return nothing;
  }

  #renderDone(firstName: string) {
    return html`<section
      role="status"
      data-testid="pin-choice-done"
      aria-labelledby="pin-choice-done-title"
    >
      <h1 id="pin-choice-done-title">
        ${i18n.t("pinChoice.doneTitle", { name: firstName })}
      </h1>
      <p>${i18n.t("pinChoice.doneHint")}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="pin-choice-finish"
          @click=${() => this.onClose?.()}
        >
          ${i18n.t("pinChoice.finish")}
        </button>
      </div>
    </section>`;
  }

  #renderFailed() {
    return html`<section
      role="alert"
      data-testid="pin-choice-failed"
      aria-labelledby="pin-choice-failed-title"
    >
      <h1 id="pin-choice-failed-title">${i18n.t("pinChoice.failedTitle")}</h1>
      ${
        this.error === undefined
          ? nothing
          : html`<p data-testid="pin-choice-error">
              ${describeError(this.error, i18n, this.timeZone)}
            </p>`
      }
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="pin-choice-finish"
          @click=${() => this.onClose?.()}
        >
          ${i18n.t("pinChoice.finish")}
        </button>
      </div>
    </section>`;
  }

  readonly #handlePin = (pin: string): void => {
    this.error = undefined;
    this.violations = [];
    this.mismatch = false;
    if (this.step === "new") {
      const violations = checkPinPolicy({
        pin,
        minLength: this.pinMinLength,
        employeeNumber: this.approval?.target.employeeNumber,
      });
      if (violations.length > 0) {
        this.violations = violations;
        return;
      }
      this.#newPin = pin;
      this.step = "confirm";
      return;
    }
    if (pin !== this.#newPin) {
      this.#newPin = undefined;
      this.mismatch = true;
      this.step = "new";
      return;
    }
    void this.#save(pin);
  };

  readonly #backToNew = (): void => {
    this.#newPin = undefined;
    this.error = undefined;
    this.violations = [];
    this.mismatch = false;
    this.step = "new";
  };

  readonly #cancel = (): void => {
    // NOTE: the grant stays valid at the hub until it expires, but only
    // this tablet can use it, and this tablet drops it here.
    this.#newPin = undefined;
    this.onClose?.();
  };

  async #save(pin: string): Promise<void> {
    const { actions, approval } = this;
    if (actions === undefined || approval === undefined || this.busy) {
      return;
    }
    this.busy = true;
    try {
      await actions.completePinChoice(approval, pin);
      this.#newPin = undefined;
      this.step = "done";
    } catch (error) {
      this.#handleFailure(KioskError.from(error));
    } finally {
      this.busy = false;
    }
  }

  #handleFailure(error: KioskError): void {
    this.#newPin = undefined;
    if (FINAL_ERRORS.some((code) => error.is(code))) {
      this.error = error;
      this.step = "failed";
      return;
    }
    const violations = error.is("PIN_POLICY_VIOLATION")
      ? error.detailList("violations")
      : [];
    if (violations.length > 0) {
      this.violations = violations;
    } else {
      // A network failure or another error: the user may try again while
      // the approval lasts.
      this.error = error;
    }
    this.step = "new";
  }
}

customElements.define("sf-pin-choice-hand-over", PinChoiceHandOver);

declare global {
  interface HTMLElementTagNameMap {
    "sf-pin-choice-hand-over": PinChoiceHandOver;
  }
}
