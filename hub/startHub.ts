import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import type { Server } from "socket.io";
import type { HubConfig } from "./config/hubConfig";
import { createHubContext } from "./createHubContext";
import { logPasskeyAvailability } from "./passkeys/passkeyAvailability";
import {
  createDeliveryWorker,
  type DeliveryWorker,
} from "./delivery/deliveryWorker";
import { seedDemo } from "./demo/seedDemo";
import { ensureOrganisation } from "./domain/ensureOrganisation";
import { buildApp } from "./http/buildApp";
import { attachKioskNamespace } from "./realtime/kioskNamespace";
import { scheduleMaintenance } from "./maintenance/runMaintenance";
import { startLogTailer } from "./realtime/logTailer";
import { attachAdminNamespace } from "./realtime/adminNamespace";
import { attachFeedNamespace } from "./realtime/feedNamespace";
import type { HubContext } from "./services/hubContext";

/** Folder where `npm run build` writes the kiosk. */
export const DEFAULT_KIOSK_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../dist/kiosk",
);

/** Folder where `npm run build` writes the control panel. */
export const DEFAULT_PANEL_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../dist/panel",
);

/** A running hub. */
export interface RunningHub {
  readonly app: FastifyInstance;
  readonly io: Server;
  readonly context: HubContext;
  /** Sends the temporary PINs waiting in the outbox. */
  readonly delivery: DeliveryWorker;
  /** The address the hub listens on, e.g. `http://127.0.0.1:8080`. */
  readonly address: string;
  /** Stops accepting connections, closes sockets and the database. */
  close(): Promise<void>;
}

/**
 * Starts the hub: opens the database, creates the organisation on first
 * start (and the demo organisation in demo mode), builds the app, attaches
 * the tablets' socket.io namespace and listens.
 */
export async function startHub(
  config: HubConfig,
  options: {
    kioskDir?: string;
    panelDir?: string;
    now?: () => number;
    /** Seed the demo organisation on first start; by default in demo mode. */
    seedDemo?: boolean;
  } = {},
): Promise<RunningHub> {
  const logger = pino({
    level: config.logLevel,
    redact: ["req.headers.authorization", "req.headers.cookie"],
  });
  const context = await createHubContext(config, logger, options.now);
  let app: FastifyInstance | undefined;
  try {
    const created = await ensureOrganisation(
      context.storage,
      "Storefloor",
      context.now(),
    );
    if (created && (options.seedDemo ?? config.mode === "demo")) {
      await seedDemo(context);
    }
    app = await buildApp(context, {
      kioskDir: options.kioskDir ?? DEFAULT_KIOSK_DIR,
      panelDir: options.panelDir ?? DEFAULT_PANEL_DIR,
      logger,
    });
    const io = attachKioskNamespace(app.server, context);
    attachFeedNamespace(io, context);
    attachAdminNamespace(io, context);
    // Live push starts at the log's head: tablets pull what came before.
    context.changes.startAt(await context.storage.log.latestSeq());
    const stopTailer = startLogTailer(context);
    const stopMaintenance = scheduleMaintenance(context);
    const delivery = createDeliveryWorker(context);
    // Tablets learn at once that the hub is going away; an open
    // WebSocket would otherwise keep them "online" until the grace ends.
    app.addHook("preClose", async () => {
      // `io.local` reaches only the main namespace, where no one connects.
      for (const namespace of io._nsps.values()) {
        namespace.disconnectSockets(true);
      }
    });
    app.addHook("onClose", async () => {
      stopTailer();
      stopMaintenance();
      await delivery.stop();
      await io.close();
    });
    const address = await app.listen({ port: config.port, host: config.host });
    logPasskeyAvailability(config.passkeys, logger);
    // Started once the hub listens, so a failed start leaves no timer behind.
    delivery.start();
    const started = app;
    return {
      app: started,
      io,
      context,
      delivery,
      address,
      async close() {
        await started.close();
        await context.storage.close();
      },
    };
  } catch (error) {
    // Closing the app stops the timers its onClose hook owns, so a failed
    // start, e.g. a port in use, lets the process exit.
    await app?.close();
    await context.storage.close();
    throw error;
  }
}
