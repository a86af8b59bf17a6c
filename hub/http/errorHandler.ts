import type { FastifyError, FastifyInstance } from "fastify";
import { formatErrorMessage, type ErrorBody } from "../../protocol";
import { HubError } from "../services/hubError";

/**
 * Turns every failure into the protocol's error body: HubErrors as they are,
 * Fastify's own client errors (malformed JSON, body too large, rate limit)
 * under the matching code, and anything else as INTERNAL with the request id,
 * logged in full on the hub only.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HubError, request, reply) => {
    if (error instanceof HubError) {
      const body: ErrorBody = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields && { fields: error.fields }),
          ...(error.details && { details: error.details }),
        },
      };
      return reply.status(error.status).send(body);
    }

    if (error.statusCode === 429) {
      const retryAfterSeconds = Number(reply.getHeader("retry-after") ?? 60);
      request.log.warn({ url: request.url }, "rate limit reached");
      return reply.status(429).send({
        error: {
          code: "RATE_LIMITED",
          message: formatErrorMessage("RATE_LIMITED", { retryAfterSeconds }),
          details: { retryAfterSeconds },
        },
      } satisfies ErrorBody);
    }

    if (
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      request.log.warn({ err: error }, "invalid request");
      return reply.status(400).send({
        error: {
          code: "INVALID_INPUT",
          message: formatErrorMessage("INVALID_INPUT", {
            where: "request",
            summary: error.message,
          }),
          fields: [{ path: "body", message: error.message }],
        },
      } satisfies ErrorBody);
    }

    request.log.error({ err: error }, "request failed");
    return reply.status(500).send({
      error: {
        code: "INTERNAL",
        message: formatErrorMessage("INTERNAL", { requestId: request.id }),
      },
    } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: "NOT_FOUND",
        message: formatErrorMessage("NOT_FOUND", {
          method: request.method,
          url: request.url.split("?")[0] ?? "",
        }),
      },
    } satisfies ErrorBody);
  });
}
