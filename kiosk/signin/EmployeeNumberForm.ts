import { css, html } from "lit";
import { EmployeeNumber } from "../../protocol";
import { i18n } from "../i18n";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * The employee-number field of the sign-in screen, for organisations whose
 * settings ask for the number instead of showing a list of names. The
 * number is checked with the protocol's schema before it is passed on.
 */
export class EmployeeNumberForm extends KioskElement {
  static override properties = {
    invalid: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 32rem;
      }
    `,
  ];

  declare invalid: boolean;

  onSubmit: ((employeeNumber: string) => void) | undefined;

  constructor() {
    super();
    this.invalid = false;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector("input")?.focus();
  }

  protected override render() {
    return html`<form novalidate @submit=${this.#handleSubmit}>
      <label for="employee-number"
        >${i18n.t("signIn.employeeNumberLabel")}</label
      >
      <input
        id="employee-number"
        class="text-input"
        data-testid="employee-number-input"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        aria-invalid=${this.invalid ? "true" : "false"}
        aria-describedby="employee-number-error"
        @input=${() => {
          this.invalid = false;
        }}
      />
      <p
        id="employee-number-error"
        class="error"
        role="alert"
        ?hidden=${!this.invalid}
      >
        ${this.invalid ? i18n.t("signIn.employeeNumberInvalid") : ""}
      </p>
      <div class="actions">
        <button type="submit" class="button" data-testid="employee-number-next">
          ${i18n.t("signIn.next")}
        </button>
      </div>
    </form>`;
  }

  readonly #handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = this.renderRoot.querySelector("input");
    const parsed = EmployeeNumber.safeParse(input?.value ?? "");
    if (!parsed.success) {
      this.invalid = true;
      return;
    }
    this.onSubmit?.(parsed.data);
  };
}

customElements.define("sf-employee-number-form", EmployeeNumberForm);

declare global {
  interface HTMLElementTagNameMap {
    "sf-employee-number-form": EmployeeNumberForm;
  }
}
