import { css, html, nothing } from "lit";
import {
  PasskeyGrant,
  PasskeyListResponse,
  type PasskeyListItem,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { i18n } from "../i18n";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import { renderPasskeyError } from "./passkeyErrors";
import { renderPasskeyTable } from "./passkeyTable";
import { formatDateTime } from "../ui/formatDateTime";

/**
 * `<sf-user-passkeys>`: the passkeys section of a user's page, for an
 * actor who may manage that user. It lists the user's passkeys, removes one
 * and issues a one-time registration grant, each with the actor's proof;
 * the hub checks the scope again.
 */
export class UserPasskeysSection extends PanelElement {
  static override properties = {
    userId: { attribute: false },
    name: { attribute: false },
    active: { attribute: false },
    canRegister: { attribute: false },
    passkeys: { state: true },
    loadError: { state: true },
    error: { state: true },
    grant: { state: true },
    removed: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin-bottom: 1.25rem;
      }

      .code {
        padding: 0.75rem 1rem;
        border: 3px dashed var(--sf-primary);
        border-radius: 12px;
        font-family: ui-monospace, monospace;
        font-size: 1.5rem;
        letter-spacing: 0.1em;
      }
    `,
  ];

  declare userId: string;
  /** The user's full name, for the texts. */
  declare name: string;
  /** False for a deactivated user, who gets no grant. */
  declare active: boolean;
  /** False when the user's role may not register passkeys. */
  declare canRegister: boolean;
  declare passkeys: readonly PasskeyListItem[] | undefined;
  declare loadError: unknown;
  declare error: unknown;
  declare grant: PasskeyGrant | undefined;
  /** Name of the passkey removed last, for the outcome. */
  declare removed: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.userId = "";
    this.name = "";
    this.active = true;
    this.canRegister = true;
    this.passkeys = undefined;
    this.loadError = undefined;
    this.error = undefined;
    this.grant = undefined;
    this.removed = undefined;
    this.busy = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("userId")) {
      this.passkeys = undefined;
      this.grant = undefined;
      this.removed = undefined;
      this.error = undefined;
      void this.#load();
    }
  }

  protected override render() {
    return html`<section
      class="card"
      aria-labelledby="user-passkeys-title"
      data-testid="user-passkeys"
    >
      <h2 id="user-passkeys-title">${i18n.t("userPasskeys.title")}</h2>
      ${this.#renderOutcome()}
      ${renderPasskeyError(this.error, "user-passkeys-error")}
      ${this.#renderList()} ${this.#renderGrantAction()}
    </section>`;
  }

  #renderOutcome() {
    const grant = this.grant;
    if (grant !== undefined) {
      return html`<div
        class="success"
        role="status"
        data-testid="passkey-grant-issued"
      >
        <p>${i18n.t("userPasskeys.grantIssued", { name: this.name })}</p>
        <p class="code" data-testid="passkey-grant-code">${grant.code}</p>
        <p data-testid="passkey-grant-expiry">
          ${i18n.t("userPasskeys.grantExpires", {
            time: formatDateTime(grant.expiresAt),
          })}
        </p>
        <button
          type="button"
          class="button secondary"
          data-testid="passkey-grant-done"
          @click=${this.#closeGrant}
        >
          ${i18n.t("userPasskeys.grantDone")}
        </button>
      </div>`;
    }
    if (this.removed !== undefined) {
      return html`<p
        class="success"
        role="status"
        data-testid="user-passkeys-notice"
      >
        ${i18n.t("userPasskeys.removed", {
          passkey: this.removed,
          name: this.name,
        })}
      </p>`;
    }
    return nothing;
  }

  #renderList() {
    const passkeys = this.passkeys;
    if (passkeys === undefined) {
      return this.loadError === undefined
        ? html`<p role="status">${i18n.t("app.loading")}</p>`
        : renderPasskeyError(this.loadError, "user-passkeys-load-error");
    }
    if (passkeys.length === 0) {
      return html`<p data-testid="user-passkeys-empty">
        ${i18n.t("userPasskeys.empty", { name: this.name })}
      </p>`;
    }
    return renderPasskeyTable({
      passkeys,
      caption: i18n.t("userPasskeys.caption", { name: this.name }),
      empty: i18n.t("userPasskeys.empty", { name: this.name }),
      testIdPrefix: "user-passkey",
      removeLabel: (passkey) =>
        i18n.t("userPasskeys.removeLabel", {
          passkey: passkey.name,
          name: this.name,
        }),
      onRemove: (passkey) => void this.#remove(passkey),
      busy: this.busy,
    });
  }

  /**
   * A grant helps only a user without a passkey whose role may register
   * one, so it is offered then.
   */
  #renderGrantAction() {
    const passkeys = this.passkeys;
    if (passkeys === undefined || !this.active) {
      return nothing;
    }
    if (passkeys.length > 0) {
      return html`<p class="help">
        ${i18n.t("userPasskeys.hasPasskey", { name: this.name })}
      </p>`;
    }
    if (!this.canRegister) {
      return html`<p class="help" data-testid="passkey-role-cannot-register">
        ${i18n.t("userPasskeys.roleCannotRegister", { name: this.name })}
      </p>`;
    }
    return html`<p id="passkey-grant-hint" class="help">
        ${i18n.t("userPasskeys.grantHint", { name: this.name })}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button secondary"
          data-testid="issue-passkey-grant"
          aria-describedby="passkey-grant-hint"
          ?disabled=${this.busy}
          @click=${this.#issueGrant}
        >
          ${i18n.t("userPasskeys.issueGrant")}
        </button>
      </div>`;
  }

  #url(suffix: string): string {
    return `/api/admin/users/${encodeURIComponent(this.userId)}${suffix}`;
  }

  async #load(): Promise<void> {
    const requested = this.userId;
    if (requested === "") {
      return;
    }
    try {
      const list = await adminApi.get(
        this.#url("/passkeys"),
        PasskeyListResponse,
      );
      if (requested === this.userId) {
        this.passkeys = list.passkeys;
        this.loadError = undefined;
      }
    } catch (error) {
      if (requested === this.userId) {
        this.loadError = error;
      }
    }
  }

  readonly #issueGrant = async (): Promise<void> => {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    this.removed = undefined;
    try {
      const grant = await withProof(
        {
          action: i18n.t("userPasskeys.proofGrant", { name: this.name }),
          confirmLabel: i18n.t("userPasskeys.issueGrant"),
        },
        (proof) =>
          adminApi.post(this.#url("/passkey-grants"), { proof }, PasskeyGrant),
      );
      if (grant !== undefined) {
        this.grant = grant;
        await this.updateComplete;
        this.renderRoot
          .querySelector<HTMLElement>('[data-testid="passkey-grant-done"]')
          ?.focus();
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  };

  readonly #closeGrant = async (): Promise<void> => {
    this.grant = undefined;
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>('[data-testid="issue-passkey-grant"]')
      ?.focus();
  };

  async #remove(passkey: PasskeyListItem): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    this.grant = undefined;
    this.removed = undefined;
    try {
      const done = await withProof(
        {
          action: i18n.t("userPasskeys.proofRemove", {
            passkey: passkey.name,
            name: this.name,
          }),
          confirmLabel: i18n.t("passkeys.remove"),
        },
        (proof) =>
          adminApi
            .delete(
              this.#url(`/passkeys/${encodeURIComponent(passkey.id)}`),
              undefined,
              { proof },
            )
            .then(() => true),
      );
      if (done === true) {
        this.removed = passkey.name;
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
      await this.#load();
    }
  }
}

customElements.define("sf-user-passkeys", UserPasskeysSection);

declare global {
  interface HTMLElementTagNameMap {
    "sf-user-passkeys": UserPasskeysSection;
  }
}
