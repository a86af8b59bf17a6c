import { html } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { ADMIN_PASSWORD_MIN_LENGTH } from "../../protocol";
import { i18n } from "../i18n";
import { newPasswordProblem } from "../signin/passwordRules";
import {
  fieldInvalid,
  renderErrorNotice,
  renderFieldError,
} from "./fieldErrors";

/** Ids, names and labels of the two new-password inputs. */
export interface NewPasswordFieldsOptions {
  /** Element id of the new password input; its error is `<id>-error`. */
  readonly id: string;
  /** Element id of the repeated password input. */
  readonly confirmId: string;
  /** Element id of the length hint. */
  readonly helpId: string;
  /** Path of the new password in the request, such as `body.password`. */
  readonly path: string;
  readonly label: string;
  readonly confirmLabel: string;
  readonly testId: string;
  readonly confirmTestId: string;
  /** Marks both inputs required, with the minimum length on the first. */
  readonly required: boolean;
}

/**
 * Renders the new password input with its length hint and error, then the
 * input that repeats it. `sendNewPassword` checks the pair.
 */
export function renderNewPasswordFields(
  error: unknown,
  options: NewPasswordFieldsOptions,
) {
  return html`<div class="field">
      <label for=${options.id}>${options.label}</label>
      <input
        id=${options.id}
        class="text-input"
        type="password"
        data-testid=${options.testId}
        autocomplete="new-password"
        minlength=${ifDefined(
          options.required ? ADMIN_PASSWORD_MIN_LENGTH : undefined,
        )}
        aria-describedby=${`${options.helpId} ${options.id}-error`}
        aria-invalid=${fieldInvalid(error, options.path)}
        ?required=${options.required}
      />
      <p id=${options.helpId} class="help">
        ${i18n.t("setPassword.help", { min: ADMIN_PASSWORD_MIN_LENGTH })}
      </p>
      ${renderFieldError(error, options.path, options.id)}
    </div>
    <div class="field">
      <label for=${options.confirmId}>${options.confirmLabel}</label>
      <input
        id=${options.confirmId}
        class="text-input"
        type="password"
        data-testid=${options.confirmTestId}
        autocomplete="new-password"
        ?required=${options.required}
      />
    </div>`;
}

/**
 * Renders `problem`, the client-side check's text, as an alert with
 * data-testid `testId`; without one, the hub's `error` as `renderErrorNotice` does.
 */
export function renderPasswordProblem(
  problem: string | undefined,
  error: unknown,
  testId: string,
) {
  return problem === undefined
    ? renderErrorNotice(error, testId)
    : html`<p class="error" role="alert" data-testid=${testId}>${problem}</p>`;
}

/** State of an element that sets a new password. */
export interface NewPasswordState {
  busy: boolean;
  error: unknown;
  problem: string | undefined;
  done: boolean;
}

/**
 * Checks `password` against `repeated`, then runs `send` while `busy`. Sets
 * `problem` when the check fails, `error` when `send` fails, else `done`.
 */
export async function sendNewPassword(
  state: NewPasswordState,
  password: string,
  repeated: string,
  send: () => Promise<unknown>,
): Promise<void> {
  state.problem = newPasswordProblem(password, repeated);
  if (state.problem !== undefined) {
    state.error = undefined;
    return;
  }
  state.busy = true;
  try {
    await send();
    state.error = undefined;
    state.done = true;
  } catch (error) {
    state.error = error;
  } finally {
    state.busy = false;
  }
}
