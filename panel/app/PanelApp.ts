import { css, html, nothing } from "lit";
import { html as staticHtml, unsafeStatic } from "lit/static-html.js";
import { i18n } from "../i18n";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import "../signin/SignInScreen";
import "../signin/SetPasswordScreen";
import "./AccountMenu";
import { orgDirectory } from "./OrgDirectory";
import { pageForPath, visiblePages, type PanelPage } from "./pages";
import { panelSession } from "./PanelSession";
import { navigate, parseRoute, type PageRoute } from "./route";

/** Route of the set-password screen, reachable signed in or out. */
export const SET_PASSWORD_PATH = "#/set-password";

type LoadState = "loading" | "ready" | "unreachable";

/**
 * Root element of the control panel: restores the session from its cookie,
 * shows sign-in while signed out, and otherwise the navigation of the pages
 * the user's role allows and the page of the current hash route.
 */
export class PanelApp extends PanelElement {
  static override properties = {
    state: { state: true },
    route: { state: true },
    loadedTags: { state: true },
    pageError: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        min-height: 100vh;
      }

      .skip {
        position: absolute;
        left: 0.5rem;
        top: -4rem;
        padding: 0.75rem 1rem;
        background: var(--sf-surface);
        color: var(--sf-primary);
        z-index: 10;
      }

      .skip:focus {
        top: 0.5rem;
      }

      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 1rem;
        padding: 0.5rem 1.25rem;
        background: var(--sf-bar);
        color: var(--sf-on-bar);
      }

      header .brand {
        margin: 0 auto 0 0;
        font-size: 1.25rem;
        font-weight: 700;
      }

      .layout {
        display: grid;
        grid-template-columns: minmax(12rem, 16rem) 1fr;
        min-height: calc(100vh - 4rem);
      }

      nav ul {
        margin: 0;
        padding: 1rem 0.5rem;
        list-style: none;
      }

      nav a {
        display: flex;
        align-items: center;
        min-height: 44px;
        padding: 0.5rem 0.75rem;
        border-radius: 8px;
        color: var(--sf-primary);
        font-weight: 600;
        text-decoration: none;
      }

      nav a:hover {
        text-decoration: underline;
      }

      nav a[aria-current="page"] {
        background: var(--sf-primary);
        color: var(--sf-on-primary);
      }

      main {
        padding: 1.5rem;
        min-width: 0;
      }

      main:focus {
        outline: none;
      }

      .centered {
        max-width: 32rem;
        margin: 3rem auto;
        padding: 0 1rem;
      }

      @media (max-width: 48rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare state: LoadState;
  declare route: PageRoute;
  /** Page tags whose modules have loaded. */
  declare loadedTags: ReadonlySet<string>;
  declare pageError: unknown;

  #unsubscribe: (() => void) | undefined;
  #idleTimer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.state = "loading";
    this.route = parseRoute(window.location.hash);
    this.loadedTags = new Set();
    this.pageError = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this.#onHashChange);
    this.#unsubscribe = panelSession.subscribe(() => this.#onSessionChange());
    this.#idleTimer = setInterval(() => panelSession.checkIdle(), 10_000);
    void this.#restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.#onHashChange);
    this.#unsubscribe?.();
    clearInterval(this.#idleTimer);
  }

  protected override render() {
    if (this.route.path === SET_PASSWORD_PATH) {
      return html`<main class="centered">
        <sf-set-password-screen .route=${this.route}></sf-set-password-screen>
      </main>`;
    }
    switch (this.state) {
      case "loading":
        return html`<p class="centered" role="status">
          ${i18n.t("app.loading")}
        </p>`;
      case "unreachable":
        return html`<main class="centered">
          <p class="error" role="alert" data-testid="hub-unreachable">
            ${i18n.t("app.hubUnreachable")}
          </p>
          <button type="button" class="button" @click=${this.#retry}>
            ${i18n.t("app.retry")}
          </button>
        </main>`;
      case "ready":
        break;
    }
    const user = panelSession.user;
    if (user === undefined) {
      return html`<main class="centered">
        <sf-panel-sign-in
          .reason=${panelSession.signedOutReason}
        ></sf-panel-sign-in>
      </main>`;
    }
    const pages = visiblePages((permission) => panelSession.can(permission));
    return html`<a class="skip" href="#main" @click=${this.#skipToMain}
        >${i18n.t("app.skipToContent")}</a
      >
      <header>
        <p class="brand">${i18n.t("app.name")} · ${i18n.t("app.title")}</p>
        <sf-account-menu></sf-account-menu>
      </header>
      <div class="layout">
        <nav aria-label=${i18n.t("nav.label")} data-testid="panel-nav">
          <ul>
            ${pages.map(
              (page) =>
                html`<li>
                  <a
                    href=${page.path}
                    data-testid=${`nav-${page.id}`}
                    aria-current=${
                      page.path === this.route.path ? "page" : "false"
                    }
                    >${i18n.t(page.labelKey)}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <main id="main" tabindex="-1" data-testid="panel-main">
          ${this.#renderPage(pages)}
        </main>
      </div>`;
  }

  #renderPage(pages: readonly PanelPage[]) {
    if (pages.length === 0) {
      return html`<p class="notice" data-testid="no-pages">
        ${i18n.t("app.noPages")}
      </p>`;
    }
    const page = pageForPath(this.route.path);
    if (page === undefined || !pages.includes(page)) {
      return html`<p class="notice" data-testid="page-not-found">
        ${i18n.t("app.pageNotFound")}
      </p>`;
    }
    if (this.pageError !== undefined) {
      return html`<p class="error" role="alert" data-testid="page-load-failed">
        ${i18n.t("app.pageLoadFailed")}
      </p>`;
    }
    if (!this.loadedTags.has(page.tag)) {
      void this.#load(page);
      return html`<p role="status">${i18n.t("app.loading")}</p>`;
    }
    // The tag comes from the panel's own page list, never from input.
    const tag = unsafeStatic(page.tag);
    return staticHtml`<${tag} .route=${this.route}></${tag}>`;
  }

  async #load(page: PanelPage): Promise<void> {
    try {
      await page.load();
      this.loadedTags = new Set([...this.loadedTags, page.tag]);
    } catch (error) {
      this.pageError = error;
    }
  }

  async #restore(): Promise<void> {
    this.state = "loading";
    try {
      await panelSession.restore();
      this.state = "ready";
      this.#showFirstPage();
    } catch {
      this.state = "unreachable";
    }
  }

  readonly #retry = (): void => {
    void this.#restore();
  };

  #onSessionChange(): void {
    orgDirectory.clear();
    this.requestUpdate();
    this.#showFirstPage();
  }

  /** Opens the first page the user may see when the hash names none. */
  #showFirstPage(): void {
    if (panelSession.user === undefined || this.route.path !== "#/") {
      return;
    }
    const first = visiblePages((permission) => panelSession.can(permission))[0];
    if (first !== undefined) {
      navigate(first.path);
    }
  }

  readonly #onHashChange = (): void => {
    const previous = this.route.path;
    this.route = parseRoute(window.location.hash);
    this.pageError = undefined;
    if (this.route.path === "#/") {
      this.#showFirstPage();
    }
    if (previous !== this.route.path) {
      // A screen reader continues at the new page, not at the link.
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>("#main")?.focus(),
      );
      const page = pageForPath(this.route.path);
      document.title =
        page === undefined
          ? `${i18n.t("app.name")} ${i18n.t("app.title")}`
          : `${i18n.t(page.labelKey)} · ${i18n.t("app.name")}`;
    }
  };

  readonly #skipToMain = (event: Event): void => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>("#main")?.focus();
  };
}

customElements.define("sf-panel-app", PanelApp);

declare global {
  interface HTMLElementTagNameMap {
    "sf-panel-app": PanelApp;
  }
}
