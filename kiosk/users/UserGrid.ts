import { css, html, nothing } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import type { KioskUser } from "../../protocol";
import { i18n } from "../i18n";
import { KioskElement } from "../ui/KioskElement";
import { RedrawTimer } from "../ui/RedrawTimer";
import { lockIcon } from "../ui/lockIcon";
import { sharedStyles } from "../ui/sharedStyles";
import {
  avatarColour,
  fullName,
  initials,
  isUserLocked,
  nextLockExpiry,
} from "./userDisplay";
import { searchUsers, sortUsers } from "./userSearch";

/**
 * The store's users as large tiles with a search box above them. Used to
 * pick who signs in and, in the manager tools, whom to help. A tile shows a
 * lock badge while the user's lock lasts, and the grid redraws when a timed
 * lock ends.
 */
export class UserGrid extends KioskElement {
  static override properties = {
    users: { attribute: false },
    searchLabel: { type: String },
    query: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .search {
        max-width: 32rem;
        margin-bottom: 1rem;
      }

      ul {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
        gap: 1rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }

      .tile {
        position: relative;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.5rem;
        width: 100%;
        min-height: 148px;
        padding: 1rem 0.5rem;
        border: 2px solid var(--sf-border-subtle);
        border-radius: 16px;
        background: var(--sf-surface);
        color: var(--sf-text);
        cursor: pointer;
      }

      .tile:hover {
        border-color: var(--sf-primary);
      }

      .avatar {
        display: grid;
        place-items: center;
        width: 64px;
        height: 64px;
        border-radius: 50%;
        color: #fff;
        font-size: 1.5rem;
        font-weight: 700;
      }

      .name {
        font-size: 1.125rem;
        font-weight: 600;
        text-align: center;
        overflow-wrap: anywhere;
      }

      .role {
        color: var(--sf-text-muted);
        font-size: 0.9375rem;
      }

      .lock {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        position: absolute;
        top: 0.5rem;
        right: 0.5rem;
        padding: 0.125rem 0.5rem;
        border-radius: 999px;
        background: var(--sf-danger);
        color: var(--sf-on-primary);
        font-size: 0.875rem;
        font-weight: 600;
      }
    `,
  ];

  declare users: readonly KioskUser[];
  /** Label of the search box. */
  declare searchLabel: string;
  declare query: string;

  onSelect: ((user: KioskUser) => void) | undefined;

  readonly #redraw = new RedrawTimer(this);

  constructor() {
    super();
    this.users = [];
    this.searchLabel = "";
    this.query = "";
  }

  protected override updated(): void {
    this.#redraw.redrawAt(nextLockExpiry(this.users, Date.now()));
  }

  protected override render() {
    const now = Date.now();
    const matches = sortUsers(
      searchUsers(this.users, this.query, i18n.code),
      i18n.code,
    );
    return html`
      <div class="search">
        <label for="search"
          >${this.searchLabel || i18n.t("signIn.searchLabel")}</label
        >
        <input
          id="search"
          class="text-input"
          type="search"
          data-testid="user-search"
          autocomplete="off"
          spellcheck="false"
          .value=${this.query}
          @input=${(event: Event) => {
            this.query = (event.currentTarget as HTMLInputElement).value;
          }}
        />
      </div>
      ${this.#renderEmpty(matches.length)}
      <ul>
        ${matches.map((user) => html`<li>${this.#renderTile(user, now)}</li>`)}
      </ul>
    `;
  }

  #renderEmpty(matchCount: number) {
    if (matchCount > 0) {
      return nothing;
    }
    const text =
      this.users.length === 0
        ? i18n.t("signIn.noUsers")
        : i18n.t("signIn.noMatch", { query: this.query.trim() });
    return html`<p class="muted" role="status">${text}</p>`;
  }

  #renderTile(user: KioskUser, now: number) {
    const locked = isUserLocked(user, now);
    const name = fullName(user);
    const label = locked
      ? i18n.t("userTile.labelLocked", { name, role: user.role.name })
      : i18n.t("userTile.label", { name, role: user.role.name });
    return html`<button
      type="button"
      class="tile"
      data-testid="user-${user.employeeNumber}"
      aria-label=${label}
      @click=${() => this.onSelect?.(user)}
    >
      <span
        class="avatar"
        aria-hidden="true"
        style=${styleMap({ background: avatarColour(user.id) })}
        >${initials(user, i18n.code)}</span
      >
      <span class="name">${name}</span>
      <span class="role">${user.role.name}</span>
      ${
        locked
          ? html`<span class="lock" data-testid="lock-badge"
              >${lockIcon} ${i18n.t("userTile.locked")}</span
            >`
          : nothing
      }
    </button>`;
  }
}

customElements.define("sf-user-grid", UserGrid);

declare global {
  interface HTMLElementTagNameMap {
    "sf-user-grid": UserGrid;
  }
}
