import { css, html, nothing } from "lit";
import type { KioskUser } from "../../protocol";
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
import { fullName } from "../users/userDisplay";

/**
 * Unlocks a locked user after the manager types their own PIN as fresh
 * proof, then confirms.
 */
export class UnlockFlow extends KioskElement {
  static override properties = {
    target: { attribute: false },
    timeZone: { type: String },
    actorHasPasskey: { type: Boolean },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .pad {
        max-width: 26rem;
      }
    `,
  ];

  declare target: KioskUser | undefined;
  declare timeZone: string;
  /** True when the manager has a passkey and proves with it, not the PIN. */
  declare actorHasPasskey: boolean;
  declare busy: boolean;
  declare error: KioskError | undefined;
  declare done: boolean;

  actions: Pick<SessionActions, "unlock"> | undefined;
  onClose: (() => void) | undefined;

  constructor() {
    super();
    this.target = undefined;
    this.timeZone = "";
    this.actorHasPasskey = false;
    this.busy = false;
    this.error = undefined;
    this.done = false;
  }

  protected override render() {
    const target = this.target;
    if (target === undefined) {
      return nothing;
    }
    const name = fullName(target);
    if (this.done) {
      return html`<section role="status" data-testid="unlock-confirmation">
        <h1>${i18n.t("unlock.done", { name })}</h1>
        <div class="actions">
          <button
            type="button"
            class="button"
            data-testid="unlock-done"
            @click=${() => this.onClose?.()}
          >
            ${i18n.t("unlock.finish")}
          </button>
        </div>
      </section>`;
    }
    if (this.actorHasPasskey) {
      return html`<h1>${i18n.t("unlock.title", { name })}</h1>
        <div class="pad">
          <sf-passkey-proof
            .submitLabel=${i18n.t("unlock.submit")}
            .submitTestId=${"confirm-unlock"}
            .disabled=${this.busy}
            .showBack=${true}
            .onSubmit=${() => this.#unlock(USE_PASSKEY)}
            .onBack=${() => this.onClose?.()}
          >
            ${this.#renderError()}
          </sf-passkey-proof>
        </div>`;
    }
    return html`<h1>${i18n.t("unlock.title", { name })}</h1>
      <div class="pad">
        <sf-pin-pad
          .label=${i18n.t("unlock.proofLabel", { name })}
          .submitLabel=${i18n.t("unlock.submit")}
          .submitTestId=${"confirm-unlock"}
          .disabled=${this.busy}
          .showBack=${true}
          .onSubmit=${this.#unlock}
          .onBack=${() => this.onClose?.()}
        >
          ${this.#renderError()}
        </sf-pin-pad>
      </div>`;
  }

  #renderError() {
    return this.error === undefined
      ? nothing
      : html`<p class="error" role="alert" data-testid="unlock-error">
          ${describeError(this.error, i18n, this.timeZone)}
        </p>`;
  }

  readonly #unlock = async (proof: ActorProof): Promise<void> => {
    const { actions, target } = this;
    if (actions === undefined || target === undefined || this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      await actions.unlock(target, proof);
      this.done = true;
    } catch (error) {
      this.error = KioskError.from(error);
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("sf-unlock-flow", UnlockFlow);

declare global {
  interface HTMLElementTagNameMap {
    "sf-unlock-flow": UnlockFlow;
  }
}
