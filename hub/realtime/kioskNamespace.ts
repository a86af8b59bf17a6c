import type { Server as HttpServer } from "node:http";
import { Server, type Namespace, type Socket } from "socket.io";
import {
  ChangeMessage,
  formatErrorMessage,
  KIOSK_NAMESPACE,
  KioskHandshake,
  PROTOCOL_VERSION,
  type KioskClientEvents,
  type KioskConnectErrorData,
  type KioskServerEvents,
  type StoreId,
  type TabletId,
} from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { parseHandshake } from "./parseHandshake";
import type { LogEntry } from "../storage/records";
import { authenticateTablet } from "../tablets/tabletAuth";
import { registerSyncHandlers } from "./syncHandlers";

/** Data the hub stores about a connected tablet. */
export interface TabletSocketData {
  readonly storeId: StoreId;
  readonly tabletId: TabletId;
}

export type KioskNamespace = Namespace<
  KioskClientEvents,
  KioskServerEvents,
  Record<string, never>,
  TabletSocketData
>;
export type KioskSocket = Socket<
  KioskClientEvents,
  KioskServerEvents,
  Record<string, never>,
  TabletSocketData
>;

/** Returns the socket.io room of a store's tablets. */
export function storeRoom(storeId: string): string {
  return `store:${storeId}`;
}

/** Returns the socket.io room of one tablet, for revocation. */
export function tabletRoom(tabletId: string): string {
  return `tablet:${tabletId}`;
}

/**
 * Starts socket.io on the hub's HTTP server with the tablets' namespace: a
 * tablet states its protocol version and proves its enrollment when it
 * connects, joins its store's room, receives every change its store may see,
 * and syncs through acknowledged events. Returns the server, to be closed
 * with the hub.
 */
export function attachKioskNamespace(
  httpServer: HttpServer,
  context: HubContext,
): Server {
  const allowedOrigin = new URL(context.config.publicUrl).origin;
  const io = new Server<
    KioskClientEvents,
    KioskServerEvents,
    Record<string, never>,
    TabletSocketData
  >(httpServer, {
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
    try {
      socket.data = await admitTablet(context, socket.handshake.auth);
      next();
    } catch (error) {
      if (!(error instanceof HubError)) {
        context.logger.error({ err: error }, "tablet handshake failed");
        next(connectError(new HubError("INTERNAL", { requestId: socket.id })));
        return;
      }
      context.logger.warn({ code: error.code }, "tablet handshake rejected");
      next(connectError(error));
    }
  });

  kiosk.on("connection", async (socket) => {
    const { storeId, tabletId } = socket.data;
    context.tabletSignals.connected(tabletId);
    socket.on("disconnect", () => context.tabletSignals.disconnected(tabletId));
    await socket.join([storeRoom(storeId), tabletRoom(tabletId)]);
    registerSyncHandlers(socket, context);
    socket.emit("hello", {
      protocolVersion: PROTOCOL_VERSION,
      seq: await context.storage.log.latestSeq(),
    });
    context.logger.debug({ tabletId, storeId }, "tablet connected");
  });

  const stopChanges = context.changes.subscribe((entries) => {
    fanOut(kiosk, entries, context).catch((error: unknown) => {
      context.logger.error({ err: error }, "live push failed");
    });
  });
  const stopRevocations = context.tabletSignals.onRevoked((tabletId) => {
    const room = kiosk.to(tabletRoom(tabletId));
    room.emit("revoked", {
      code: "TABLET_REVOKED",
      message: formatErrorMessage("TABLET_REVOKED", {
        revokedAt: new Date(context.now()).toISOString(),
      }),
    });
    kiosk.in(tabletRoom(tabletId)).disconnectSockets(true);
  });
  io.on("close", () => {
    stopChanges();
    stopRevocations();
  });
  return io;
}

/**
 * Checks a handshake and returns the enrolled tablet it proves, which fixes
 * the store whose data the socket sees.
 */
async function admitTablet(
  context: HubContext,
  auth: unknown,
): Promise<TabletSocketData> {
  const handshake = parseHandshake(KioskHandshake, auth);
  if (handshake.protocolVersion !== PROTOCOL_VERSION) {
    throw new HubError("PROTOCOL_MISMATCH", {
      clientVersion: handshake.protocolVersion,
      hubVersion: PROTOCOL_VERSION,
    });
  }
  const tablet = await authenticateTablet(context, handshake.tabletToken);
  await context.storage.tablets.markSeen(tablet.id, context.now());
  return { storeId: tablet.storeId, tabletId: tablet.id };
}

/**
 * Sends each change entry to the rooms of the stores that may see it, each
 * with the sequence number of the previous change that store may see.
 */
async function fanOut(
  kiosk: KioskNamespace,
  entries: readonly LogEntry[],
  context: HubContext,
): Promise<void> {
  for (const entry of entries) {
    if (entry.category !== "change") {
      continue;
    }
    for (const storeId of entry.storeIds) {
      const previousSeq = await context.storage.log.previousChangeSeqForStore(
        storeId,
        entry.seq,
      );
      const message = ChangeMessage.safeParse({
        seq: entry.seq,
        previousSeq,
        change: entry.payload,
      });
      if (!message.success) {
        context.logger.error(
          { seq: entry.seq, kind: entry.kind },
          "change entry does not match the tablet schema",
        );
        continue;
      }
      kiosk.to(storeRoom(storeId)).emit("change", message.data);
    }
  }
}

function connectError(
  error: HubError,
): Error & { data: KioskConnectErrorData } {
  return Object.assign(new Error(error.message), {
    data: { code: error.code, message: error.message },
  });
}
