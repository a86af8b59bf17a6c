import { css, html, nothing } from "lit";
import {
  PasskeyListItem,
  PasskeyRegistrationOptions,
  type AdminPasskeyOptionsRequest,
  type PasskeyRegistrationRequest,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { i18n } from "../i18n";
import { fieldInvalid, renderFieldError } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { withProof } from "../ui/ProofDialog";
import { sharedStyles } from "../ui/sharedStyles";
import { createPasskeyCredential } from "./browserPasskey";
import { fetchOwnPasskeys } from "./ownPasskeys";
import { renderPasskeyError } from "./passkeyErrors";
import { renderPasskeyTable } from "./passkeyTable";

/** The outcome of the last action, shown once above the list. */
type Outcome =
  | { readonly kind: "registered" | "removed"; readonly passkey: string }
  | { readonly kind: "removed-last"; readonly passkey: string };

/** A form field left empty, found before anything is sent. */
type MissingField = "name" | "grant";

/**
 * "Your passkeys": the signed-in user's passkeys (name, registration, last
 * use), registering another, and removing one. A first passkey needs a
 * registration grant and the password; later ones are confirmed with a
 * passkey the user already has. Removing asks for the proof too.
 */
export class PasskeysPage extends PanelElement {
  static override properties = {
    passkeys: { state: true },
    loadError: { state: true },
    error: { state: true },
    missing: { state: true },
    outcome: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      section {
        margin-bottom: 1.25rem;
      }
    `,
  ];

  declare passkeys: readonly PasskeyListItem[] | undefined;
  declare loadError: unknown;
  declare error: unknown;
  declare missing: MissingField | undefined;
  declare outcome: Outcome | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.passkeys = undefined;
    this.loadError = undefined;
    this.error = undefined;
    this.missing = undefined;
    this.outcome = undefined;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override render() {
    return html`<h1>${i18n.t("passkeys.title")}</h1>
      <p>${i18n.t("passkeys.intro")}</p>
      ${this.#renderOutcome()}
      ${renderPasskeyError(this.error, "passkeys-error")} ${this.#renderList()}
      ${this.#renderRegister()}`;
  }

  #renderOutcome() {
    const outcome = this.outcome;
    if (outcome === undefined) {
      return nothing;
    }
    const key =
      outcome.kind === "registered"
        ? "passkeys.registered"
        : outcome.kind === "removed"
          ? "passkeys.removed"
          : "passkeys.removedLast";
    return html`<p class="success" role="status" data-testid="passkeys-notice">
      ${i18n.t(key, { passkey: outcome.passkey })}
    </p>`;
  }

  #renderList() {
    if (this.passkeys === undefined) {
      return this.loadError === undefined
        ? html`<p role="status">${i18n.t("app.loading")}</p>`
        : renderPasskeyError(this.loadError, "passkeys-load-error");
    }
    return html`<section class="card" aria-labelledby="passkeys-list-title">
      <h2 id="passkeys-list-title">${i18n.t("passkeys.listTitle")}</h2>
      ${
        this.passkeys.length === 0
          ? html`<p data-testid="passkeys-empty">
              ${i18n.t("passkeys.empty")}
            </p>`
          : renderPasskeyTable({
              passkeys: this.passkeys,
              caption: i18n.t("passkeys.caption"),
              empty: i18n.t("passkeys.empty"),
              testIdPrefix: "passkey",
              removeLabel: (passkey) =>
                i18n.t("passkeys.removeLabel", { passkey: passkey.name }),
              onRemove: (passkey) => void this.#remove(passkey),
              busy: this.busy,
            })
      }
    </section>`;
  }

  #renderRegister() {
    if (this.passkeys === undefined) {
      return nothing;
    }
    const first = this.passkeys.length === 0;
    const error = this.error;
    return html`<section class="card" aria-labelledby="passkey-register-title">
      <h2 id="passkey-register-title">${i18n.t("passkeys.registerTitle")}</h2>
      <form
        novalidate
        data-testid="passkey-register-form"
        @submit=${this.#register}
      >
        <div class="field">
          <label for="passkey-name">${i18n.t("passkeys.nameLabel")}</label>
          <input
            id="passkey-name"
            class="text-input"
            data-testid="passkey-name-input"
            maxlength="64"
            autocomplete="off"
            aria-describedby="passkey-name-help passkey-name-error"
            aria-invalid=${
              this.missing === "name"
                ? "true"
                : fieldInvalid(error, "body.name")
            }
            required
          />
          <p id="passkey-name-help" class="help">
            ${i18n.t("passkeys.nameHelp")}
          </p>
          ${this.#renderMissing("name")}
          ${renderFieldError(error, "body.name", "passkey-name")}
        </div>
        ${
          first
            ? html`<div class="field">
                <label for="passkey-grant"
                  >${i18n.t("passkeys.grantLabel")}</label
                >
                <input
                  id="passkey-grant"
                  class="text-input"
                  data-testid="passkey-grant-input"
                  autocomplete="one-time-code"
                  autocapitalize="characters"
                  spellcheck="false"
                  aria-describedby="passkey-grant-help passkey-grant-error"
                  aria-invalid=${
                    this.missing === "grant"
                      ? "true"
                      : fieldInvalid(error, "body.grant")
                  }
                  required
                />
                <p id="passkey-grant-help" class="help">
                  ${i18n.t("passkeys.grantHelp")}
                </p>
                ${this.#renderMissing("grant")}
                ${renderFieldError(error, "body.grant", "passkey-grant")}
              </div>`
            : html`<p class="help">${i18n.t("passkeys.nextHelp")}</p>`
        }
        <div class="actions">
          <button
            type="submit"
            class="button"
            data-testid="passkey-register"
            ?disabled=${this.busy}
          >
            ${i18n.t("passkeys.register")}
          </button>
        </div>
      </form>
    </section>`;
  }

  #renderMissing(field: MissingField) {
    if (this.missing !== field) {
      return nothing;
    }
    return html`<p
      class="error field-error"
      role="alert"
      data-testid=${`passkey-${field}-missing`}
    >
      ${i18n.t(field === "name" ? "passkeys.nameMissing" : "passkeys.grantMissing")}
    </p>`;
  }

  async #load(): Promise<void> {
    try {
      this.passkeys = await fetchOwnPasskeys();
      this.loadError = undefined;
    } catch (error) {
      this.loadError = error;
    }
  }

  #input(id: string): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
  }

  /**
   * Asks for the proof (with the grant for a first passkey), lets the
   * browser create the passkey, and registers it with the hub.
   */
  readonly #register = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy || this.passkeys === undefined) {
      return;
    }
    const nameInput = this.#input("passkey-name");
    const grantInput = this.#input("passkey-grant");
    const name = nameInput?.value.trim() ?? "";
    const grant = grantInput?.value.trim() ?? "";
    this.outcome = undefined;
    this.error = undefined;
    this.missing = undefined;
    if (name === "") {
      this.missing = "name";
      nameInput?.focus();
      return;
    }
    if (grantInput !== null && grant === "") {
      this.missing = "grant";
      grantInput.focus();
      return;
    }
    this.busy = true;
    try {
      const options = await withProof(
        {
          action: i18n.t("passkeys.proofRegister", { passkey: name }),
          confirmLabel: i18n.t("passkeys.register"),
        },
        (proof) => {
          const body: AdminPasskeyOptionsRequest = {
            proof,
            ...(grantInput !== null && { grant }),
          };
          return adminApi.post(
            "/api/admin/passkeys/registration-options",
            body,
            PasskeyRegistrationOptions,
          );
        },
      );
      if (options === undefined) {
        return;
      }
      const response = await createPasskeyCredential(options.options);
      const request: PasskeyRegistrationRequest = {
        challengeId: options.challengeId,
        name,
        response,
      };
      const passkey = await adminApi.post(
        "/api/admin/passkeys/registration",
        request,
        PasskeyListItem,
      );
      this.outcome = { kind: "registered", passkey: passkey.name };
      if (nameInput !== null) {
        nameInput.value = "";
      }
      await this.#load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  };

  async #remove(passkey: PasskeyListItem): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.outcome = undefined;
    this.error = undefined;
    try {
      const done = await withProof(
        {
          action: i18n.t("passkeys.proofRemove", { passkey: passkey.name }),
          confirmLabel: i18n.t("passkeys.remove"),
        },
        (proof) =>
          adminApi
            .delete(
              `/api/admin/passkeys/${encodeURIComponent(passkey.id)}`,
              undefined,
              { proof },
            )
            .then(() => true),
      );
      if (done === true) {
        await this.#load();
        this.outcome = {
          kind: this.passkeys?.length === 0 ? "removed-last" : "removed",
          passkey: passkey.name,
        };
      }
    } catch (error) {
      this.error = error;
      await this.#load();
    } finally {
      this.busy = false;
    }
  }
}

customElements.define("sf-passkeys-page", PasskeysPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-passkeys-page": PasskeysPage;
  }
}
