import { html } from "lit";
import type { PageRoute } from "../app/route";
import { i18n } from "../i18n";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";

/** TODO: the page's content follows; the shell already routes to it. */
export class StoresPage extends PanelElement {
  static override properties = { route: { attribute: false } };
  static override styles = [sharedStyles];
  declare route: PageRoute | undefined;

  protected override render() {
    return html`<h1>${i18n.t("nav.stores")}</h1>`;
  }
}

customElements.define("sf-stores-page", StoresPage);
