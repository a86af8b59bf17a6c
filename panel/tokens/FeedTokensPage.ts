import { css, html, nothing } from "lit";
import {
  AdminFeedTokenCreateResponse,
  AdminFeedTokenRevokeResponse,
  AdminFeedTokensResponse,
  FEED_TOKEN_MAX_DAYS,
  FeedTokenScope,
  type AdminFeedToken,
  type AdminFeedTokenCreateRequest,
  type StoreId,
} from "../../protocol";
import { AdminApiError, adminApi } from "../api/adminApi";
import type { PageRoute } from "../app/route";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { confirmAction } from "../ui/ConfirmDialog";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import {
  fieldInvalid,
  renderErrorNotice,
  renderFieldError,
} from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import {
  loadStoreChoices,
  storeLabel,
  type StoreChoice,
} from "../tablets/storeChoices";
import { formatDateTime } from "../ui/formatDateTime";

/** Expiry the form proposes, in days. */
const DEFAULT_EXPIRY_DAYS = 90;

/** The create form as typed. */
interface TokenDraft {
  readonly name: string;
  readonly scopes: readonly FeedTokenScope[];
  /** Empty for every store of the organisation. */
  readonly storeIds: readonly StoreId[];
  readonly expiresInDays: string;
}

const EMPTY_DRAFT: TokenDraft = {
  name: "",
  scopes: ["feed:read"],
  storeIds: [],
  expiresInDays: String(DEFAULT_EXPIRY_DAYS),
};

/**
 * Feed API tokens page. It lists the tokens that head-office systems read
 * the feed with, but never their secrets, because the hub stores only
 * hashes. It creates a token whose secret is shown once, and revokes tokens.
 */
export class FeedTokensPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    tokens: { state: true },
    stores: { state: true },
    draft: { state: true },
    created: { state: true },
    copied: { state: true },
    error: { state: true },
    listError: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    dataTableStyles,
    css`
      .secret {
        display: block;
        padding: 0.75rem;
        border-radius: 6px;
        background: var(--sf-surface);
        font-family: var(--sf-mono, monospace);
        overflow-wrap: anywhere;
      }

      [data-testid="token-created"] {
        scroll-margin-top: 1rem;
      }

      #token-expiry {
        max-width: 12rem;
      }

      section + section {
        margin-top: 1.5rem;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  declare tokens: readonly AdminFeedToken[];
  declare stores: readonly StoreChoice[];
  declare draft: TokenDraft;
  declare created: AdminFeedTokenCreateResponse | undefined;
  declare copied: boolean;
  declare error: unknown;
  declare listError: unknown;
  declare notice: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.tokens = [];
    this.stores = [];
    this.draft = EMPTY_DRAFT;
    this.created = undefined;
    this.copied = false;
    this.error = undefined;
    this.listError = undefined;
    this.notice = undefined;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadStoreChoices(panelSession.user).then((stores) => {
      this.stores = stores;
    });
    void this.#reload();
  }

  protected override render() {
    return html`<h1>${i18n.t("nav.tokens")}</h1>
      <p class="help">${i18n.t("tokens.intro")}</p>
      ${this.#renderCreated()} ${this.#renderForm()}
      <section aria-labelledby="tokens-list-title">
        <h2 id="tokens-list-title">${i18n.t("tokens.listTitle")}</h2>
        ${renderErrorNotice(this.listError, "tokens-list-error")}
        ${
          this.notice === undefined
            ? nothing
            : html`<p class="success" role="status" data-testid="tokens-notice">
                ${this.notice}
              </p>`
        }
        ${renderDataTable({
          caption: i18n.t("tokens.listTitle"),
          rows: this.tokens,
          testId: "tokens-table",
          rowTestId: (token) => `token-row-${token.id}`,
          empty: i18n.t("tokens.empty"),
          columns: [
            {
              header: i18n.t("tokens.name"),
              rowHeader: true,
              cell: (token) => token.name,
            },
            {
              header: i18n.t("tokens.scopes"),
              cell: (token) => token.scopes.join(", "),
            },
            {
              header: i18n.t("alerts.stores"),
              cell: (token) =>
                token.storeIds === null
                  ? i18n.t("audit.allStores")
                  : token.storeIds
                      .map((id) => storeLabel(this.stores, id))
                      .join(", "),
            },
            {
              header: i18n.t("tablets.status"),
              cell: (token) =>
                html`<span data-testid="token-state" data-state=${token.state}
                  >${i18n.t(`tokens.state.${token.state}`)}</span
                >`,
            },
            {
              header: i18n.t("outbox.createdAt"),
              cell: (token) => formatDateTime(token.createdAt),
            },
            {
              header: i18n.t("outbox.expiresAt"),
              cell: (token) => formatDateTime(token.expiresAt),
            },
            {
              header: i18n.t("tokens.lastUsed"),
              cell: (token) =>
                token.lastUsedAt === null
                  ? i18n.t("tablets.never")
                  : formatDateTime(token.lastUsedAt),
            },
            {
              header: i18n.t("tablets.actions"),
              cell: (token) =>
                token.state !== "active"
                  ? nothing
                  : html`<button
                      type="button"
                      class="button secondary"
                      data-testid=${`token-revoke-${token.id}`}
                      aria-label=${i18n.t("tokens.revokeNamed", {
                        name: token.name,
                      })}
                      @click=${() => void this.#revoke(token)}
                    >
                      ${i18n.t("tablets.revoke")}
                    </button>`,
            },
          ],
        })}
      </section>`;
  }

  #renderCreated() {
    const created = this.created;
    if (created === undefined) {
      return nothing;
    }
    return html`<section
      class="warning"
      role="status"
      aria-labelledby="token-created-title"
      data-testid="token-created"
    >
      <h2
        id="token-created-title"
        tabindex="-1"
        data-testid="token-created-title"
      >
        ${i18n.t("tokens.createdTitle", { name: created.token.name })}
      </h2>
      <p><strong>${i18n.t("tokens.createdWarning")}</strong></p>
      <code class="secret" data-testid="token-secret">${created.secret}</code>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="token-copy"
          @click=${() => void this.#copy(created.secret)}
        >
          ${i18n.t("tokens.copy")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="token-created-close"
          @click=${() => {
            this.created = undefined;
            this.copied = false;
          }}
        >
          ${i18n.t("tokens.createdDone")}
        </button>
      </div>
      ${
        this.copied
          ? html`<p role="status" data-testid="token-copied">
              ${i18n.t("tokens.copied")}
            </p>`
          : nothing
      }
    </section>`;
  }

  #renderForm() {
    const draft = this.draft;
    return html`<section aria-labelledby="token-create-title">
      <form class="card" novalidate @submit=${this.#create}>
        <h2 id="token-create-title">${i18n.t("tokens.createTitle")}</h2>
        <div class="field">
          <label for="token-name">${i18n.t("tokens.name")}</label>
          <input
            id="token-name"
            class="text-input"
            data-testid="token-name"
            maxlength="80"
            aria-describedby="token-name-help token-name-error"
            aria-invalid=${fieldInvalid(this.error, "body.name")}
            .value=${draft.name}
            @input=${(event: Event) =>
              this.#update({ name: (event.target as HTMLInputElement).value })}
          />
          <p id="token-name-help" class="help">${i18n.t("tokens.nameHelp")}</p>
          ${renderFieldError(this.error, "body.name", "token-name")}
        </div>
        <fieldset aria-describedby="token-scopes-error">
          <legend>${i18n.t("tokens.scopes")}</legend>
          ${FeedTokenScope.options.map(
            (scope) =>
              html`<label class="check">
                <input
                  type="checkbox"
                  data-testid=${`token-scope-${scope}`}
                  .checked=${draft.scopes.includes(scope)}
                  @change=${(event: Event) =>
                    this.#update({
                      scopes: toggled(
                        draft.scopes,
                        scope,
                        (event.target as HTMLInputElement).checked,
                      ),
                    })}
                />
                ${scope}: ${i18n.t(`tokens.scope.${scope}`)}
              </label>`,
          )}
          ${renderFieldError(this.error, "body.scopes", "token-scopes")}
        </fieldset>
        <fieldset aria-describedby="token-stores-help token-stores-error">
          <legend>${i18n.t("alerts.stores")}</legend>
          <p id="token-stores-help" class="help">
            ${i18n.t("tokens.storesHelp")}
          </p>
          ${this.stores.map(
            (store) =>
              html`<label class="check">
                <input
                  type="checkbox"
                  data-testid=${`token-store-${store.id}`}
                  .checked=${draft.storeIds.includes(store.id)}
                  @change=${(event: Event) =>
                    this.#update({
                      storeIds: toggled(
                        draft.storeIds,
                        store.id,
                        (event.target as HTMLInputElement).checked,
                      ),
                    })}
                />
                ${store.label}
              </label>`,
          )}
          ${renderFieldError(this.error, "body.storeIds", "token-stores")}
        </fieldset>
        <div class="field">
          <label for="token-expiry">${i18n.t("tokens.expiry")}</label>
          <input
            id="token-expiry"
            class="text-input"
            type="number"
            min="1"
            max=${FEED_TOKEN_MAX_DAYS}
            step="1"
            inputmode="numeric"
            data-testid="token-expiry"
            aria-describedby="token-expiry-help token-expiry-error"
            aria-invalid=${fieldInvalid(this.error, "body.expiresInDays")}
            .value=${draft.expiresInDays}
            @input=${(event: Event) =>
              this.#update({
                expiresInDays: (event.target as HTMLInputElement).value,
              })}
          />
          <p id="token-expiry-help" class="help">
            ${i18n.t("tokens.expiryHelp", { max: FEED_TOKEN_MAX_DAYS })}
          </p>
          ${renderFieldError(this.error, "body.expiresInDays", "token-expiry")}
        </div>
        ${renderErrorNotice(this.error, "token-create-error")}
        <div class="actions">
          <button
            type="submit"
            class="button"
            data-testid="token-create"
            ?disabled=${this.busy}
          >
            ${i18n.t("tokens.create")}
          </button>
        </div>
      </form>
    </section>`;
  }

  #update(change: Partial<TokenDraft>): void {
    this.draft = { ...this.draft, ...change };
  }

  async #reload(): Promise<void> {
    try {
      const { tokens } = await adminApi.get(
        "/api/admin/feed-tokens",
        AdminFeedTokensResponse,
      );
      this.tokens = tokens;
      this.listError = undefined;
    } catch (error) {
      this.listError = error;
    }
  }

  readonly #create = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy) {
      return;
    }
    const draft = this.draft;
    this.error = undefined;
    this.notice = undefined;
    this.created = undefined;
    this.copied = false;
    this.busy = true;
    try {
      const created = await withProof(
        {
          action: i18n.t("tokens.createProof", { name: draft.name.trim() }),
          confirmLabel: i18n.t("tokens.create"),
        },
        (proof) => {
          // An expiry that is not a number goes as null, because JSON has
          // no NaN, and the hub names it as an invalid field.
          const body: AdminFeedTokenCreateRequest = {
            name: draft.name,
            scopes: [...draft.scopes],
            expiresInDays: Number(draft.expiresInDays),
            proof,
            ...(draft.storeIds.length > 0 && {
              storeIds: [...draft.storeIds],
            }),
          };
          return adminApi.post(
            "/api/admin/feed-tokens",
            body,
            AdminFeedTokenCreateResponse,
          );
        },
      );
      if (created !== undefined) {
        this.created = created;
        this.draft = EMPTY_DRAFT;
        this.tokens = [created.token, ...this.tokens];
        void this.#revealCreated();
      }
    } catch (error) {
      this.error = error;
      if (error instanceof AdminApiError && error.fieldPaths.length > 0) {
        void this.updateComplete.then(() =>
          this.renderRoot
            .querySelector<HTMLElement>('[aria-invalid="true"]')
            ?.focus(),
        );
      }
    } finally {
      this.busy = false;
    }
  };

  /**
   * Scrolls the one-time secret into view and moves focus to its heading,
   * so a screen reader announces it and a user scrolled down to the form
   * still sees it. The timeout lets the proof dialog first return focus
   * to the create button.
   */
  async #revealCreated(): Promise<void> {
    await this.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const section = this.renderRoot.querySelector<HTMLElement>(
      '[data-testid="token-created"]',
    );
    section?.scrollIntoView({ block: "start" });
    this.renderRoot
      .querySelector<HTMLElement>("#token-created-title")
      ?.focus({ preventScroll: true });
  }

  async #copy(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      this.copied = true;
    } catch {
      // The clipboard needs a secure context and permission; select the
      // text instead so the user can copy it with the keyboard.
      const code = this.renderRoot.querySelector(
        '[data-testid="token-secret"]',
      );
      if (code !== null) {
        window.getSelection()?.selectAllChildren(code);
      }
    }
  }

  async #revoke(token: AdminFeedToken): Promise<void> {
    const confirmed = await confirmAction({
      title: i18n.t("tokens.revokeTitle", { name: token.name }),
      message: i18n.t("tokens.revokeMessage"),
      confirmLabel: i18n.t("tablets.revoke"),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    this.listError = undefined;
    this.notice = undefined;
    try {
      const { token: revoked } = await adminApi.post(
        `/api/admin/feed-tokens/${encodeURIComponent(token.id)}/revoke`,
        {},
        AdminFeedTokenRevokeResponse,
      );
      this.tokens = this.tokens.map((each) =>
        each.id === revoked.id ? revoked : each,
      );
      this.notice = i18n.t("tokens.revoked", { name: token.name });
    } catch (error) {
      this.listError = error;
    }
  }
}

/** Returns a copy of `values` with `value` added when `on`, removed otherwise. */
function toggled<Value>(
  values: readonly Value[],
  value: Value,
  on: boolean,
): Value[] {
  const rest = values.filter((each) => each !== value);
  return on ? [...rest, value] : rest;
}

customElements.define("sf-feed-tokens-page", FeedTokensPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-feed-tokens-page": FeedTokensPage;
  }
}
