import type { Server as HttpServer } from "node:http";
import { Server, type Namespace } from "socket.io";
import {
  ChangeMessage,
  formatErrorMessage,
  KIOSK_NAMESPACE,
  KioskHandshake,
  PROTOCOL_VERSION,
  type KioskClientEvents,
  type KioskConnectErrorData,
  type KioskServerEvents,
} from "../../protocol";
import type { HubContext } from "../services/hubContext";
import type { LogEntry } from "../storage/records";

type KioskNamespace = Namespace<KioskClientEvents, KioskServerEvents>;

/** The socket.io room of a store's tablets. */
export function storeRoom(storeId: string): string {
  return `store:${storeId}`;
}

/**
 * Starts socket.io on the hub's HTTP server with the tablets' namespace: a
 * tablet states its protocol version and store when it connects, joins its
 * store's room, and from then on receives every change its store may see.
 * Returns the server, to be closed with the hub.
 */
export function attachKioskNamespace(
  httpServer: HttpServer,
  context: HubContext,
): Server {
  const allowedOrigin = new URL(context.config.publicUrl).origin;
  const io = new Server(httpServer, {
    serveClient: false,
    // Browsers send an Origin; a page of another site must not connect.
    // Scripts and tests without one are let through to the handshake check.
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, origin === undefined || origin === allowedOrigin);
    },
  });
  const kiosk: KioskNamespace = io.of(KIOSK_NAMESPACE);

  kiosk.use(async (socket, next) => {
    const parsed = KioskHandshake.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      next(
        connectError("INVALID_INPUT", {
          where: "handshake",
          summary: parsed.error.issues
            .map((issue) => `${issue.path.join(".")} ${issue.message}`)
            .join("; "),
        }),
      );
      return;
    }
    const handshake = parsed.data;
    if (handshake.protocolVersion !== PROTOCOL_VERSION) {
      next(
        connectError("PROTOCOL_MISMATCH", {
          clientVersion: handshake.protocolVersion,
          hubVersion: PROTOCOL_VERSION,
        }),
      );
      return;
    }
    if (!(await context.storage.org.getStore(handshake.storeId))) {
      next(connectError("STORE_NOT_FOUND", { storeId: handshake.storeId }));
      return;
    }
    socket.data = handshake;
    next();
  });

  kiosk.on("connection", async (socket) => {
    const handshake = socket.data as KioskHandshake;
    await socket.join(storeRoom(handshake.storeId));
    socket.emit("hello", {
      protocolVersion: PROTOCOL_VERSION,
      seq: await context.storage.log.latestSeq(),
    });
    context.logger.debug(
      { tabletId: handshake.tabletId, storeId: handshake.storeId },
      "tablet connected",
    );
  });

  const unsubscribe = context.changes.subscribe((entries) => {
    fanOut(kiosk, entries, context);
  });
  io.on("close", unsubscribe);
  return io;
}

/** Sends each change entry to the rooms of the stores that may see it. */
function fanOut(
  kiosk: KioskNamespace,
  entries: readonly LogEntry[],
  context: HubContext,
): void {
  for (const entry of entries) {
    if (entry.category !== "change" || entry.storeIds.length === 0) {
      continue;
    }
    const message = ChangeMessage.safeParse({
      seq: entry.seq,
      change: entry.payload,
    });
    if (!message.success) {
      context.logger.error(
        { seq: entry.seq, kind: entry.kind },
        "change entry does not match the tablet schema",
      );
      continue;
    }
    kiosk.to(entry.storeIds.map(storeRoom)).emit("change", message.data);
  }
}

function connectError(
  code: KioskConnectErrorData["code"],
  params: Record<string, string | number>,
): Error & { data: KioskConnectErrorData } {
  const message = formatErrorMessage(code, params);
  return Object.assign(new Error(message), { data: { code, message } });
}
