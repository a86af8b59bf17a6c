/**
 * Returns the focused element, looked up through open shadow roots, where
 * `document.activeElement` stops at the outermost host.
 */
export function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) {
    active = active.shadowRoot.activeElement;
  }
  return active instanceof HTMLElement ? active : undefined;
}
