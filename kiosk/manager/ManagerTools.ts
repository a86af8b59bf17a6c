import { html, nothing } from "lit";
import type {
  KioskUser,
  OrgSettings,
  SessionUser,
  StoreId,
  UserId,
} from "../../protocol";
import { i18n } from "../i18n";
import type {
  PinChoiceApproval,
  SessionActions,
} from "../session/KioskSession";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";
import "../users/UserGrid";
import "./EnrollTabletFlow";
import "./PinResetFlow";
import "./UnlockFlow";
import "./UserAccess";

/** Current step of the manager tools: steps 1 to 4, then a flow on a user. */
type ManagerStep =
  | { readonly kind: "settings" }
  | { readonly kind: "users" }
  | { readonly kind: "user"; readonly userId: UserId }
  | { readonly kind: "reset"; readonly userId: UserId }
  | { readonly kind: "unlock"; readonly userId: UserId }
  | { readonly kind: "enroll" }
  | { readonly kind: "passkeys" };

/**
 * The manager tools: Settings (step 1), Users (step 2), the store's users to
 * choose from (step 3), the chosen user's "Access to the kiosk" (step 4),
 * and from there the PIN reset or the unlock. Nothing here outlives the
 * element, so signing out discards every step.
 */
export class ManagerTools extends KioskElement {
  static override properties = {
    actor: { attribute: false },
    users: { attribute: false },
    settings: { attribute: false },
    storeId: { type: String },
    storeName: { type: String },
    timeZone: { type: String },
    offline: { type: Boolean },
    step: { state: true },
  };

  static override styles = [sharedStyles];

  declare actor: SessionUser | undefined;
  declare users: readonly KioskUser[];
  declare settings: OrgSettings | undefined;
  declare storeId: StoreId | undefined;
  declare storeName: string;
  declare timeZone: string;
  /** True while the hub is out of reach or the session is offline. */
  declare offline: boolean;
  declare step: ManagerStep;

  actions:
    | Pick<
        SessionActions,
        | "resetPin"
        | "approvePinChoice"
        | "unlock"
        | "issueEnrollmentCode"
        | "listPasskeys"
        | "registerPasskey"
        | "removePasskey"
      >
    | undefined;
  /** Returns to the home screen. */
  onExit: (() => void) | undefined;
  /**
   * Receives a manager's approval that a user chooses their own PIN; the
   * app then signs the manager out and hands the tablet over.
   */
  onHandOver: ((approval: PinChoiceApproval) => void) | undefined;

  constructor() {
    super();
    this.actor = undefined;
    this.users = [];
    this.settings = undefined;
    this.storeId = undefined;
    this.storeName = "";
    this.timeZone = "";
    this.offline = false;
    this.step = { kind: "settings" };
  }

  protected override willUpdate(): void {
    // A user who left the store while the manager was on them: back to
    // the list, except on a reset's confirmation, which must stay readable.
    const step = this.step;
    if (
      "userId" in step &&
      step.kind !== "reset" &&
      this.#findUser(step.userId) === undefined
    ) {
      this.step = { kind: "users" };
    }
  }

  protected override render() {
    const step = this.step;
    switch (step.kind) {
      case "settings":
        return this.#renderSettings();
      case "users":
        return this.#renderUsers();
      case "user":
        return this.#renderUser(step.userId);
      case "reset":
        return this.#renderReset(step.userId);
      case "unlock":
        return this.#renderUnlock(step.userId);
      case "enroll":
        return this.#renderEnroll();
      case "passkeys":
        return this.#renderPasskeys();
    }
  }

  #renderSettings() {
    const canEnroll =
      this.actor?.role.permissions.includes("kiosk.enroll") ?? false;
    return html`<h1>${i18n.t("manager.settingsTitle")}</h1>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="open-users"
          @click=${() => this.#go({ kind: "users" })}
        >
          ${i18n.t("manager.users")}
        </button>
        ${
          canEnroll && !this.offline
            ? html`<button
                type="button"
                class="button"
                data-testid="open-enroll-tablet"
                @click=${() => this.#go({ kind: "enroll" })}
              >
                ${i18n.t("enrollTablet.open")}
              </button>`
            : nothing
        }
        <button
          type="button"
          class="button"
          data-testid="open-passkeys"
          @click=${this.#openPasskeys}
        >
          ${i18n.t("passkeys.open")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="manager-back"
          @click=${() => this.onExit?.()}
        >
          ${i18n.t("manager.back")}
        </button>
      </div>`;
  }

  #renderUsers() {
    return html`<h1>${i18n.t("manager.usersTitle")}</h1>
      <p class="muted">${i18n.t("manager.usersHint")}</p>
      <div class="actions" style="margin-bottom: 1rem">
        <button
          type="button"
          class="button secondary"
          data-testid="manager-back"
          @click=${() => this.#go({ kind: "settings" })}
        >
          ${i18n.t("manager.back")}
        </button>
      </div>
      <sf-user-grid
        .users=${this.users}
        .onSelect=${(user: KioskUser) => this.#go({ kind: "user", userId: user.id })}
      ></sf-user-grid>`;
  }

  #renderUser(userId: UserId) {
    return html`<sf-user-access
      .actor=${this.actor}
      .actorEntry=${this.actor ? this.#findUser(this.actor.id) : undefined}
      .target=${this.#findUser(userId)}
      .storeId=${this.storeId ?? ""}
      .timeZone=${this.timeZone}
      .offline=${this.offline}
      .onGenerateNewPin=${() => this.#go({ kind: "reset", userId })}
      .onUnlock=${() => this.#go({ kind: "unlock", userId })}
      .onBack=${() => this.#go({ kind: "users" })}
    ></sf-user-access>`;
  }

  #renderReset(userId: UserId) {
    const target = this.#findUser(userId);
    if (target === undefined) {
      return nothing;
    }
    return html`<sf-pin-reset-flow
      .actions=${this.actions}
      .target=${target}
      .settings=${this.settings}
      .timeZone=${this.timeZone}
      .offline=${this.offline}
      .actorHasPasskey=${this.#actorHasPasskey()}
      .onClose=${() => this.#go({ kind: "user", userId })}
      .onHandOver=${(approval: PinChoiceApproval) => this.onHandOver?.(approval)}
    ></sf-pin-reset-flow>`;
  }

  #renderUnlock(userId: UserId) {
    return html`<sf-unlock-flow
      .actions=${this.actions}
      .target=${this.#findUser(userId)}
      .timeZone=${this.timeZone}
      .actorHasPasskey=${this.#actorHasPasskey()}
      .onClose=${() => this.#go({ kind: "user", userId })}
    ></sf-unlock-flow>`;
  }

  #renderEnroll() {
    return html`<sf-enroll-tablet-flow
      .actions=${this.actions}
      .storeName=${this.storeName}
      .timeZone=${this.timeZone}
      .actorHasPasskey=${this.#actorHasPasskey()}
      .onClose=${() => this.#go({ kind: "settings" })}
    ></sf-enroll-tablet-flow>`;
  }

  #renderPasskeys() {
    return html`<sf-passkeys-section
      .actions=${this.actions}
      .actorHasPasskey=${this.#actorHasPasskey()}
      .offline=${this.offline}
      .timeZone=${this.timeZone}
      .onBack=${() => this.#go({ kind: "settings" })}
    ></sf-passkeys-section>`;
  }

  /** Loads the passkeys section, kept out of the first page, then shows it. */
  readonly #openPasskeys = (): void => {
    void import("../passkeys/PasskeysSection").then(() =>
      this.#go({ kind: "passkeys" }),
    );
  };

  /** Whether the signed-in manager has a passkey, by the cached roster. */
  #actorHasPasskey(): boolean {
    const actor = this.actor;
    return actor === undefined
      ? false
      : (this.#findUser(actor.id)?.hasPasskey ?? false);
  }

  #findUser(userId: UserId): KioskUser | undefined {
    return this.users.find((user) => user.id === userId);
  }

  #go(step: ManagerStep): void {
    this.step = step;
  }
}

customElements.define("sf-manager-tools", ManagerTools);

declare global {
  interface HTMLElementTagNameMap {
    "sf-manager-tools": ManagerTools;
  }
}
