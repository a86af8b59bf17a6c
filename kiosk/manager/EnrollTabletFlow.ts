import { css, html, nothing } from "lit";
import type { EnrollmentCodeResponse } from "../../protocol";
import { describeError } from "../i18n/describeError";
import { i18n } from "../i18n";
import { KioskError } from "../net/KioskError";
import {
  USE_PASSKEY,
  type ActorProof,
  type SessionActions,
} from "../session/KioskSession";
import "../passkeys/PasskeyProof";
import "../pin/PinPad";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * Issues a one-time enrollment code for this tablet's store after the
 * manager types their own PIN as fresh proof, and shows the code until the
 * manager closes it. The code is never stored on the tablet.
 */
export class EnrollTabletFlow extends KioskElement {
  static override properties = {
    storeName: { type: String },
    timeZone: { type: String },
    actorHasPasskey: { type: Boolean },
    busy: { state: true },
    error: { state: true },
    issued: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .pad {
        max-width: 26rem;
      }

      .code {
        font-size: 2.5rem;
        font-weight: 700;
        letter-spacing: 0.12em;
        font-variant-numeric: tabular-nums;
        margin: 1rem 0;
      }
    `,
  ];

  declare storeName: string;
  declare timeZone: string;
  /** True when the manager has a passkey and proves with it, not the PIN. */
  declare actorHasPasskey: boolean;
  declare busy: boolean;
  declare error: KioskError | undefined;
  declare issued: EnrollmentCodeResponse | undefined;

  actions: Pick<SessionActions, "issueEnrollmentCode"> | undefined;
  onClose: (() => void) | undefined;

  constructor() {
    super();
    this.storeName = "";
    this.timeZone = "";
    this.actorHasPasskey = false;
    this.busy = false;
    this.error = undefined;
    this.issued = undefined;
  }

  protected override render() {
    const store = this.storeName;
    if (this.issued !== undefined) {
      const time = i18n.formatTime(this.issued.expiresAt, this.timeZone);
      return html`<section role="status" data-testid="enrollment-code-issued">
        <h1>${i18n.t("enrollTablet.codeTitle")}</h1>
        <p class="code" data-testid="enrollment-code-display">
          ${this.issued.code}
        </p>
        <p>${i18n.t("enrollTablet.codeHint", { time, store })}</p>
        <div class="actions">
          <button
            type="button"
            class="button"
            data-testid="enrollment-code-done"
            @click=${() => this.onClose?.()}
          >
            ${i18n.t("enrollTablet.finish")}
          </button>
        </div>
      </section>`;
    }
    if (this.actorHasPasskey) {
      return html`<h1>${i18n.t("enrollTablet.title", { store })}</h1>
        <div class="pad">
          <sf-passkey-proof
            .submitLabel=${i18n.t("enrollTablet.submit")}
            .submitTestId=${"issue-enrollment-code"}
            .disabled=${this.busy}
            .showBack=${true}
            .onSubmit=${() => this.#issue(USE_PASSKEY)}
            .onBack=${() => this.onClose?.()}
          >
            ${this.#renderError()}
          </sf-passkey-proof>
        </div>`;
    }
    return html`<h1>${i18n.t("enrollTablet.title", { store })}</h1>
      <div class="pad">
        <sf-pin-pad
          .label=${i18n.t("enrollTablet.proofLabel")}
          .submitLabel=${i18n.t("enrollTablet.submit")}
          .submitTestId=${"issue-enrollment-code"}
          .disabled=${this.busy}
          .showBack=${true}
          .onSubmit=${this.#issue}
          .onBack=${() => this.onClose?.()}
        >
          ${this.#renderError()}
        </sf-pin-pad>
      </div>`;
  }

  #renderError() {
    return this.error === undefined
      ? nothing
      : html`<p class="error" role="alert" data-testid="enrollment-code-error">
          ${describeError(this.error, i18n, this.timeZone)}
        </p>`;
  }

  readonly #issue = async (proof: ActorProof): Promise<void> => {
    const { actions } = this;
    if (actions === undefined || this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      this.issued = await actions.issueEnrollmentCode(proof);
    } catch (error) {
      this.error = KioskError.from(error);
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("sf-enroll-tablet-flow", EnrollTabletFlow);

declare global {
  interface HTMLElementTagNameMap {
    "sf-enroll-tablet-flow": EnrollTabletFlow;
  }
}
