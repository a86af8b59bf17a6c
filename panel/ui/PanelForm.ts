import type { PropertyDeclarations } from "lit";
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

  /** Fires the event `type`, bubbling out of the shadow root, with no detail. */
  protected notify(type: string): void {
    this.dispatchEvent(
      new CustomEvent(type, { bubbles: true, composed: true }),
    );
  }
}
