import type { ErrorCode, FieldError } from "../../protocol";

/** Codes for failures that happen in the browser, before or after the hub. */
export type PanelErrorCode = "NETWORK" | "BAD_RESPONSE";

/**
 * A failed control panel request: the hub's error body (code, English
 * message, invalid fields, details), or a failure of the network or of the
 * response's shape.
 */
export class AdminApiError extends Error {
  readonly code: ErrorCode | PanelErrorCode;
  /** HTTP status; 0 when the hub could not be reached. */
  readonly status: number;
  /** Invalid fields by path in the body or query, for `INVALID_INPUT`. */
  readonly fields: readonly FieldError[];
  readonly details: Readonly<Record<string, string | number | string[]>>;

  constructor(options: {
    code: ErrorCode | PanelErrorCode;
    message: string;
    status: number;
    fields?: readonly FieldError[];
    details?: Readonly<Record<string, string | number | string[]>>;
  }) {
    super(options.message);
    this.name = "AdminApiError";
    this.code = options.code;
    this.status = options.status;
    this.fields = options.fields ?? [];
    this.details = options.details ?? {};
  }

  /** Field paths the hub named as invalid, such as `firstName` or `proof.password`. */
  get fieldPaths(): readonly string[] {
    return this.fields.map((field) => field.path);
  }

  /** Returns the hub's message for the field at `path`, if it named that field. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((field) => field.path === path)?.message;
  }

  /** Returns a numeric detail, such as `lockedUntil`, or undefined. */
  detailNumber(name: string): number | undefined {
    const value = this.details[name];
    return typeof value === "number" ? value : undefined;
  }
}
