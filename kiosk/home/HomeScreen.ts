import { css, html, nothing } from "lit";
import type { SessionUser } from "../../protocol";
import { i18n } from "../i18n";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";
import { avatarColour, fullName, initials } from "../users/userDisplay";
import { styleMap } from "lit/directives/style-map.js";

/**
 * The signed-in home: who is signed in and with which role, Change PIN,
 * Sign out, and Settings (the way into the manager tools) when the role
 * has a manager permission. The tablet's status is in the top bar.
 */
export class HomeScreen extends KioskElement {
  static override properties = {
    user: { attribute: false },
    storeName: { type: String },
    showSettings: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      .who {
        display: flex;
        align-items: center;
        gap: 1rem;
        margin-bottom: 1.5rem;
      }

      .avatar {
        display: grid;
        flex: none;
        place-items: center;
        width: 72px;
        height: 72px;
        border-radius: 50%;
        color: #fff;
        font-size: 1.75rem;
        font-weight: 700;
      }

      .who h1 {
        margin: 0;
      }

      .who p {
        margin: 0.25rem 0 0;
      }

      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
        gap: 1rem;
      }

      .tiles .button {
        min-height: 96px;
        font-size: 1.25rem;
      }
    `,
  ];

  declare user: SessionUser | undefined;
  declare storeName: string;
  /** Whether to show Settings, which leads to the manager tools. */
  declare showSettings: boolean;

  onChangePin: (() => void) | undefined;
  onSignOut: (() => void) | undefined;
  onOpenSettings: (() => void) | undefined;

  constructor() {
    super();
    this.user = undefined;
    this.storeName = "";
    this.showSettings = false;
  }

  protected override render() {
    const user = this.user;
    if (user === undefined) {
      return nothing;
    }
    return html`<section data-testid="home" aria-labelledby="home-title">
      <div class="who">
        <span
          class="avatar"
          aria-hidden="true"
          style=${styleMap({ background: avatarColour(user.id) })}
          >${initials(user, i18n.code)}</span
        >
        <div>
          <h1 id="home-title" data-testid="home-user-name">
            ${i18n.t("home.title", { name: fullName(user) })}
          </h1>
          <p data-testid="home-role">
            ${i18n.t("home.role", { role: user.role.name })}
          </p>
          <p class="muted">
            ${i18n.t("home.store", { store: this.storeName })}
          </p>
        </div>
      </div>
      <div class="tiles">
        <button
          type="button"
          class="button"
          data-testid="change-pin"
          @click=${() => this.onChangePin?.()}
        >
          ${i18n.t("home.changePin")}
        </button>
        ${
          this.showSettings
            ? html`<button
                type="button"
                class="button"
                data-testid="open-settings"
                @click=${() => this.onOpenSettings?.()}
              >
                ${i18n.t("home.settings")}
              </button>`
            : nothing
        }
        <button
          type="button"
          class="button secondary"
          data-testid="sign-out"
          @click=${() => this.onSignOut?.()}
        >
          ${i18n.t("home.signOut")}
        </button>
      </div>
    </section>`;
  }
}

customElements.define("sf-home-screen", HomeScreen);

declare global {
  interface HTMLElementTagNameMap {
    "sf-home-screen": HomeScreen;
  }
}
