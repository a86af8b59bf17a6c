import type { z } from "zod";
import {
  PullRequest,
  PushRequest,
  SyncAckRequest,
  VerifierRequest,
  type Acknowledgement,
} from "../../protocol";
import { parseInput } from "../http/parseInput";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { TabletRecord } from "../storage/tabletRepository";
import { acknowledgeCursor } from "../sync/acknowledgeCursor";
import { pullChanges } from "../sync/pullChanges";
import { pushMutations } from "../sync/pushMutations";
import { readVerifiers } from "../sync/readVerifiers";
import { authenticateTabletById } from "../tablets/tabletAuth";
import type { KioskSocket } from "./kioskNamespace";

/**
 * Answers an enrolled tablet's sync events. Each event is parsed with its
 * schema and acknowledged with the result or an error code; a handler never
 * throws past this edge. The tablet is checked again on every event, so a
 * revocation stops it even on a socket opened before.
 */
export function registerSyncHandlers(
  socket: KioskSocket,
  context: HubContext,
): void {
  const { tabletId } = socket.data;

  socket.on("sync:pull", (request, ack) => {
    void answer(context, socket, ack, PullRequest, request, (tablet, body) =>
      pullChanges(context, tablet, body),
    );
  });
  socket.on("sync:push", (request, ack) => {
    void answer(context, socket, ack, PushRequest, request, (tablet, body) =>
      pushMutations(context, tablet, body),
    );
  });
  socket.on("sync:verifiers", (request, ack) => {
    void answer(
      context,
      socket,
      ack,
      VerifierRequest,
      request,
      (tablet, body) => readVerifiers(context, tablet, body),
    );
  });
  socket.on("sync:ack", (request, ack) => {
    void answer(context, socket, ack, SyncAckRequest, request, (tablet, body) =>
      acknowledgeCursor(context, tablet, body),
    );
  });
  context.logger.debug({ tabletId }, "sync handlers ready");
}

async function answer<Schema extends z.ZodType, Result>(
  context: HubContext,
  socket: KioskSocket,
  ack: unknown,
  schema: Schema,
  request: unknown,
  handle: (tablet: TabletRecord, body: z.infer<Schema>) => Promise<Result>,
): Promise<void> {
  // A client that sends no acknowledgement callback cannot be answered.
  if (typeof ack !== "function") {
    context.logger.warn(
      { tabletId: socket.data.tabletId },
      "sync event without acknowledgement",
    );
    return;
  }
  const reply = ack as (response: Acknowledgement<Result>) => void;
  try {
    const tablet = await authenticateTabletById(context, socket.data.tabletId);
    const body = parseInput(schema, request, "event");
    reply({ ok: true, data: await handle(tablet, body) });
  } catch (error) {
    if (error instanceof HubError) {
      context.logger.warn(
        { tabletId: socket.data.tabletId, code: error.code },
        "sync event refused",
      );
      reply({
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields && { fields: error.fields }),
          ...(error.details && { details: error.details }),
        },
      });
      if (error.code === "TABLET_REVOKED" || error.code === "TABLET_UNKNOWN") {
        socket.disconnect(true);
      }
      return;
    }
    context.logger.error(
      { err: error, tabletId: socket.data.tabletId },
      "sync event failed",
    );
    reply({
      ok: false,
      error: {
        code: "INTERNAL",
        message: "The hub failed to handle the event. Try again.",
      },
    });
  }
}
