import { LitElement } from "lit";
import { i18n } from "../i18n";

/**
 * Base of the control panel's elements: redraws when the language changes,
 * so each element can call `i18n.t` in `render` without passing the
 * language down.
 */
export class PanelElement extends LitElement {
  #unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = i18n.subscribe(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
