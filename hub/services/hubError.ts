import {
  ERRORS,
  formatErrorMessage,
  type ErrorCode,
  type ErrorParams,
  type FieldError,
} from "../../protocol";

/**
 * An expected failure with a code from the protocol's registry. Routes turn it
 * into the shared error body; socket handlers into a failed acknowledgement.
 */
export class HubError extends Error {
  override readonly name = "HubError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, string | number | string[]> | undefined;
  readonly fields: FieldError[] | undefined;

  constructor(
    code: ErrorCode,
    params: ErrorParams = {},
    extra: {
      details?: Record<string, string | number | string[]>;
      fields?: FieldError[];
    } = {},
  ) {
    super(formatErrorMessage(code, params));
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = extra.details;
    this.fields = extra.fields;
  }
}
