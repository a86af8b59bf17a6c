import { css, html, nothing } from "lit";
import { EnrollmentCode, EnrollRequest } from "../../protocol";
import { describeError } from "../i18n/describeError";
import { i18n } from "../i18n";
import { KioskError } from "../net/KioskError";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

/** A field of the form that failed its check. */
type Problem = "code" | "name";

/**
 * The first screen of a tablet that is not enrolled: the enrollment code a
 * manager issued, and an optional name for the tablet. Both are checked with
 * the protocol's schemas before anything is sent, so a mistyped code is
 * reported at once instead of costing one of the limited attempts.
 */
export class EnrollmentScreen extends KioskElement {
  static override properties = {
    reason: { type: String },
    busy: { state: true },
    problem: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 36rem;
        margin: 0 auto;
      }

      .field {
        margin-bottom: 1.25rem;
      }

      .help {
        margin: 0.375rem 0 0;
      }

      #code {
        font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
        letter-spacing: 0.08em;
        text-transform: uppercase;
      }
    `,
  ];

  /** The reason the tablet must enroll again, if it was enrolled before. */
  declare reason: "revoked" | "unknown" | undefined;
  declare busy: boolean;
  declare problem: Problem | undefined;
  declare error: KioskError | undefined;

  /** Enrolls with the checked code and name; rejects with a KioskError. */
  onEnroll:
    ((code: string, name: string | undefined) => Promise<void>) | undefined;

  constructor() {
    super();
    this.reason = undefined;
    this.busy = false;
    this.problem = undefined;
    this.error = undefined;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("#code")?.focus();
  }

  protected override render() {
    return html`<section class="card" aria-labelledby="enroll-title">
      <h1 id="enroll-title">${i18n.t("enroll.title")}</h1>
      ${this.#renderReason()}
      <p>${i18n.t("enroll.hint")}</p>
      <form novalidate @submit=${this.#submit}>
        <div class="field">
          <label for="code">${i18n.t("enroll.codeLabel")}</label>
          <input
            id="code"
            class="text-input"
            data-testid="enrollment-code-input"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="20"
            aria-describedby="code-help code-problem"
            aria-invalid=${this.problem === "code" ? "true" : "false"}
            @input=${this.#clearProblem}
          />
          <p id="code-help" class="help muted">${i18n.t("enroll.codeHelp")}</p>
          <div id="code-problem">
            ${
              this.problem === "code"
                ? html`<p class="error" role="alert">
                    ${i18n.t("enroll.codeInvalid")}
                  </p>`
                : nothing
            }
          </div>
        </div>
        <div class="field">
          <label for="name">${i18n.t("enroll.nameLabel")}</label>
          <input
            id="name"
            class="text-input"
            data-testid="enrollment-name-input"
            autocomplete="off"
            maxlength="60"
            aria-describedby="name-help name-problem"
            aria-invalid=${this.problem === "name" ? "true" : "false"}
            @input=${this.#clearProblem}
          />
          <p id="name-help" class="help muted">${i18n.t("enroll.nameHelp")}</p>
          <div id="name-problem">
            ${
              this.problem === "name"
                ? html`<p class="error" role="alert">
                    ${i18n.t("enroll.nameTooLong")}
                  </p>`
                : nothing
            }
          </div>
        </div>
        ${
          this.error === undefined
            ? nothing
            : html`<p class="error" role="alert" data-testid="enrollment-error">
                ${describeError(this.error, i18n)}
              </p>`
        }
        <div class="actions">
          <button
            type="submit"
            class="button"
            data-testid="enroll-submit"
            ?disabled=${this.busy}
          >
            ${i18n.t("enroll.submit")}
          </button>
        </div>
      </form>
    </section>`;
  }

  #renderReason() {
    if (this.reason === undefined) {
      return nothing;
    }
    const text =
      this.reason === "revoked"
        ? i18n.t("enroll.revoked")
        : i18n.t("enroll.unknown");
    return html`<p class="notice" role="status" data-testid="enrollment-notice">
      ${text}
    </p>`;
  }

  readonly #clearProblem = (): void => {
    this.problem = undefined;
  };

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy) {
      return;
    }
    const codeInput = this.renderRoot.querySelector<HTMLInputElement>("#code");
    const nameInput = this.renderRoot.querySelector<HTMLInputElement>("#name");
    const code = EnrollmentCode.safeParse(codeInput?.value ?? "");
    if (!code.success) {
      this.problem = "code";
      codeInput?.focus();
      return;
    }
    const typedName = nameInput?.value.trim() ?? "";
    const name = EnrollRequest.shape.label.safeParse(
      typedName === "" ? undefined : typedName,
    );
    if (!name.success) {
      this.problem = "name";
      nameInput?.focus();
      return;
    }

    this.busy = true;
    this.error = undefined;
    try {
      await this.onEnroll?.(code.data, name.data);
    } catch (error) {
      this.error = KioskError.from(error);
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("sf-enrollment-screen", EnrollmentScreen);

declare global {
  interface HTMLElementTagNameMap {
    "sf-enrollment-screen": EnrollmentScreen;
  }
}
