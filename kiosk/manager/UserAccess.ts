import { css, html, nothing } from "lit";
import type { KioskUser, SessionUser } from "../../protocol";
import { i18n } from "../i18n";
import { decideOnTarget } from "../session/managerPermissions";
import { KioskElement } from "../ui/KioskElement";
import { RedrawTimer } from "../ui/RedrawTimer";
import { sharedStyles } from "../ui/sharedStyles";
import { fullName, isUserLocked, nextLockExpiry } from "../users/userDisplay";

/**
 * One user as shown to a manager, with the "Access to the kiosk"
 * section: Generate New PIN, and Unlock while the user is locked. An action
 * the signed-in user may not perform on this user is hidden, with the
 * reason; the hub still decides when an action is sent.
 */
export class UserAccess extends KioskElement {
  static override properties = {
    actor: { attribute: false },
    actorEntry: { attribute: false },
    target: { attribute: false },
    storeId: { type: String },
    timeZone: { type: String },
    offline: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0 0 1.5rem;
      }

      dt {
        font-weight: 600;
      }

      dd {
        margin: 0;
      }

      section {
        margin-top: 1rem;
      }
    `,
  ];

  declare actor: SessionUser | undefined;
  declare actorEntry: KioskUser | undefined;
  declare target: KioskUser | undefined;
  declare storeId: string;
  declare timeZone: string;
  /** True while unlocking is impossible: the hub is out of reach. */
  declare offline: boolean;

  onGenerateNewPin: (() => void) | undefined;
  onUnlock: (() => void) | undefined;
  onBack: (() => void) | undefined;

  readonly #redraw = new RedrawTimer(this);

  constructor() {
    super();
    this.actor = undefined;
    this.target = undefined;
    this.storeId = "";
    this.timeZone = "";
    this.offline = false;
  }

  protected override updated(): void {
    this.#redraw.redrawAt(
      this.target === undefined
        ? undefined
        : nextLockExpiry([this.target], Date.now()),
    );
  }

  protected override render() {
    const { actor, target } = this;
    if (actor === undefined || target === undefined) {
      return nothing;
    }
    const name = fullName(target);
    const locked = isUserLocked(target, Date.now());
    const reset = decideOnTarget(
      actor,
      target,
      "pin.reset",
      this.storeId,
      this.actorEntry,
    );
    const unlock = decideOnTarget(
      actor,
      target,
      "user.unlock",
      this.storeId,
      this.actorEntry,
    );
    const canUnlock = unlock.allowed && locked && !this.offline;
    const refusal = reset.allowed ? unlock : reset;

    return html`<h1 data-testid="user-access-name">${name}</h1>
      <dl>
        <dt>${i18n.t("manager.employeeNumberLabel")}</dt>
        <dd>${target.employeeNumber}</dd>
        <dt>${i18n.t("manager.roleLabel")}</dt>
        <dd>${target.role.name}</dd>
        <dt>${i18n.t("manager.statusLabel")}</dt>
        <dd data-testid="user-access-status">${this.#status(target)}</dd>
      </dl>
      <section aria-labelledby="access-title" data-testid="kiosk-access">
        <h2 id="access-title">${i18n.t("manager.accessTitle")}</h2>
        ${
          !reset.allowed && !canUnlock && !refusal.allowed
            ? html`<p class="notice" data-testid="access-refused">
                ${i18n.t(`manager.reason.${refusal.reason}`, { name })}
              </p>`
            : nothing
        }
        ${
          unlock.allowed && locked && this.offline
            ? html`<p class="notice" data-testid="unlock-offline">
                ${i18n.t("manager.unlockOffline")}
              </p>`
            : nothing
        }
        <div class="actions">
          ${
            reset.allowed
              ? html`<button
                  type="button"
                  class="button"
                  data-testid="generate-new-pin"
                  @click=${() => this.onGenerateNewPin?.()}
                >
                  ${i18n.t("manager.generateNewPin")}
                </button>`
              : nothing
          }
          ${
            canUnlock
              ? html`<button
                  type="button"
                  class="button"
                  data-testid="unlock-user"
                  @click=${() => this.onUnlock?.()}
                >
                  ${i18n.t("manager.unlock")}
                </button>`
              : nothing
          }
          <button
            type="button"
            class="button secondary"
            data-testid="manager-back"
            @click=${() => this.onBack?.()}
          >
            ${i18n.t("manager.back")}
          </button>
        </div>
      </section>`;
  }

  #status(target: KioskUser): string {
    const parts: string[] = [];
    switch (target.lock.kind) {
      case "timed":
        parts.push(
          target.lock.until > Date.now()
            ? i18n.t("manager.lockedUntil", {
                time: i18n.formatTime(target.lock.until, this.timeZone),
              })
            : i18n.t("manager.notLocked"),
        );
        break;
      case "permanent":
        parts.push(i18n.t("manager.lockedPermanent"));
        break;
      case "none":
        parts.push(i18n.t("manager.notLocked"));
        break;
    }
    if (target.failedAttempts > 0) {
      parts.push(i18n.plural("manager.failedAttempts", target.failedAttempts));
    }
    if (target.pinTemporary) {
      parts.push(i18n.t("manager.temporaryPin"));
    }
    return parts.join(" ");
  }
}

customElements.define("sf-user-access", UserAccess);

declare global {
  interface HTMLElementTagNameMap {
    "sf-user-access": UserAccess;
  }
}
