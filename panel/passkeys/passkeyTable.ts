import { html } from "lit";
import type { PasskeyListItem } from "../../protocol";
import { i18n } from "../i18n";
import { renderDataTable } from "../ui/dataTable";
import { formatDateTime } from "../ui/formatDateTime";

/** Options of `renderPasskeyTable`. */
export interface PasskeyTableOptions {
  readonly passkeys: readonly PasskeyListItem[];
  /** The table's caption for screen readers, already localised. */
  readonly caption: string;
  /** Text when there are no passkeys, already localised. */
  readonly empty: string;
  /** Prefix of the test ids: `<prefix>-table`, `<prefix>-row-<id>`, `<prefix>-remove-<id>`. */
  readonly testIdPrefix: string;
  /** Accessible name of a passkey's remove button, already localised. */
  readonly removeLabel: (passkey: PasskeyListItem) => string;
  readonly onRemove: (passkey: PasskeyListItem) => void;
  readonly busy: boolean;
}

/** Renders passkeys by name, registration and last use, each with Remove. */
export function renderPasskeyTable(options: PasskeyTableOptions) {
  const prefix = options.testIdPrefix;
  return renderDataTable<PasskeyListItem>({
    caption: options.caption,
    testId: `${prefix}-table`,
    rows: options.passkeys,
    rowTestId: (passkey) => `${prefix}-row-${passkey.id}`,
    empty: options.empty,
    busy: options.busy,
    columns: [
      {
        header: i18n.t("passkeys.name"),
        rowHeader: true,
        cell: (passkey) =>
          html`<span data-testid="passkey-name">${passkey.name}</span>`,
      },
      {
        header: i18n.t("passkeys.createdAt"),
        cell: (passkey) => formatDateTime(passkey.createdAt),
      },
      {
        header: i18n.t("passkeys.lastUsedAt"),
        cell: (passkey) =>
          html`<span data-testid="passkey-last-used"
            >${
              passkey.lastUsedAt === null
                ? i18n.t("passkeys.neverUsed")
                : formatDateTime(passkey.lastUsedAt)
            }</span
          >`,
      },
      {
        header: i18n.t("passkeys.actions"),
        cell: (passkey) =>
          html`<button
            type="button"
            class="button secondary"
            data-testid=${`${prefix}-remove-${passkey.id}`}
            aria-label=${options.removeLabel(passkey)}
            ?disabled=${options.busy}
            @click=${() => options.onRemove(passkey)}
          >
            ${i18n.t("passkeys.remove")}
          </button>`,
      },
    ],
  });
}
