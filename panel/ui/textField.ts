import { html, nothing } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { fieldInvalid, renderFieldError } from "./fieldErrors";

/** Options of `renderTextField`: the input's id, name, label, value and help. */
export interface TextFieldOptions {
  /** Element id and data-testid of the input. */
  readonly id: string;
  /** Form name of the input, and its path in the request body. */
  readonly path: string;
  readonly label: string;
  readonly value: string;
  readonly type?: string;
  readonly autocomplete: string;
  readonly spellcheck?: "false";
  readonly help?: string;
}

/**
 * Renders a labelled text input with its optional help line and the hub's
 * message for `body.<path>` when `error` named it.
 */
export function renderTextField(error: unknown, options: TextFieldOptions) {
  const bodyPath = `body.${options.path}`;
  const described = [
    options.help === undefined ? undefined : `${options.id}-help`,
    `${options.id}-error`,
  ]
    .filter((id) => id !== undefined)
    .join(" ");
  return html`<div class="field">
    <label for=${options.id}>${options.label}</label>
    <input
      id=${options.id}
      name=${options.path}
      class="text-input"
      type=${options.type ?? "text"}
      data-testid=${options.id}
      autocomplete=${options.autocomplete}
      spellcheck=${ifDefined(options.spellcheck)}
      .value=${options.value}
      aria-describedby=${described}
      aria-invalid=${fieldInvalid(error, bodyPath)}
    />
    ${
      options.help === undefined
        ? nothing
        : html`<p id=${`${options.id}-help`} class="help">${options.help}</p>`
    }
    ${renderFieldError(error, bodyPath, options.id)}
  </div>`;
}
