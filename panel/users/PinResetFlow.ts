import { css, html, nothing } from "lit";
import {
  AdminSettingsResponse,
  checkPinPolicy,
  DEFAULT_SETTINGS,
  PIN_LENGTH_MAX,
  PIN_LENGTH_MIN,
  PinResetResponse,
  type AdminPinResetRequest,
  type AdminUserDetail,
} from "../../protocol";
import { AdminApiError, adminApi } from "../api/adminApi";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import { describeViolations } from "./describeViolations";
import { deliveryRoute, fullName } from "./userDisplay";
import { formatDateTime } from "../ui/formatDateTime";

type Step = "notice" | "temporary" | "save" | "done";

/**
 * Steps 5 to 7 of a PIN reset in the control panel, and the confirmation.
 * Step 5 is the notice that a temporary PIN will be sent to protect the
 * user's privacy. Step 6 takes a typed temporary PIN or lets the hub
 * generate one. Step 7, Save Changes, requests the signed-in user's
 * password again as proof. A temporary PIN that the hub returns (the user
 * has neither e-mail nor phone) is shown once and dropped when the flow
 * closes. Fires `pin-reset` after the reset and `reset-closed` on leaving.
 */
export class PinResetFlow extends PanelElement {
  static override properties = {
    target: { attribute: false },
    step: { state: true },
    random: { state: true },
    busy: { state: true },
    error: { state: true },
    violations: { state: true },
    result: { state: true },
    minLength: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 40rem;
      }

      .or {
        margin: 1rem 0;
        font-weight: 600;
      }

      .temporary-pin {
        margin: 0.5rem 0 1rem;
        padding: 1rem;
        border: 3px dashed var(--sf-primary);
        border-radius: 12px;
        font-size: 2.5rem;
        font-weight: 700;
        letter-spacing: 0.3em;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }

      .pin-input {
        max-width: 14rem;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.2em;
      }

      ul {
        margin: 0.25rem 0 0;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  declare target: AdminUserDetail | undefined;
  declare step: Step;
  /** True when the hub generates the temporary PIN. */
  declare random: boolean;
  declare busy: boolean;
  declare error: unknown;
  declare violations: readonly string[];
  declare result: PinResetResponse | undefined;
  /** The organisation's shortest PIN, when the role may read settings. */
  declare minLength: number;

  /** The typed temporary PIN, held only until the hub has it. */
  #temporaryPin: string | undefined;

  constructor() {
    super();
    this.target = undefined;
    this.step = "notice";
    this.random = false;
    this.busy = false;
    this.error = undefined;
    this.violations = [];
    this.result = undefined;
    this.minLength = DEFAULT_SETTINGS.pinMinLength;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadMinLength();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#temporaryPin = undefined;
    this.result = undefined;
  }

  protected override firstUpdated(): void {
    this.#focusHeading();
  }

  protected override render() {
    const target = this.target;
    if (target === undefined) {
      return nothing;
    }
    const name = fullName(target);
    switch (this.step) {
      case "notice":
        return this.#renderNotice(target, name);
      case "temporary":
        return this.#renderTemporary();
      case "save":
        return this.#renderSave(name);
      case "done":
        return this.#renderDone(name);
    }
  }

  #renderNotice(target: AdminUserDetail, name: string) {
    const notice = {
      email: i18n.t("reset.noticeEmail", { name }),
      sms: i18n.t("reset.noticeSms", { name }),
      "in-person": i18n.t("reset.noticeInPerson", { name }),
    }[deliveryRoute(target)];
    return html`<section aria-labelledby="reset-title">
      <h2 id="reset-title" tabindex="-1">
        ${i18n.t("reset.noticeTitle", { name })}
      </h2>
      <p class="notice" data-testid="reset-notice">${notice}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="confirm-reset-notice"
          @click=${() => this.#go("temporary")}
        >
          ${i18n.t("reset.understood")}
        </button>
        ${this.#renderCancel()}
      </div>
    </section>`;
  }

  #renderTemporary() {
    const limits = { min: this.minLength, max: PIN_LENGTH_MAX };
    return html`<section aria-labelledby="reset-title">
      <h2 id="reset-title" tabindex="-1">${i18n.t("reset.temporaryTitle")}</h2>
      <form novalidate @submit=${this.#submitTyped}>
        <div class="field">
          <label for="temporary-pin"
            >${i18n.t("reset.temporaryLabel", limits)}</label
          >
          <input
            id="temporary-pin"
            class="text-input pin-input"
            data-testid="temporary-pin-input"
            inputmode="numeric"
            autocomplete="off"
            spellcheck="false"
            maxlength=${PIN_LENGTH_MAX}
            aria-describedby="temporary-pin-problem"
            aria-invalid=${this.violations.length > 0 ? "true" : "false"}
          />
        </div>
        <div id="temporary-pin-problem">${this.#renderProblem()}</div>
        <div class="actions">
          <button type="submit" class="button" data-testid="temporary-pin-next">
            ${i18n.t("reset.temporaryNext")}
          </button>
        </div>
      </form>
      <p class="or">${i18n.t("reset.or")}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="generate-random-pin"
          @click=${this.#chooseRandom}
        >
          ${i18n.t("reset.generateRandom")}
        </button>
        ${this.#renderCancel()}
      </div>
    </section>`;
  }

  #renderSave(name: string) {
    const summary = this.random
      ? i18n.t("reset.summaryRandom", { name })
      : i18n.t("reset.summaryTyped", { name });
    return html`<section aria-labelledby="reset-title">
      <h2 id="reset-title" tabindex="-1">${i18n.t("reset.saveTitle")}</h2>
      <p class="notice" data-testid="reset-summary">${summary}</p>
      <p>${i18n.t("reset.saveHint")}</p>
      ${this.#renderProblem()}
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="save-changes"
          ?disabled=${this.busy}
          @click=${this.#save}
        >
          ${i18n.t("reset.save")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="reset-back"
          @click=${() => this.#go("temporary")}
        >
          ${i18n.t("common.back")}
        </button>
        ${this.#renderCancel()}
      </div>
    </section>`;
  }

  #renderDone(name: string) {
    const result = this.result;
    if (result === undefined) {
      return nothing;
    }
    return html`<section
      role="status"
      data-testid="reset-confirmation"
      aria-labelledby="reset-title"
    >
      <h2 id="reset-title" tabindex="-1">
        ${i18n.t("reset.doneTitle", { name })}
      </h2>
      ${this.#renderDelivery(result, name)}
      <p>
        ${i18n.t("reset.expires", {
          time: formatDateTime(result.expiresAt),
        })}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="reset-done"
          @click=${this.#close}
        >
          ${i18n.t("reset.finish")}
        </button>
      </div>
    </section>`;
  }

  #renderDelivery(result: PinResetResponse, name: string) {
    switch (result.delivery) {
      case "email":
        return html`<p>${i18n.t("reset.doneEmail")}</p>`;
      case "sms":
        return html`<p>${i18n.t("reset.doneSms")}</p>`;
      case "in-person":
        return result.temporaryPin === undefined
          ? html`<p>${i18n.t("reset.doneInPersonTyped", { name })}</p>`
          : html`<p>${i18n.t("reset.doneInPerson", { name })}</p>
              <p
                class="temporary-pin"
                data-testid="temporary-pin-display"
                aria-label=${`${i18n.t("reset.temporaryPinLabel")}: ${[
                  ...result.temporaryPin,
                ].join(" ")}`}
              >
                ${result.temporaryPin}
              </p>`;
    }
  }

  #renderCancel() {
    return html`<button
      type="button"
      class="button secondary"
      data-testid="cancel-reset"
      @click=${this.#close}
    >
      ${i18n.t("common.cancel")}
    </button>`;
  }

  #renderProblem() {
    if (this.violations.length > 0) {
      return html`<div
        class="error"
        role="alert"
        data-testid="temporary-pin-error"
      >
        ${i18n.t("reset.notAllowed")}
        <ul>
          ${describeViolations(this.violations, this.minLength).map(
            (sentence) => html`<li>${sentence}</li>`,
          )}
        </ul>
      </div>`;
    }
    return renderErrorNotice(this.error, "reset-error");
  }

  #go(step: Step): void {
    this.error = undefined;
    this.violations = [];
    this.step = step;
    void this.updateComplete.then(() => this.#focusHeading());
  }

  /** Moves focus to the step's heading, so a screen reader reads it next. */
  #focusHeading(): void {
    const input =
      this.renderRoot.querySelector<HTMLInputElement>("#temporary-pin");
    const heading = this.renderRoot.querySelector<HTMLElement>("#reset-title");
    (input ?? heading)?.focus();
  }

  readonly #submitTyped = (event: SubmitEvent): void => {
    event.preventDefault();
    const input =
      this.renderRoot.querySelector<HTMLInputElement>("#temporary-pin");
    const pin = input?.value.trim() ?? "";
    const violations = checkPinPolicy({
      pin,
      minLength: this.minLength,
      ...(this.target !== undefined && {
        employeeNumber: this.target.employeeNumber,
      }),
    });
    if (violations.length > 0) {
      this.error = undefined;
      this.violations = violations;
      input?.focus();
      return;
    }
    this.#temporaryPin = pin;
    this.random = false;
    this.#go("save");
  };

  readonly #chooseRandom = (): void => {
    this.#temporaryPin = undefined;
    this.random = true;
    this.#go("save");
  };

  readonly #save = async (): Promise<void> => {
    const target = this.target;
    if (target === undefined || this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      const result = await withProof(
        {
          action: i18n.t("reset.proofAction", { name: fullName(target) }),
          confirmLabel: i18n.t("reset.save"),
          submitTestId: "proof-submit",
        },
        (proof) => {
          const body: AdminPinResetRequest = {
            proof,
            ...(this.#temporaryPin !== undefined && {
              temporaryPin: this.#temporaryPin,
            }),
          };
          return adminApi.post(
            `/api/admin/users/${encodeURIComponent(target.id)}/pin-reset`,
            body,
            PinResetResponse,
          );
        },
      );
      if (result === undefined) {
        return;
      }
      this.#temporaryPin = undefined;
      this.result = result;
      this.#go("done");
      this.dispatchEvent(
        new CustomEvent("pin-reset", { bubbles: true, composed: true }),
      );
    } catch (error) {
      this.#showFailure(error);
    } finally {
      this.busy = false;
    }
  };

  /** A PIN the hub's rules reject sends the user back to step 6. */
  #showFailure(error: unknown): void {
    if (
      error instanceof AdminApiError &&
      error.code === "PIN_POLICY_VIOLATION"
    ) {
      const violations = error.details["violations"];
      this.#go("temporary");
      this.violations = Array.isArray(violations)
        ? violations
        : typeof violations === "string"
          ? violations.split(", ")
          : [];
      if (this.violations.length === 0) {
        this.error = error;
      }
      return;
    }
    this.error = error;
  }

  async #loadMinLength(): Promise<void> {
    if (!panelSession.can("settings.manage")) {
      return;
    }
    try {
      const { settings } = await adminApi.get(
        "/api/admin/settings",
        AdminSettingsResponse,
      );
      this.minLength = Math.max(settings.pinMinLength, PIN_LENGTH_MIN);
    } catch {
      // The hub checks the PIN against its settings anyway; the default
      // only shapes the hint and the check before sending.
    }
  }

  readonly #close = (): void => {
    this.#temporaryPin = undefined;
    this.result = undefined;
    this.dispatchEvent(
      new CustomEvent("reset-closed", { bubbles: true, composed: true }),
    );
  };
}

customElements.define("sf-panel-pin-reset", PinResetFlow);

declare global {
  interface HTMLElementTagNameMap {
    "sf-panel-pin-reset": PinResetFlow;
  }
}
