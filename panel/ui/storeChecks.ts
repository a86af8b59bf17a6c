import { html } from "lit";
import type { AdminStore } from "../../protocol";
import { renderFieldError } from "./fieldErrors";

/**
 * Renders a fieldset of store checkboxes named `storeIds`, with the hub's
 * message for `body.storeIds`. The fieldset's id prefix and test id is
 * `<prefix>-stores`, each box's test id `<prefix>-store-<code>`.
 */
export function renderStoreChecks(
  error: unknown,
  options: {
    readonly prefix: string;
    readonly legend: string;
    readonly stores: readonly AdminStore[];
    readonly checkedIds: readonly string[];
  },
) {
  const id = `${options.prefix}-stores`;
  return html`<fieldset data-testid=${id} aria-describedby=${`${id}-error`}>
    <legend>${options.legend}</legend>
    ${options.stores.map(
      (store) =>
        html`<label class="check">
          <input
            type="checkbox"
            name="storeIds"
            value=${store.id}
            data-testid=${`${options.prefix}-store-${store.code}`}
            ?checked=${options.checkedIds.includes(store.id)}
          />
          ${store.name} (${store.code})
        </label>`,
    )}
    ${renderFieldError(error, "body.storeIds", id)}
  </fieldset>`;
}
