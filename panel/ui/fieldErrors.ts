import { html, nothing } from "lit";
import { AdminApiError } from "../api/adminApi";
import { describeError } from "../i18n";

/**
 * Renders the hub's message for the field at `path` (as the hub names it, such as
 * `body.firstName`) when `error` named it, as a paragraph with id
 * `<id>-error` that the input points at with `aria-describedby`, and
 * data-testid `field-error-<path without body. or query.>`.
 */
export function renderFieldError(error: unknown, path: string, id: string) {
  const message =
    error instanceof AdminApiError ? error.fieldMessage(path) : undefined;
  return html`<p
    id=${`${id}-error`}
    class="error field-error"
    data-testid=${`field-error-${path.replace(/^(body|query)\./, "")}`}
    ?hidden=${message === undefined}
  >
    ${message ?? nothing}
  </p>`;
}

/** "true" when `error` names the field at `path`, for `aria-invalid`. */
export function fieldInvalid(error: unknown, path: string): "true" | "false" {
  return error instanceof AdminApiError && error.fieldPaths.includes(path)
    ? "true"
    : "false";
}

/**
 * Renders an error as an alert with data-testid `testId`: the localised text of the
 * code, then each invalid field the hub named with its path. Nothing when
 * `error` is undefined.
 */
export function renderErrorNotice(error: unknown, testId = "form-error") {
  if (error === undefined) {
    return nothing;
  }
  const fields = error instanceof AdminApiError ? error.fields : [];
  return html`<div
    class="error"
    role="alert"
    data-testid=${testId}
    data-code=${error instanceof AdminApiError ? error.code : "UNKNOWN"}
  >
    <p>${describeError(error)}</p>
    ${
      fields.length === 0
        ? nothing
        : html`<ul>
            ${fields.map(
              (field) =>
                html`<li data-path=${field.path}>
                  <code>${field.path}</code>: ${field.message}
                </li>`,
            )}
          </ul>`
    }
  </div>`;
}
