import { css, html, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { DEFAULT_SETTINGS } from "../../protocol";
import "../enrollment/EnrollmentScreen";
import "../home/HomeScreen";
import { i18n } from "../i18n";
import "../manager/ManagerTools";
import "../manager/PinChoiceHandOver";
import { cacheStatus } from "../offline/cacheExpiry";
import "../pin/ChangePinForm";
import { IdleTimer } from "../session/IdleTimer";
import type {
  KioskSession,
  PinChoiceApproval,
  SessionActions,
} from "../session/KioskSession";
import { hasManagerTools } from "../session/managerPermissions";
import "../signin/SignInScreen";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";
import { fullName } from "../users/userDisplay";
import type { KioskController, KioskSnapshot } from "./KioskController";
import "./RejectionNotices";
import "./TopBar";

/** The screens of a signed-in user; the sign-in screen is the default. */
type Screen = "home" | "change-pin" | "manager";

/**
 * The kiosk's root element: shows the screen that fits the controller's
 * state, moves between screens, and signs out after the idle time. When a
 * session ends, for any reason, every screen of it is dropped, so nothing
 * of one user stays for the next.
 *
 * When a manager approves that a colleague chooses their own PIN, the
 * manager is signed out and the hand-over screen replaces the sign-in
 * screen until the colleague saved a PIN or cancelled, or the tablet sat
 * idle. Then the sign-in screen follows. A manager who wants to go on
 * signs in again, so the manager's session is never open to the colleague.
 */
export class KioskApp extends KioskElement {
  static override properties = {
    snapshot: { state: true },
    screen: { state: true },
    signInGeneration: { state: true },
    handOver: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        min-height: 100vh;
        background: var(--sf-background);
      }

      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: 1.5rem;
      }

      main:focus {
        outline: none;
      }

      .banner {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: center;
        gap: 1rem;
        padding: 0.75rem 1.5rem;
        background: var(--sf-warning-surface);
        color: var(--sf-text);
        font-weight: 600;
      }

      .storage {
        margin-top: 2rem;
        text-align: center;
      }
    `,
  ];

  declare snapshot: KioskSnapshot | undefined;
  declare screen: Screen;
  /** Increases to start the sign-in screen afresh, such as after idle time. */
  declare signInGeneration: number;
  /** A manager's approval waiting for the colleague to choose a PIN. */
  declare handOver: PinChoiceApproval | undefined;

  /** Set by `main.ts` before the element is connected. */
  controller: KioskController | undefined;

  #unsubscribe: (() => void) | undefined;
  #focusedView = "";
  readonly #idle = new IdleTimer({
    target: window,
    timeoutMs: DEFAULT_SETTINGS.idleTimeoutSeconds * 1000,
    onIdle: () => this.#handleIdle(),
    onActivity: () => this.controller?.sessions.noteActivity(),
  });

  constructor() {
    super();
    this.snapshot = undefined;
    this.screen = "home";
    this.signInGeneration = 0;
    this.handOver = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const controller = this.controller;
    if (controller === undefined) {
      return;
    }
    this.snapshot = controller.snapshot;
    this.#unsubscribe = controller.subscribe((snapshot) =>
      this.#receive(snapshot),
    );
    this.#idle.start();
    void controller.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#idle.stop();
    this.controller?.stop();
  }

  protected override updated(): void {
    // Move the focus to a new screen, so keyboard and screen reader users
    // start there instead of at the top of the page. An element of the
    // screen that focuses itself (the PIN pad) takes it over after.
    const view = this.#viewKey();
    if (view !== this.#focusedView) {
      this.#focusedView = view;
      this.renderRoot.querySelector<HTMLElement>("main")?.focus();
    }
  }

  /** Identifies the screen on show; it changes whenever the screen does. */
  #viewKey(): string {
    const snapshot = this.snapshot;
    return [
      snapshot?.phase ?? "",
      snapshot?.roster === undefined,
      snapshot?.session?.serial ?? "",
      snapshot?.session?.mustChangePin ?? false,
      this.screen,
      this.signInGeneration,
      this.handOver === undefined,
    ].join("|");
  }

  protected override render() {
    const snapshot = this.snapshot;
    if (snapshot === undefined) {
      return nothing;
    }
    const store = snapshot.roster?.store ?? snapshot.identity?.store;
    const session = snapshot.session;
    return html`
      ${snapshot.updateRequired ? this.#renderUpdateRequired() : nothing}
      ${
        snapshot.updateAvailable && !snapshot.updateRequired
          ? this.#renderUpdateAvailable()
          : nothing
      }
      <sf-top-bar
        .storeName=${store?.name ?? ""}
        .timeZone=${store?.timeZone ?? ""}
        .connection=${snapshot.connection}
        .lastSyncAt=${snapshot.lastSyncAt}
        .pendingCount=${snapshot.pendingCount}
        .userName=${session === undefined ? "" : fullName(session.user)}
        .offlineSession=${session?.mode === "offline"}
        .showStatus=${snapshot.phase === "enrolled"}
        .onSwitchUser=${() => this.#signOut()}
      ></sf-top-bar>
      <sf-rejection-notices
        .rejections=${snapshot.rejections}
        .onDismiss=${(id: string) => this.controller?.dismissRejection(id)}
      ></sf-rejection-notices>
      <main tabindex="-1">${this.#renderMain(snapshot)}</main>
    `;
  }

  #renderUpdateRequired() {
    return html`<div class="banner" role="alert" data-testid="update-banner">
      <span>${i18n.t("app.update")}</span>
      <button
        type="button"
        class="button"
        data-testid="reload-to-update"
        @click=${() => this.controller?.applyUpdate()}
      >
        ${i18n.t("app.reload")}
      </button>
    </div>`;
  }

  /**
   * Offers a new version. It never installs by itself, so a session in
   * progress ends only when someone chooses to reload.
   */
  #renderUpdateAvailable() {
    return html`<div
      class="banner"
      role="status"
      data-testid="update-available"
    >
      <span>${i18n.t("app.updateAvailable")}</span>
      <button
        type="button"
        class="button"
        data-testid="install-update"
        @click=${() => this.controller?.applyUpdate()}
      >
        ${i18n.t("app.installUpdate")}
      </button>
    </div>`;
  }

  #renderMain(snapshot: KioskSnapshot) {
    const controller = this.controller;
    if (controller === undefined) {
      return nothing;
    }
    switch (snapshot.phase) {
      case "starting":
        return html`<p role="status">${i18n.t("app.loading")}</p>`;
      case "insecure":
        return this.#renderProblem(
          "insecure-context",
          i18n.t("app.insecureTitle"),
          i18n.t("app.insecure"),
        );
      case "storage-failed":
        return this.#renderProblem(
          "storage-failed",
          i18n.t("app.storageFailedTitle"),
          i18n.t("app.storageFailed"),
        );
      case "enrollment":
        return html`<sf-enrollment-screen
          .reason=${snapshot.enrollmentReason}
          .onEnroll=${(code: string, name: string | undefined) =>
            controller.enroll(code, name)}
        ></sf-enrollment-screen>`;
      case "enrolled":
        break;
    }
    const roster = snapshot.roster;
    if (roster === undefined) {
      return snapshot.connection === "offline"
        ? this.#renderProblem(
            "network-needed",
            i18n.t("signIn.networkNeededTitle"),
            i18n.t("signIn.networkMissing"),
          )
        : html`<p role="status">${i18n.t("app.waitingForHub")}</p>`;
    }
    const session = snapshot.session;
    if (session !== undefined) {
      return this.#renderSignedIn(snapshot, session);
    }
    if (this.handOver !== undefined) {
      return html`<sf-pin-choice-hand-over
        .actions=${controller.sessions}
        .approval=${this.handOver}
        .pinMinLength=${roster.settings.pinMinLength}
        .timeZone=${roster.store.timeZone}
        .onClose=${() => this.#endHandOver()}
      ></sf-pin-choice-hand-over>`;
    }
    const status = cacheStatus(snapshot.cacheTimes, Date.now());
    const networkNeeded =
      snapshot.connection === "offline" && status.kind !== "usable"
        ? status
        : undefined;
    return html`${keyed(
      this.signInGeneration,
      html`<sf-sign-in-screen
        .actions=${controller.sessions}
        .users=${roster.users}
        .settings=${roster.settings}
        .timeZone=${roster.store.timeZone}
        .networkNeeded=${networkNeeded}
      ></sf-sign-in-screen>`,
    )}
    ${
      snapshot.storagePersisted === false
        ? html`<p class="storage muted" data-testid="storage-not-persistent">
            ${i18n.t("status.storageNotPersistent")}
          </p>`
        : nothing
    }`;
  }

  #renderProblem(testId: string, title: string, text: string) {
    return html`<section class="card" role="alert" data-testid=${testId}>
      <h1>${title}</h1>
      <p>${text}</p>
    </section>`;
  }

  #renderSignedIn(snapshot: KioskSnapshot, session: KioskSession) {
    const controller = this.controller;
    const roster = snapshot.roster;
    if (controller === undefined || roster === undefined) {
      return nothing;
    }
    const user = session.user;
    const offline =
      session.mode === "offline" || snapshot.connection === "offline";
    const actions: SessionActions = controller.sessions;
    // keyed: a new session never reuses the elements of the one before.
    // Each sign-in has a serial of its own, so the key is new per session.
    const content = (() => {
      if (session.mustChangePin || this.screen === "change-pin") {
        return html`<sf-change-pin-form
          .actions=${{
            changePin: (
              request: Parameters<SessionActions["changePin"]>[0],
            ) => {
              // Stay on the form after the change, which ends the forced
              // step, so it can show its confirmation.
              this.screen = "change-pin";
              return actions.changePin(request);
            },
          }}
          .forced=${session.mustChangePin}
          .offline=${session.mode === "offline"}
          .pinMinLength=${roster.settings.pinMinLength}
          .employeeNumber=${user.employeeNumber}
          .onClose=${() => {
            this.screen = "home";
          }}
        ></sf-change-pin-form>`;
      }
      if (this.screen === "manager" && hasManagerTools(user)) {
        return html`<sf-manager-tools
          .actions=${actions}
          .actor=${user}
          .users=${roster.users}
          .settings=${roster.settings}
          .storeId=${roster.store.id}
          .storeName=${roster.store.name}
          .timeZone=${roster.store.timeZone}
          .offline=${offline}
          .onExit=${() => {
            this.screen = "home";
          }}
          .onHandOver=${(approval: PinChoiceApproval) =>
            this.#startHandOver(approval)}
        ></sf-manager-tools>`;
      }
      return html`<sf-home-screen
        .user=${user}
        .storeName=${roster.store.name}
        .showSettings=${hasManagerTools(user)}
        .onChangePin=${() => {
          this.screen = "change-pin";
        }}
        .onOpenSettings=${() => {
          this.screen = "manager";
        }}
        .onSignOut=${() => this.#signOut()}
      ></sf-home-screen>`;
    })();
    return keyed(`${user.id}/${session.serial}`, content);
  }

  #signOut(): void {
    this.controller?.sessions.signOut("user");
  }

  /**
   * Signs the approving manager out and shows the hand-over screen. The hub
   * already ended the manager's session with the approval.
   */
  #startHandOver(approval: PinChoiceApproval): void {
    this.handOver = approval;
    this.controller?.sessions.signOut("hand-over");
  }

  /** Drops the approval and starts the sign-in screen afresh. */
  #endHandOver(): void {
    this.handOver = undefined;
    this.signInGeneration += 1;
  }

  #handleIdle(): void {
    if (this.snapshot?.session !== undefined) {
      this.controller?.sessions.signOut("idle");
    } else if (this.handOver !== undefined) {
      this.#endHandOver();
    } else {
      // No session: drop a half-typed PIN and show the user list again.
      this.signInGeneration += 1;
    }
  }

  #receive(snapshot: KioskSnapshot): void {
    const previous = this.snapshot;
    this.snapshot = snapshot;

    const settings = snapshot.roster?.settings ?? DEFAULT_SETTINGS;
    this.#idle.setTimeoutMs(settings.idleTimeoutSeconds * 1000);

    if (
      previous?.session !== undefined &&
      snapshot.session?.serial !== previous.session.serial
    ) {
      this.screen = "home";
      this.signInGeneration += 1;
    }
    if (this.screen === "manager" && !hasManagerTools(snapshot.session?.user)) {
      this.screen = "home";
    }
  }
}

customElements.define("sf-kiosk-app", KioskApp);

declare global {
  interface HTMLElementTagNameMap {
    "sf-kiosk-app": KioskApp;
  }
}
