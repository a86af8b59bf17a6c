import { html } from "lit";
import type { AdminUserDetail } from "../../protocol";
import { orgDirectory } from "../app/OrgDirectory";
import { navigate, routeHref, type PageRoute } from "../app/route";
import { i18n } from "../i18n";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import "./UserDetail";
import "./UserForm";
import "./UserList";

/**
 * The Users page: `#/users` lists and filters users, `#/users/new` creates
 * one, and `#/users/<id>` shows one user with the PIN reset and the other
 * actions.
 */
export class UsersPage extends PanelElement {
  static override properties = { route: { attribute: false } };
  static override styles = [sharedStyles];

  declare route: PageRoute | undefined;

  constructor() {
    super();
    this.route = undefined;
  }

  protected override render() {
    const [first] = this.route?.segments ?? [];
    if (first === undefined) {
      return html`<sf-user-list .route=${this.route}></sf-user-list>`;
    }
    if (first === "new") {
      return html`<p>
          <a class="back" href="#/users" data-testid="back-to-users"
            >${i18n.t("users.backToList")}</a
          >
        </p>
        <h1>${i18n.t("users.title")}</h1>
        <div class="card">
          <sf-user-form
            @user-saved=${this.#onCreated}
            @user-form-cancel=${() => navigate("#/users")}
          ></sf-user-form>
        </div>`;
    }
    return html`<sf-user-detail .userId=${first}></sf-user-detail>`;
  }

  readonly #onCreated = (event: CustomEvent<AdminUserDetail>): void => {
    void orgDirectory.load(true);
    navigate(routeHref("#/users", [event.detail.id]));
  };
}

customElements.define("sf-users-page", UsersPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-users-page": UsersPage;
  }
}
