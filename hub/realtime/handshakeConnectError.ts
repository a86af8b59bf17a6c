import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";

/** The `data` of the error a client's `connect_error` event receives. */
export interface ConnectErrorData {
  readonly code: HubError["code"];
  readonly message: string;
  readonly details?: NonNullable<HubError["details"]>;
}

/**
 * Turns an error thrown while checking a handshake into the error a
 * namespace middleware passes to `next`, carrying the hub error's code,
 * message and details. Any other error becomes INTERNAL and is logged with
 * `failureMessage`.
 */
export function handshakeConnectError(
  context: HubContext,
  error: unknown,
  socketId: string,
  failureMessage: string,
): Error & { data: ConnectErrorData } {
  const hubError =
    error instanceof HubError
      ? error
      : new HubError("INTERNAL", { requestId: socketId });
  if (!(error instanceof HubError)) {
    context.logger.error({ err: error }, failureMessage);
  }
  return Object.assign(new Error(hubError.message), {
    data: {
      code: hubError.code,
      message: hubError.message,
      ...(hubError.details && { details: hubError.details }),
    },
  });
}
