import { css, html, nothing } from "lit";
import { i18n } from "../i18n";
import "../account/ChangePasswordDialog";
import type { ChangePasswordDialog } from "../account/ChangePasswordDialog";
import { confirmAction } from "../ui/ConfirmDialog";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import { panelSession } from "./PanelSession";

/**
 * The signed-in user's menu in the header: who is signed in, change
 * password, their passkeys, sign out, and sign out everywhere. A
 * disclosure button opens it; Escape closes it and returns focus to the
 * button.
 */
export class AccountMenu extends PanelElement {
  static override properties = {
    open: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        position: relative;
        color: var(--sf-text);
      }

      .toggle {
        background: transparent;
        color: var(--sf-on-bar);
        border-color: var(--sf-on-bar);
      }

      /* The usual focus colour is too dark against the bar. */
      .toggle:focus-visible {
        outline-color: var(--sf-on-bar);
      }

      .menu {
        position: absolute;
        right: 0;
        top: calc(100% + 0.5rem);
        z-index: 5;
        min-width: 18rem;
        padding: 0.75rem;
        border: 2px solid var(--sf-border);
        border-radius: 8px;
        background: var(--sf-surface);
        box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
      }

      .menu ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }

      .menu button {
        width: 100%;
      }

      .who {
        margin-bottom: 0.5rem;
      }
    `,
  ];

  declare open: boolean;
  declare error: unknown;

  constructor() {
    super();
    this.open = false;
    this.error = undefined;
  }

  protected override render() {
    const user = panelSession.user;
    if (user === undefined) {
      return nothing;
    }
    const name = `${user.firstName} ${user.lastName}`;
    return html`<button
        type="button"
        class="button toggle"
        data-testid="account-menu"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="account-items"
        @click=${this.#toggle}
      >
        ${i18n.t("account.menu")}: ${name}
      </button>
      <div
        id="account-items"
        class="menu"
        ?hidden=${!this.open}
        @keydown=${this.#onKeydown}
        @focusout=${this.#onFocusOut}
      >
        <p class="who" data-testid="signed-in-user">
          ${i18n.t("account.signedInAs", { name, role: user.roleName })}
        </p>
        ${renderErrorNotice(this.error, "account-error")}
        <ul>
          <li>
            <button
              type="button"
              class="link-button"
              data-testid="change-password"
              @click=${this.#changePassword}
            >
              ${i18n.t("account.changePassword")}
            </button>
          </li>
          <li>
            <a
              class="link-button"
              href="#/passkeys"
              data-testid="account-passkeys"
              @click=${() => {
                this.open = false;
              }}
              >${i18n.t("account.passkeys")}</a
            >
          </li>
          <li>
            <button
              type="button"
              class="link-button"
              data-testid="sign-out"
              @click=${this.#signOut}
            >
              ${i18n.t("account.signOut")}
            </button>
          </li>
          <li>
            <button
              type="button"
              class="link-button"
              data-testid="sign-out-everywhere"
              @click=${this.#signOutEverywhere}
            >
              ${i18n.t("account.signOutEverywhere")}
            </button>
          </li>
        </ul>
      </div>
      <sf-change-password-dialog></sf-change-password-dialog>`;
  }

  readonly #toggle = (): void => {
    this.open = !this.open;
    this.error = undefined;
    if (this.open) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(".menu button")?.focus(),
      );
    }
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === "Escape") {
      this.#close();
    }
  };

  /** Closes the menu when focus moves outside it, as with Tab. */
  readonly #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget;
    if (next instanceof Node && this.renderRoot.contains(next)) {
      return;
    }
    this.open = false;
  };

  #close(): void {
    this.open = false;
    this.renderRoot
      .querySelector<HTMLElement>('[data-testid="account-menu"]')
      ?.focus();
  }

  readonly #changePassword = (): void => {
    this.#close();
    this.renderRoot
      .querySelector<ChangePasswordDialog>("sf-change-password-dialog")
      ?.show();
  };

  readonly #signOut = async (): Promise<void> => {
    try {
      await panelSession.signOut();
    } catch (error) {
      this.error = error;
    }
  };

  readonly #signOutEverywhere = async (): Promise<void> => {
    const confirmed = await confirmAction({
      title: i18n.t("account.signOutEverywhereTitle"),
      message: i18n.t("account.signOutEverywhereMessage"),
      confirmLabel: i18n.t("account.signOutEverywhere"),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    try {
      await panelSession.signOutEverywhere();
    } catch (error) {
      this.error = error;
    }
  };
}

customElements.define("sf-account-menu", AccountMenu);

declare global {
  interface HTMLElementTagNameMap {
    "sf-account-menu": AccountMenu;
  }
}
