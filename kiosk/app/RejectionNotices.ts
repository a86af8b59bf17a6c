import { css, html, nothing } from "lit";
import { describeError } from "../i18n/describeError";
import { i18n } from "../i18n";
import { KioskError } from "../net/KioskError";
import type { RejectedAction } from "../offline/OutboxStore";
import { KioskElement } from "../ui/KioskElement";
import { sharedStyles } from "../ui/sharedStyles";

/**
 * Shows at the tablet that the hub rejected an action made offline and
 * that the tablet undid it, with the reason localised by the hub's error
 * code. Each notice stays until someone dismisses it.
 */
export class RejectionNotices extends KioskElement {
  static override properties = {
    rejections: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 72rem;
        margin: 0 auto;
        padding: 0 1.5rem;
      }

      .error {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
      }

      .error p {
        margin: 0;
      }
    `,
  ];

  declare rejections: readonly RejectedAction[];

  onDismiss: ((mutationId: string) => void) | undefined;

  constructor() {
    super();
    this.rejections = [];
  }

  protected override render() {
    if (this.rejections.length === 0) {
      return nothing;
    }
    return html`<section aria-labelledby="rejections-title">
      <h2 id="rejections-title" class="visually-hidden">
        ${i18n.t("rejected.title")}
      </h2>
      ${this.rejections.map((action) => this.#renderNotice(action))}
    </section>`;
  }

  #renderNotice(action: RejectedAction) {
    const name =
      action.subject === undefined
        ? i18n.t("rejected.someone")
        : `${action.subject.firstName} ${action.subject.lastName}`;
    const reason = describeError(
      new KioskError({ code: action.code, message: action.message }),
      i18n,
    );
    const text = {
      "sign-in.failure": () =>
        i18n.t("rejected.sign-in.failure", { name, reason }),
      "sign-in.success": () =>
        i18n.t("rejected.sign-in.success", { name, reason }),
      "pin.change": () => i18n.t("rejected.pin.change", { name, reason }),
      "pin.reset": () => i18n.t("rejected.pin.reset", { name, reason }),
    }[action.kind]();
    return html`<div
      class="error"
      role="alert"
      data-testid="rejected-action"
      data-kind=${action.kind}
      data-code=${action.code}
    >
      <p>${text}</p>
      <button
        type="button"
        class="button secondary"
        data-testid="dismiss-rejection"
        @click=${() => this.onDismiss?.(action.mutationId)}
      >
        ${i18n.t("rejected.dismiss")}
      </button>
    </div>`;
  }
}

customElements.define("sf-rejection-notices", RejectionNotices);

declare global {
  interface HTMLElementTagNameMap {
    "sf-rejection-notices": RejectionNotices;
  }
}
