import { css, html, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { DEFAULT_SETTINGS, type SessionView } from "../../protocol";
import "../home/HomeScreen";
import { describeError } from "../i18n/describeError";
import { i18n } from "../i18n";
import "../manager/ManagerTools";
import "../pin/ChangePinForm";
import { IdleTimer } from "../session/IdleTimer";
import { hasManagerTools } from "../session/managerPermissions";
import "../signin/SignInScreen";
import "../signin/StorePicker";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";
import { fullName } from "../users/userDisplay";
import type { KioskController, KioskSnapshot } from "./KioskController";
import "./TopBar";

/** The screens of a signed-in user; the sign-in screen is the default. */
type Screen = "home" | "change-pin" | "manager";

/**
 * The kiosk's root element: shows the screen that fits the controller's
 * state, moves between screens, and signs out after the idle time. When a
 * session ends, for any reason, every screen of it is dropped, so nothing
 * of one user stays for the next.
 */
export class KioskApp extends KioskElement {
  static override properties = {
    snapshot: { state: true },
    screen: { state: true },
    choosingStore: { state: true },
    signInGeneration: { state: true },
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
    `,
  ];

  declare snapshot: KioskSnapshot | undefined;
  declare screen: Screen;
  declare choosingStore: boolean;
  /** Increases to start the sign-in screen afresh, such as after idle time. */
  declare signInGeneration: number;

  /** Set by `main.ts` before the element is connected. */
  controller: KioskController | undefined;

  #unsubscribe: (() => void) | undefined;
  #focusedView = "";
  readonly #idle = new IdleTimer({
    target: window,
    timeoutMs: DEFAULT_SETTINGS.idleTimeoutSeconds * 1000,
    onIdle: () => this.#handleIdle(),
    onActivity: () => this.controller?.noteActivity(),
  });

  constructor() {
    super();
    this.snapshot = undefined;
    this.screen = "home";
    this.choosingStore = false;
    this.signInGeneration = 0;
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
    controller.start();
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
      snapshot?.storeId ?? "",
      this.choosingStore,
      snapshot?.roster === undefined,
      snapshot?.session?.token ?? "",
      snapshot?.session?.mustChangePin ?? false,
      this.screen,
      this.signInGeneration,
    ].join("|");
  }

  protected override render() {
    const snapshot = this.snapshot;
    if (snapshot === undefined) {
      return nothing;
    }
    const roster = snapshot.roster;
    const session = snapshot.session;
    return html`
      ${snapshot.updateRequired ? this.#renderUpdateBanner() : nothing}
      <sf-top-bar
        .storeName=${roster?.store.name ?? ""}
        .timeZone=${roster?.store.timeZone ?? ""}
        .connection=${snapshot.connection}
        .lastSyncAt=${snapshot.lastSyncAt}
        .userName=${session === undefined ? "" : fullName(session.user)}
        .onSwitchUser=${() => this.#signOut()}
      ></sf-top-bar>
      <main tabindex="-1">${this.#renderMain(snapshot)}</main>
    `;
  }

  #renderUpdateBanner() {
    return html`<div class="banner" role="alert" data-testid="update-banner">
      <span>${i18n.t("app.update")}</span>
      <button
        type="button"
        class="button"
        data-testid="reload-to-update"
        @click=${() => window.location.reload()}
      >
        ${i18n.t("app.reload")}
      </button>
    </div>`;
  }

  #renderMain(snapshot: KioskSnapshot) {
    const controller = this.controller;
    if (controller === undefined) {
      return nothing;
    }
    if (snapshot.storeId === undefined || this.choosingStore) {
      return html`<sf-store-picker
        .api=${controller.api}
        .canCancel=${snapshot.storeId !== undefined}
        .onChoose=${(storeId: NonNullable<KioskSnapshot["storeId"]>) => {
          this.choosingStore = false;
          controller.chooseStore(storeId);
        }}
        .onCancel=${() => {
          this.choosingStore = false;
        }}
      ></sf-store-picker>`;
    }
    const roster = snapshot.roster;
    if (roster === undefined) {
      return this.#renderLoading(snapshot);
    }
    const session = snapshot.session;
    if (session === undefined) {
      return keyed(
        this.signInGeneration,
        html`<sf-sign-in-screen
          .api=${controller.api}
          .storeId=${snapshot.storeId}
          .tabletId=${snapshot.tabletId}
          .users=${roster.users}
          .settings=${roster.settings}
          .timeZone=${roster.store.timeZone}
          .onSignedIn=${(view: SessionView) => this.#signedIn(view)}
          .onChangeStore=${() => {
            this.choosingStore = true;
          }}
        ></sf-sign-in-screen>`,
      );
    }
    return this.#renderSignedIn(snapshot, session);
  }

  #renderLoading(snapshot: KioskSnapshot) {
    if (snapshot.rosterError === undefined) {
      return html`<p role="status">${i18n.t("app.loading")}</p>`;
    }
    return html`<h1>${i18n.t("app.unavailable")}</h1>
      <p class="error" role="alert">
        ${describeError(snapshot.rosterError, i18n)}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button"
          @click=${() => this.controller?.reloadRoster()}
        >
          ${i18n.t("app.retry")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="change-store"
          @click=${() => {
            this.choosingStore = true;
          }}
        >
          ${i18n.t("signIn.changeStore")}
        </button>
      </div>`;
  }

  #renderSignedIn(snapshot: KioskSnapshot, session: SessionView) {
    const controller = this.controller;
    const roster = snapshot.roster;
    if (controller === undefined || roster === undefined) {
      return nothing;
    }
    const user = session.user;
    // keyed: a new session never reuses the elements of the one before.
    // Each sign-out raises signInGeneration, so the key is new per session.
    const content = (() => {
      if (session.mustChangePin || this.screen === "change-pin") {
        return html`<sf-change-pin-form
          .api=${controller.api}
          .forced=${session.mustChangePin}
          .pinMinLength=${roster.settings.pinMinLength}
          .employeeNumber=${user.employeeNumber}
          .onChanged=${(view: SessionView) => {
            // Stay on the form, which now shows its confirmation.
            this.screen = "change-pin";
            controller.updateSession(view);
          }}
          .onClose=${() => {
            this.screen = "home";
          }}
        ></sf-change-pin-form>`;
      }
      if (this.screen === "manager" && hasManagerTools(user)) {
        return html`<sf-manager-tools
          .api=${controller.api}
          .actor=${user}
          .users=${roster.users}
          .settings=${roster.settings}
          .storeId=${snapshot.storeId}
          .timeZone=${roster.store.timeZone}
          .onUserUpdated=${(
            updated: Parameters<KioskController["userUpdated"]>[0],
          ) => controller.userUpdated(updated)}
          .onExit=${() => {
            this.screen = "home";
          }}
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
    return keyed(`${user.id}/${this.signInGeneration}`, content);
  }

  #signedIn(view: SessionView): void {
    this.screen = "home";
    this.controller?.startSession(view);
  }

  #signOut(): void {
    this.controller?.signOut("user");
  }

  #handleIdle(): void {
    if (this.snapshot?.session !== undefined) {
      this.controller?.signOut("idle");
    } else if (!this.choosingStore) {
      // No session: drop a half-typed PIN and show the user list again.
      this.signInGeneration += 1;
    }
  }

  #receive(snapshot: KioskSnapshot): void {
    const previous = this.snapshot;
    this.snapshot = snapshot;

    const settings = snapshot.roster?.settings ?? DEFAULT_SETTINGS;
    this.#idle.setTimeoutMs(settings.idleTimeoutSeconds * 1000);

    if (previous?.session !== undefined && snapshot.session === undefined) {
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
