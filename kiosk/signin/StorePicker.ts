import { css, html, nothing } from "lit";
import type { StoreId, StoreSummary } from "../../protocol";
import { describeError } from "../i18n/describeError";
import { i18n } from "../i18n";
import type { ApiClient } from "../net/ApiClient";
import { KioskError } from "../net/KioskError";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * Chooses the tablet's store from the hub's list. Until tablets are
 * enrolled for a store, this is how a tablet learns its store. The caller
 * keeps the choice in localStorage.
 */
export class StorePicker extends KioskElement {
  static override properties = {
    canCancel: { type: Boolean },
    stores: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      ul {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
        gap: 1rem;
        margin: 1rem 0;
        padding: 0;
        list-style: none;
      }

      .store {
        width: 100%;
        min-height: 72px;
        padding: 0.75rem 1rem;
        border: 2px solid var(--sf-border-subtle);
        border-radius: 14px;
        background: var(--sf-surface);
        color: var(--sf-text);
        text-align: start;
        cursor: pointer;
      }

      .store:hover {
        border-color: var(--sf-primary);
      }

      .store strong {
        display: block;
        font-size: 1.125rem;
      }
    `,
  ];

  /** Whether the tablet already has a store, so choosing can be cancelled. */
  declare canCancel: boolean;
  declare stores: readonly StoreSummary[] | undefined;
  declare error: KioskError | undefined;

  api: ApiClient | undefined;
  onChoose: ((storeId: StoreId) => void) | undefined;
  onCancel: (() => void) | undefined;

  constructor() {
    super();
    this.canCancel = false;
    this.stores = undefined;
    this.error = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override render() {
    return html`<h1>${i18n.t("storePicker.title")}</h1>
      <p class="muted">${i18n.t("storePicker.hint")}</p>
      ${this.#renderBody()}
      <div class="actions">
        ${
          this.error === undefined
            ? nothing
            : html`<button
                type="button"
                class="button"
                @click=${() => void this.#load()}
              >
                ${i18n.t("app.retry")}
              </button>`
        }
        ${
          this.canCancel
            ? html`<button
                type="button"
                class="button secondary"
                data-testid="store-picker-cancel"
                @click=${() => this.onCancel?.()}
              >
                ${i18n.t("storePicker.cancel")}
              </button>`
            : nothing
        }
      </div>`;
  }

  #renderBody() {
    if (this.error !== undefined) {
      return html`<p class="error" role="alert">
        ${describeError(this.error, i18n)}
      </p>`;
    }
    if (this.stores === undefined) {
      return html`<p role="status">${i18n.t("storePicker.loading")}</p>`;
    }
    if (this.stores.length === 0) {
      return html`<p role="status">${i18n.t("storePicker.empty")}</p>`;
    }
    return html`<ul>
      ${this.stores.map(
        (store) =>
          html`<li>
            <button
              type="button"
              class="store"
              data-testid="store-${store.code}"
              @click=${() => this.onChoose?.(store.id)}
            >
              <strong>${store.name}</strong>
              <span class="muted">${store.code}</span>
            </button>
          </li>`,
      )}
    </ul>`;
  }

  async #load(): Promise<void> {
    if (this.api === undefined) {
      return;
    }
    this.error = undefined;
    try {
      const { stores } = await this.api.stores();
      this.stores = [...stores].sort((a, b) =>
        a.name.localeCompare(b.name, i18n.code),
      );
    } catch (error) {
      this.error = KioskError.from(error);
    }
  }
}

customElements.define("sf-store-picker", StorePicker);

declare global {
  interface HTMLElementTagNameMap {
    "sf-store-picker": StorePicker;
  }
}
