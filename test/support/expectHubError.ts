import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { ERRORS, type ErrorCode } from "../../protocol";
import { errorOf, fieldPathsOf } from "./kioskClient";

/**
 * Asserts that a response is the hub's error `code`, with the code's HTTP
 * status, and when `fieldPath` is given, that the error names that field.
 */
export function expectHubError(
  response: LightMyRequestResponse,
  code: ErrorCode,
  fieldPath?: string,
): void {
  expect(errorOf(response).code, response.body).toBe(code);
  expect(response.statusCode).toBe(ERRORS[code].status);
  if (fieldPath !== undefined) {
    expect(fieldPathsOf(response)).toContain(fieldPath);
  }
}
