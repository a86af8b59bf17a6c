import { css, html, nothing } from "lit";
import {
  AdminUserDetail,
  decideScope,
  PasswordCodeResponse,
  SignOutEverywhereResponse,
  type Permission,
  type ScopeDecision,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { orgDirectory } from "../app/OrgDirectory";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { confirmAction } from "../ui/ConfirmDialog";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import "../passkeys/UserPasskeysSection";
import "./PinResetFlow";
import "./UserForm";
import { fullName, lockText, pinStateText, statusText } from "./userDisplay";
import { formatDateTime } from "../ui/formatDateTime";

/** The part of the page on show: the sections, the edit form or the reset. */
type Mode = "view" | "edit" | "reset";

/** The outcome of the last action, shown once above the sections. */
type Outcome =
  | { readonly kind: "saved" | "unlocked" | "deactivated" | "reactivated" }
  | { readonly kind: "signed-out"; readonly sessions: number }
  | { readonly kind: "code"; readonly code: PasswordCodeResponse };

/**
 * One user: their profile (edit), "Access to the kiosk" (Generate New PIN,
 * unlock), access to the control panel (one-time password code), sessions
 * (sign out everywhere), passkeys, and the account (deactivate, reactivate).
 * Actions the scope rule forbids are explained instead of offered; the hub
 * decides again.
 */
export class UserDetail extends PanelElement {
  static override properties = {
    userId: { attribute: false },
    user: { state: true },
    mode: { state: true },
    error: { state: true },
    loadError: { state: true },
    outcome: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      section {
        margin-bottom: 1.25rem;
      }

      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.375rem 1.25rem;
        margin: 0 0 1rem;
      }

      dt {
        font-weight: 600;
      }

      dd {
        margin: 0;
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
  declare user: AdminUserDetail | undefined;
  declare mode: Mode;
  declare error: unknown;
  declare loadError: unknown;
  declare outcome: Outcome | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.userId = "";
    this.user = undefined;
    this.mode = "view";
    this.error = undefined;
    this.loadError = undefined;
    this.outcome = undefined;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void orgDirectory.load().then(() => this.requestUpdate());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("userId")) {
      this.user = undefined;
      this.mode = "view";
      this.outcome = undefined;
      this.error = undefined;
      void this.#load();
    }
  }

  protected override render() {
    const user = this.user;
    const back = html`<p>
      <a class="back" href="#/users" data-testid="back-to-users"
        >${i18n.t("users.backToList")}</a
      >
    </p>`;
    if (user === undefined) {
      return html`${back}
      ${
        this.loadError === undefined
          ? html`<p role="status">${i18n.t("app.loading")}</p>`
          : renderErrorNotice(this.loadError, "user-load-error")
      }`;
    }
    const name = fullName(user);
    return html`${back}
      <h1 data-testid="user-name">${name}</h1>
      <p class="muted">
        ${user.employeeNumber} · ${user.role.name} ·
        <span data-testid="user-status">${statusText(user)}</span>
      </p>
      ${this.#renderOutcome(name)}
      ${renderErrorNotice(this.error, "user-error")}
      ${this.#renderBody(user, name)}`;
  }

  #renderBody(user: AdminUserDetail, name: string) {
    switch (this.mode) {
      case "edit":
        return html`<div class="card">
          <sf-user-form
            .user=${user}
            @user-saved=${this.#onSaved}
            @user-form-cancel=${() => this.#setMode("view")}
          ></sf-user-form>
        </div>`;
      case "reset":
        return html`<div class="card">
          <sf-panel-pin-reset
            .target=${user}
            @pin-reset=${() => void this.#load()}
            @reset-closed=${() => this.#setMode("view")}
          ></sf-panel-pin-reset>
        </div>`;
      case "view":
        return html`${this.#renderProfile(user)}
        ${this.#renderKioskAccess(user, name)}
        ${this.#renderPanelAccess(user, name)}
        ${this.#renderSessions(user, name)} ${this.#renderPasskeys(user, name)}
        ${this.#renderAccount(user, name)}`;
    }
  }

  #renderProfile(user: AdminUserDetail) {
    const stores = user.orgWide
      ? i18n.t("users.orgWide")
      : user.effectiveStoreIds
          .map((id) => orgDirectory.storeName(id))
          .join(", ");
    return html`<section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">${i18n.t("users.profile")}</h2>
      <dl data-testid="user-profile">
        <dt>${i18n.t("users.employeeNumber")}</dt>
        <dd>${user.employeeNumber}</dd>
        <dt>${i18n.t("users.email")}</dt>
        <dd>${user.email ?? i18n.t("users.none.value")}</dd>
        <dt>${i18n.t("users.phone")}</dt>
        <dd>${user.phone ?? i18n.t("users.none.value")}</dd>
        <dt>${i18n.t("users.role")}</dt>
        <dd data-testid="user-role-name">${user.role.name}</dd>
        <dt>${i18n.t("users.stores")}</dt>
        <dd data-testid="user-store-names">
          ${stores || i18n.t("users.none.value")}
        </dd>
        <dt>${i18n.t("users.groups")}</dt>
        <dd>
          ${
            user.groupIds.map((id) => orgDirectory.groupName(id)).join(", ") ||
            i18n.t("users.none.value")
          }
        </dd>
      </dl>
      <button
        type="button"
        class="button secondary"
        data-testid="edit-user"
        @click=${() => this.#setMode("edit")}
      >
        ${i18n.t("common.edit")}
      </button>
    </section>`;
  }

  #renderKioskAccess(user: AdminUserDetail, name: string) {
    const reset = this.#decide(user, "pin.reset");
    const unlock = this.#decide(user, "user.unlock");
    const lock = lockText(user);
    return html`<section
      class="card"
      aria-labelledby="kiosk-access-title"
      data-testid="kiosk-access"
    >
      <h2 id="kiosk-access-title">${i18n.t("users.kioskAccess")}</h2>
      <dl>
        <dt>${i18n.t("users.pinState")}</dt>
        <dd data-testid="user-pin-state">
          ${pinStateText(user)}
          ${
            user.pin === "temporary" && user.pinExpiresAt !== null
              ? i18n.t("users.pinExpires", {
                  time: formatDateTime(user.pinExpiresAt),
                })
              : nothing
          }
        </dd>
        <dt>${i18n.t("users.lock")}</dt>
        <dd data-testid="user-lock">${lock ?? i18n.t("users.notLocked")}</dd>
        <dt>${i18n.t("users.failedAttempts")}</dt>
        <dd>${i18n.formatNumber(user.failedAttempts)}</dd>
      </dl>
      ${
        user.status === "deactivated"
          ? html`<p class="notice">${i18n.t("users.deactivatedNoAccess")}</p>`
          : html`${this.#renderRefusal(reset, name)}
              <div class="actions">
                ${
                  reset.allowed
                    ? html`<button
                        type="button"
                        class="button"
                        data-testid="generate-new-pin"
                        @click=${() => this.#setMode("reset")}
                      >
                        ${i18n.t("users.generateNewPin")}
                      </button>`
                    : nothing
                }
                ${
                  lock !== undefined && unlock.allowed
                    ? html`<button
                        type="button"
                        class="button secondary"
                        data-testid="unlock-user"
                        ?disabled=${this.busy}
                        @click=${this.#unlock}
                      >
                        ${i18n.t("users.unlock")}
                      </button>`
                    : nothing
                }
              </div>`
      }
    </section>`;
  }

  #renderPanelAccess(user: AdminUserDetail, name: string) {
    const role = orgDirectory.role(user.role.id);
    const hasPanel =
      role?.permissions.includes("control-panel.access") ?? false;
    const manage = this.#decide(user, "user.manage");
    return html`<section
      class="card"
      aria-labelledby="panel-access-title"
      data-testid="panel-access"
    >
      <h2 id="panel-access-title">${i18n.t("users.panelAccess")}</h2>
      <p>
        ${
          hasPanel
            ? i18n.t("users.panelAccessYes", { name })
            : i18n.t("users.panelAccessNo", { name })
        }
      </p>
      ${this.#renderRefusal(manage, name)}
      ${
        manage.allowed && hasPanel && user.status === "active"
          ? html`<div class="actions">
              <button
                type="button"
                class="button secondary"
                data-testid="issue-password-code"
                ?disabled=${this.busy}
                @click=${this.#issueCode}
              >
                ${i18n.t("users.issueCode")}
              </button>
            </div>`
          : nothing
      }
    </section>`;
  }

  /** The section that ends the user's sessions on tablets and in the panel. */
  #renderSessions(user: AdminUserDetail, name: string) {
    if (!this.#decide(user, "user.manage").allowed) {
      return nothing;
    }
    return html`<section
      class="card"
      aria-labelledby="sessions-title"
      data-testid="user-sessions"
    >
      <h2 id="sessions-title">${i18n.t("users.sessions")}</h2>
      <p id="sessions-help">${i18n.t("users.sessionsHelp", { name })}</p>
      <div class="actions">
        <button
          type="button"
          class="button secondary"
          data-testid="sign-out-user-everywhere"
          aria-describedby="sessions-help"
          ?disabled=${this.busy}
          @click=${this.#signOutEverywhere}
        >
          ${i18n.t("users.signOutEverywhere")}
        </button>
      </div>
    </section>`;
  }

  /** The user's passkeys, for an actor who may manage the user. */
  #renderPasskeys(user: AdminUserDetail, name: string) {
    if (!this.#decide(user, "user.manage").allowed) {
      return nothing;
    }
    return html`<sf-user-passkeys
      .userId=${user.id}
      .name=${name}
      .active=${user.status === "active"}
      .canRegister=${user.canRegisterPasskeys}
    ></sf-user-passkeys>`;
  }

  #renderAccount(user: AdminUserDetail, name: string) {
    const manage = this.#decide(user, "user.manage");
    if (!manage.allowed) {
      return nothing;
    }
    return html`<section
      class="card"
      aria-labelledby="account-title"
      data-testid="user-account"
    >
      <h2 id="account-title">${i18n.t("users.account")}</h2>
      ${
        user.status === "active"
          ? html`<p>${i18n.t("users.deactivateHint", { name })}</p>
              <button
                type="button"
                class="button danger"
                data-testid="deactivate-user"
                ?disabled=${this.busy}
                @click=${this.#deactivate}
              >
                ${i18n.t("users.deactivate")}
              </button>`
          : html`<p>${i18n.t("users.reactivateHint", { name })}</p>
              <button
                type="button"
                class="button"
                data-testid="reactivate-user"
                ?disabled=${this.busy}
                @click=${this.#reactivate}
              >
                ${i18n.t("users.reactivate")}
              </button>`
      }
    </section>`;
  }

  #renderRefusal(decision: ScopeDecision, name: string) {
    if (decision.allowed) {
      return nothing;
    }
    return html`<p class="notice" data-testid="access-refused">
      ${i18n.t(`users.refused.${decision.reason}`, { name })}
    </p>`;
  }

  #renderOutcome(name: string) {
    const outcome = this.outcome;
    if (outcome === undefined) {
      return nothing;
    }
    switch (outcome.kind) {
      case "code":
        return html`<div
          class="success"
          role="status"
          data-testid="password-code-issued"
        >
          <p>${i18n.t("users.codeIssued", { name })}</p>
          <p class="code" data-testid="password-code-display">
            ${outcome.code.code}
          </p>
          <p>
            ${i18n.t("users.codeExpires", {
              time: formatDateTime(outcome.code.expiresAt),
            })}
            ${outcome.code.emailed === true ? i18n.t("users.codeEmailed") : nothing}
          </p>
          <button
            type="button"
            class="button secondary"
            data-testid="password-code-done"
            @click=${() => {
              this.outcome = undefined;
            }}
          >
            ${i18n.t("reset.finish")}
          </button>
        </div>`;
      case "signed-out":
        return html`<p class="success" role="status" data-testid="user-outcome">
          ${i18n.plural("users.signedOut", outcome.sessions, { name })}
        </p>`;
      case "saved":
      case "unlocked":
      case "deactivated":
      case "reactivated":
        return html`<p class="success" role="status" data-testid="user-outcome">
          ${i18n.t(`users.outcome.${outcome.kind}`, { name })}
        </p>`;
    }
  }

  #decide(user: AdminUserDetail, permission: Permission): ScopeDecision {
    const actor = panelSession.user;
    if (actor === undefined) {
      return { allowed: false, reason: "permission-missing" };
    }
    return decideScope(
      actor,
      { id: user.id, level: user.role.level, storeIds: user.effectiveStoreIds },
      permission,
    );
  }

  /**
   * Shows the sections, the edit form or the reset. Back in the sections,
   * focus returns to the button that left them.
   */
  #setMode(mode: Mode): void {
    const previous = this.mode;
    this.mode = mode;
    this.error = undefined;
    if (mode !== "view") {
      this.outcome = undefined;
    }
    // The form and the reset focus their own first field.
    void this.updateComplete.then(() => {
      if (mode === "view" && previous !== "view") {
        const opener = previous === "edit" ? "edit-user" : "generate-new-pin";
        this.renderRoot
          .querySelector<HTMLElement>(`[data-testid="${opener}"]`)
          ?.focus();
      }
    });
  }

  #url(suffix = ""): string {
    return `/api/admin/users/${encodeURIComponent(this.userId)}${suffix}`;
  }

  async #load(): Promise<void> {
    const requested = this.userId;
    if (requested === "") {
      return;
    }
    try {
      const user = await adminApi.get(this.#url(), AdminUserDetail);
      if (requested === this.userId) {
        this.user = user;
        this.loadError = undefined;
      }
    } catch (error) {
      if (requested === this.userId) {
        this.loadError = error;
      }
    }
  }

  /** Runs an action, then reloads the user and shows `outcome` on success. */
  async #act(action: () => Promise<boolean>, outcome: Outcome): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      if (await action()) {
        this.outcome = outcome;
        await this.#load();
      }
    } catch (error) {
      this.error = error;
      await this.#load();
    } finally {
      this.busy = false;
    }
  }

  readonly #onSaved = (event: CustomEvent<AdminUserDetail>): void => {
    this.user = event.detail;
    this.mode = "view";
    this.outcome = { kind: "saved" };
  };

  /**
   * Asks for the password as proof of `action` (given the user's name),
   * posts it to the user's `path`, then shows `outcome`.
   */
  #postWithProof(
    path: string,
    prompt: (name: string) => { action: string; confirmLabel: string },
    outcome: Outcome,
  ): void {
    const user = this.user;
    if (user === undefined) {
      return;
    }
    void this.#act(async () => {
      const done = await withProof(prompt(fullName(user)), (proof) =>
        adminApi.post(this.#url(path), { proof }).then(() => true),
      );
      return done === true;
    }, outcome);
  }

  readonly #unlock = (): void => {
    this.#postWithProof(
      "/unlock",
      (name) => ({
        action: i18n.t("users.proofUnlock", { name }),
        confirmLabel: i18n.t("users.unlock"),
      }),
      { kind: "unlocked" },
    );
  };

  readonly #deactivate = (): void => {
    this.#postWithProof(
      "/deactivate",
      (name) => ({
        action: i18n.t("users.proofDeactivate", { name }),
        confirmLabel: i18n.t("users.deactivate"),
      }),
      { kind: "deactivated" },
    );
  };

  readonly #reactivate = (): void => {
    const user = this.user;
    if (user === undefined) {
      return;
    }
    void this.#act(
      async () => {
        const confirmed = await confirmAction({
          title: i18n.t("users.reactivateTitle", { name: fullName(user) }),
          message: i18n.t("users.reactivateHint", { name: fullName(user) }),
          confirmLabel: i18n.t("users.reactivate"),
        });
        if (confirmed) {
          await adminApi.post(this.#url("/reactivate"), {});
        }
        return confirmed;
      },
      { kind: "reactivated" },
    );
  };

  readonly #issueCode = async (): Promise<void> => {
    const user = this.user;
    if (user === undefined || this.busy) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      const code = await withProof(
        {
          action: i18n.t("users.proofCode", { name: fullName(user) }),
          confirmLabel: i18n.t("users.issueCode"),
        },
        (proof) =>
          adminApi.post(
            this.#url("/password-code"),
            { proof },
            PasswordCodeResponse,
          ),
      );
      if (code !== undefined) {
        this.outcome = { kind: "code", code };
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  };

  readonly #signOutEverywhere = async (): Promise<void> => {
    const user = this.user;
    if (user === undefined || this.busy) {
      return;
    }
    const name = fullName(user);
    const confirmed = await confirmAction({
      title: i18n.t("users.signOutEverywhereTitle", { name }),
      message: i18n.t("users.signOutEverywhereMessage", { name }),
      confirmLabel: i18n.t("users.signOutEverywhere"),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    this.busy = true;
    this.error = undefined;
    try {
      const ended = await adminApi.delete(
        this.#url("/sessions"),
        SignOutEverywhereResponse,
      );
      this.outcome = {
        kind: "signed-out",
        sessions: ended.adminSessions + ended.kioskSessions,
      };
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("sf-user-detail", UserDetail);

declare global {
  interface HTMLElementTagNameMap {
    "sf-user-detail": UserDetail;
  }
}
