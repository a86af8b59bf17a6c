import { css, html, nothing } from "lit";
import type { PasskeyListItem } from "../../protocol";
import { describeError } from "../i18n/describeError";
import { i18n } from "../i18n";
import { KioskError } from "../net/KioskError";
import {
  USE_PASSKEY,
  type ActorProof,
  type SessionActions,
} from "../session/KioskSession";
import "../pin/PinPad";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";
import "./PasskeyProof";

/** Maximum length of a passkey name, in characters, as the hub checks it. */
const NAME_MAX = 64;

type View =
  | { readonly kind: "list" }
  | { readonly kind: "register" }
  | { readonly kind: "remove"; readonly passkey: PasskeyListItem };

/** An error with the view whose step raised it. */
interface ViewError {
  readonly view: View;
  readonly error: KioskError;
}

/**
 * The signed-in manager's own passkeys: the list, registering one on this
 * device (named, with a registration grant and the PIN for the first one,
 * with an existing passkey after that), and removing one after a fresh
 * proof. Everything here needs the hub. Loaded on first use, so the
 * kiosk's first page does not carry it.
 */
export class PasskeysSection extends KioskElement {
  static override properties = {
    actorHasPasskey: { type: Boolean },
    offline: { type: Boolean },
    timeZone: { type: String },
    view: { state: true },
    passkeys: { state: true },
    busy: { state: true },
    error: { state: true },
    status: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 36rem;
      }

      /* Registering shows the form beside the proof, so the whole step
         fits a landscape tablet (1024x768) without scrolling. */
      :host([data-view="register"]) {
        max-width: 64rem;
      }

      .pad {
        max-width: 26rem;
      }

      .register {
        display: grid;
        gap: 1.5rem 3rem;
      }

      .register label:first-child {
        margin-top: 0;
      }

      @media (min-width: 56rem) {
        .register {
          grid-template-columns: minmax(0, 1fr) minmax(20rem, 26rem);
          align-items: start;
        }
      }

      ul {
        list-style: none;
        margin: 1rem 0;
        padding: 0;
      }

      li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 1rem;
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--sf-border);
      }

      .name {
        font-weight: 600;
      }

      label {
        display: block;
        margin-top: 1rem;
        font-weight: 600;
      }
    `,
  ];

  /** True when the manager has a passkey, so proofs use it. */
  declare actorHasPasskey: boolean;
  declare offline: boolean;
  declare timeZone: string;
  declare view: View;
  /** The manager's passkeys; undefined until the hub has sent them. */
  declare passkeys: readonly PasskeyListItem[] | undefined;
  declare busy: boolean;
  /**
   * The last failure, shown only while its view is on screen, so a proof
   * that fails after the manager went back never shows in the list.
   */
  declare error: ViewError | undefined;
  /** The confirmation of the last registration or removal. */
  declare status: string | undefined;

  actions:
    | Pick<SessionActions, "listPasskeys" | "registerPasskey" | "removePasskey">
    | undefined;
  onBack: (() => void) | undefined;

  constructor() {
    super();
    this.actorHasPasskey = false;
    this.offline = false;
    this.timeZone = "";
    this.view = { kind: "list" };
    this.passkeys = undefined;
    this.busy = false;
    this.error = undefined;
    this.status = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override willUpdate(): void {
    // The host's width depends on the view, see the styles.
    this.dataset["view"] = this.offline ? "offline" : this.view.kind;
  }

  protected override render() {
    if (this.offline) {
      return html`<h1>${i18n.t("passkeys.title")}</h1>
        <p class="notice" role="status" data-testid="passkeys-offline">
          ${i18n.t("passkeys.offline")}
        </p>
        ${this.#renderBack(() => this.onBack?.())}`;
    }
    switch (this.view.kind) {
      case "list":
        return this.#renderList();
      case "register":
        return this.#renderRegister();
      case "remove":
        return this.#renderRemove(this.view.passkey);
    }
  }

  #renderList() {
    const passkeys = this.passkeys;
    return html`<h1>${i18n.t("passkeys.title")}</h1>
      <p class="muted">${i18n.t("passkeys.hint")}</p>
      ${
        this.status === undefined
          ? nothing
          : html`<p class="notice" role="status" data-testid="passkeys-status">
              ${this.status}
            </p>`
      }
      ${this.#renderError()}
      ${
        passkeys === undefined
          ? html`<p class="muted">${i18n.t("passkeys.loading")}</p>`
          : passkeys.length === 0
            ? html`<p data-testid="passkeys-none">
                ${i18n.t("passkeys.none")}
              </p>`
            : html`<ul data-testid="passkey-list">
                ${passkeys.map((passkey) => this.#renderItem(passkey))}
              </ul>`
      }
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="open-register-passkey"
          @click=${() => this.#go({ kind: "register" })}
        >
          ${i18n.t("passkeys.register")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-testid="manager-back"
          @click=${() => this.onBack?.()}
        >
          ${i18n.t("manager.back")}
        </button>
      </div>`;
  }

  #renderItem(passkey: PasskeyListItem) {
    return html`<li data-testid="passkey-item" data-name=${passkey.name}>
      <span>
        <span class="name">${passkey.name}</span><br />
        <span class="muted"
          >${i18n.t("passkeys.added", {
            date: i18n.formatDateTime(passkey.createdAt, this.timeZone),
          })}</span
        >
      </span>
      <button
        type="button"
        class="button secondary"
        data-testid="remove-passkey"
        @click=${() => this.#go({ kind: "remove", passkey })}
      >
        ${i18n.t("passkeys.remove")}
      </button>
    </li>`;
  }

  #renderRegister() {
    const needsGrant = !this.actorHasPasskey;
    return html`<h1>${i18n.t("passkeys.registerTitle")}</h1>
      <div class="register">
        <div class="fields">
          <label for="passkey-name">${i18n.t("passkeys.nameLabel")}</label>
          <p class="muted" id="passkey-name-help">
            ${i18n.t("passkeys.nameHelp")}
          </p>
          <input
            id="passkey-name"
            class="text-input"
            data-testid="passkey-name-input"
            autocomplete="off"
            maxlength=${NAME_MAX}
            aria-describedby="passkey-name-help"
          />
          ${
            needsGrant
              ? html`<label for="passkey-grant"
                    >${i18n.t("passkeys.grantLabel")}</label
                  >
                  <p class="muted" id="passkey-grant-help">
                    ${i18n.t("passkeys.grantHelp")}
                  </p>
                  <input
                    id="passkey-grant"
                    class="text-input"
                    data-testid="passkey-grant-input"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby="passkey-grant-help"
                  />`
              : nothing
          }
        </div>
        <div class="pad">
          ${this.#renderProof({
            pinLabel: i18n.t("passkeys.registerProofLabel"),
            submitLabel: i18n.t("passkeys.registerSubmit"),
            submitTestId: "register-passkey",
            onSubmit: this.#register,
          })}
        </div>
      </div>`;
  }

  #renderRemove(passkey: PasskeyListItem) {
    return html`<h1>
        ${i18n.t("passkeys.removeTitle", { name: passkey.name })}
      </h1>
      <div class="pad">
        ${this.#renderProof({
          pinLabel: i18n.t("passkeys.removeProofLabel"),
          submitLabel: i18n.t("passkeys.removeConfirm"),
          submitTestId: "confirm-remove-passkey",
          onSubmit: (proof) => this.#remove(passkey, proof),
        })}
      </div>`;
  }

  /** The fresh proof: the passkey when the manager has one, else the PIN. */
  #renderProof(options: {
    readonly pinLabel: string;
    readonly submitLabel: string;
    readonly submitTestId: string;
    readonly onSubmit: (proof: ActorProof) => void;
  }) {
    const back = () => this.#go({ kind: "list" });
    if (this.actorHasPasskey) {
      return html`<sf-passkey-proof
        .submitLabel=${options.submitLabel}
        .submitTestId=${options.submitTestId}
        .disabled=${this.busy}
        .showBack=${true}
        .onSubmit=${() => options.onSubmit(USE_PASSKEY)}
        .onBack=${back}
      >
        ${this.#renderError()}
      </sf-passkey-proof>`;
    }
    return html`<sf-pin-pad
      .label=${options.pinLabel}
      .submitLabel=${options.submitLabel}
      .submitTestId=${options.submitTestId}
      .disabled=${this.busy}
      .showBack=${true}
      .onSubmit=${(pin: string) => options.onSubmit(pin)}
      .onBack=${back}
    >
      ${this.#renderError()}
    </sf-pin-pad>`;
  }

  #renderError() {
    const failure = this.error;
    return failure === undefined || failure.view !== this.view
      ? nothing
      : html`<p class="error" role="alert" data-testid="passkey-error">
          ${describeError(failure.error, i18n, this.timeZone)}
        </p>`;
  }

  #renderBack(onClick: () => void) {
    return html`<div class="actions">
      <button
        type="button"
        class="button secondary"
        data-testid="manager-back"
        @click=${onClick}
      >
        ${i18n.t("manager.back")}
      </button>
    </div>`;
  }

  #go(view: View): void {
    this.error = undefined;
    this.status = undefined;
    this.view = view;
  }

  async #load(): Promise<void> {
    if (this.actions === undefined || this.offline) {
      return;
    }
    const view = this.view;
    try {
      this.passkeys = await this.actions.listPasskeys();
    } catch (error) {
      this.error = { view, error: KioskError.from(error) };
    }
  }

  /** Reads the register form; returns undefined after showing what is missing. */
  #readRegistration(): { name: string; grant: string | undefined } | undefined {
    const value = (id: string) =>
      this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value.trim() ??
      "";
    const name = value("passkey-name");
    const grant = this.actorHasPasskey ? undefined : value("passkey-grant");
    const missing =
      name.length === 0 || name.length > NAME_MAX
        ? i18n.t("passkeys.nameMissing")
        : grant === ""
          ? i18n.t("passkeys.grantMissing")
          : undefined;
    if (missing !== undefined) {
      this.error = {
        view: this.view,
        error: new KioskError({ code: "INVALID_INPUT", message: missing }),
      };
      return undefined;
    }
    return { name, grant };
  }

  readonly #register = async (proof: ActorProof): Promise<void> => {
    const actions = this.actions;
    if (actions === undefined || this.busy) {
      return;
    }
    const form = this.#readRegistration();
    if (form === undefined) {
      return;
    }
    const view = this.view;
    this.busy = true;
    this.error = undefined;
    try {
      const passkey = await actions.registerPasskey({
        name: form.name,
        proof,
        ...(form.grant === undefined ? {} : { grant: form.grant }),
      });
      this.#go({ kind: "list" });
      this.status = i18n.t("passkeys.registered", { name: passkey.name });
      await this.#load();
    } catch (error) {
      this.error = { view, error: KioskError.from(error) };
    } finally {
      this.busy = false;
    }
  };

  readonly #remove = async (
    passkey: PasskeyListItem,
    proof: ActorProof,
  ): Promise<void> => {
    const actions = this.actions;
    if (actions === undefined || this.busy) {
      return;
    }
    const view = this.view;
    this.busy = true;
    this.error = undefined;
    try {
      await actions.removePasskey(passkey.id, proof);
      this.#go({ kind: "list" });
      this.status = i18n.t("passkeys.removed", { name: passkey.name });
      await this.#load();
    } catch (error) {
      this.error = { view, error: KioskError.from(error) };
    } finally {
      this.busy = false;
    }
  };
}

customElements.define("sf-passkeys-section", PasskeysSection);

declare global {
  interface HTMLElementTagNameMap {
    "sf-passkeys-section": PasskeysSection;
  }
}
