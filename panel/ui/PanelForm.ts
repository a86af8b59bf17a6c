import { html, type PropertyDeclarations } from "lit";
import { i18n } from "../i18n";
import { renderErrorNotice } from "./fieldErrors";
import { PanelElement } from "./PanelElement";
import { sharedStyles } from "./sharedStyles";

/**
 * Base of the control panel's forms: keeps the `busy` and `error` state,
 * sends the form once at a time and fires the saved or cancel event.
 */
export class PanelForm extends PanelElement {
  static override properties: PropertyDeclarations = {
    busy: { state: true },
    error: { state: true },
  };

  static override styles = [sharedStyles];

  declare busy: boolean;
  declare error: unknown;

  constructor() {
    super();
    this.busy = false;
    this.error = undefined;
  }

  /**
   * Reads the form, runs `save` with its data while `busy`, and fires
   * `savedEvent` with the result. An error from `save` is kept in `error`;
   * an undefined result fires nothing.
   */
  protected async submitForm<T>(
    event: SubmitEvent,
    savedEvent: string,
    save: (data: FormData) => Promise<T | undefined>,
  ): Promise<void> {
    event.preventDefault();
    const form = this.renderRoot.querySelector("form");
    if (form === null || this.busy) {
      return;
    }
    const data = new FormData(form);
    this.busy = true;
    try {
      const saved = await save(data);
      if (saved !== undefined) {
        this.error = undefined;
        this.dispatchEvent(
          new CustomEvent<T>(savedEvent, {
            detail: saved,
            bubbles: true,
            composed: true,
          }),
        );
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Renders the hub's error, then the submit button (disabled while busy)
   * and the cancel button that fires `<name>-form-cancel`. The test ids
   * start with `name`.
   */
  protected renderFormEnd(name: string, submitLabel: string) {
    return html`${renderErrorNotice(this.error, `${name}-form-error`)}
      <div class="actions">
        <button
          type="submit"
          class="button"
          data-testid=${`${name}-save`}
          ?disabled=${this.busy}
        >
          ${submitLabel}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid=${`${name}-cancel`}
          @click=${() => this.notify(`${name}-form-cancel`)}
        >
          ${i18n.t("common.cancel")}
        </button>
      </div>`;
  }

  /** Fires the event `type`, bubbling out of the shadow root, with no detail. */
  protected notify(type: string): void {
    this.dispatchEvent(
      new CustomEvent(type, { bubbles: true, composed: true }),
    );
  }
}
