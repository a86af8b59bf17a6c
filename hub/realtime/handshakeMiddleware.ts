import type { IncomingHttpHeaders } from "node:http";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";

/** The `data` of the error a client's `connect_error` event receives. */
export interface ConnectErrorData {
  readonly code: HubError["code"];
  readonly message: string;
  readonly details?: NonNullable<HubError["details"]>;
}

/** The parts of a socket.io socket that a handshake check reads and sets. */
interface HandshakeSocket<Data> {
  readonly id: string;
  readonly handshake: {
    readonly auth: unknown;
    readonly headers: IncomingHttpHeaders;
  };
  data: Data;
}

/**
 * Returns a namespace middleware that admits a socket with the data `admit`
 * returns for its handshake. When `admit` throws, the client's
 * `connect_error` carries the hub error's code, message and details. Any
 * other error becomes INTERNAL and is logged with `failureMessage`.
 */
export function handshakeMiddleware<Data>(
  context: HubContext,
  failureMessage: string,
  admit: (socket: HandshakeSocket<Data>) => Promise<Data>,
): (
  socket: HandshakeSocket<Data>,
  next: (error?: Error & { data: ConnectErrorData }) => void,
) => Promise<void> {
  return async (socket, next) => {
    try {
      socket.data = await admit(socket);
      next();
    } catch (error) {
      const hubError =
        error instanceof HubError
          ? error
          : new HubError("INTERNAL", { requestId: socket.id });
      if (!(error instanceof HubError)) {
        context.logger.error({ err: error }, failureMessage);
      }
      next(
        Object.assign(new Error(hubError.message), {
          data: {
            code: hubError.code,
            message: hubError.message,
            ...(hubError.details && { details: hubError.details }),
          },
        }),
      );
    }
  };
}
