import fs from "node:fs";
import path from "node:path";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type { HubContext } from "../services/hubContext";
import { installErrorHandler } from "./errorHandler";
import { healthRoutes } from "./routes/healthRoutes";
import { kioskSessionRoutes } from "./routes/kioskSessionRoutes";
import { kioskUserRoutes } from "./routes/kioskUserRoutes";
import { kioskPinChoiceRoutes } from "./routes/kioskPinChoiceRoutes";
import { storeRoutes } from "./routes/storeRoutes";
import { tabletRoutes } from "./routes/tabletRoutes";
import { feedRoutes } from "./routes/feedRoutes";
import { adminSessionRoutes } from "./routes/adminSessionRoutes";
import { adminUserRoutes } from "./routes/adminUserRoutes";
import { adminRoleRoutes } from "./routes/adminRoleRoutes";
import { adminStoreRoutes } from "./routes/adminStoreRoutes";
import { adminTabletRoutes } from "./routes/adminTabletRoutes";
import { adminSettingsRoutes } from "./routes/adminSettingsRoutes";
import { adminAlertRoutes } from "./routes/adminAlertRoutes";
import { adminAuditRoutes } from "./routes/adminAuditRoutes";
import { adminRosterImportRoutes } from "./routes/adminRosterImportRoutes";
import { adminFeedTokenRoutes } from "./routes/adminFeedTokenRoutes";
import { adminOutboxRoutes } from "./routes/adminOutboxRoutes";
import { adminPasskeyRoutes } from "./routes/adminPasskeyRoutes";
import { kioskPasskeyRoutes } from "./routes/kioskPasskeyRoutes";

/** Largest request body the hub accepts; the biggest is a roster upload. */
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface AppOptions {
  /** Folder of the built kiosk; the hub serves it at `/` when it exists. */
  readonly kioskDir: string;
  /**
   * Folder of the built control panel; the hub serves it at `/admin/` when
   * it exists.
   */
  readonly panelDir?: string;
  /** The hub's pino logger, shared with the services. */
  readonly logger: FastifyBaseLogger;
}

/**
 * Builds the hub's Fastify app with its routes, security headers and error
 * handling. The caller owns the storage behind `context` and closes it after
 * the app.
 */
export async function buildApp(
  context: HubContext,
  options: AppOptions,
): Promise<FastifyInstance> {
  const secure = new URL(context.config.publicUrl).protocol === "https:";
  const app = Fastify({
    loggerInstance: options.logger,
    trustProxy: context.config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // On close, keep-alive and streaming connections are cut instead of
    // holding the shutdown open; tablets and feed consumers reconnect.
    forceCloseConnections: true,
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The kiosk checks PINs offline with argon2 compiled to WebAssembly.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  });
  await app.register(rateLimit, { global: false });
  await app.register(cookie);
  installErrorHandler(app);

  await app.register(async (scope) => healthRoutes(scope, context));
  await app.register(async (scope) => storeRoutes(scope, context));
  await app.register(async (scope) => kioskSessionRoutes(scope, context));
  await app.register(async (scope) => kioskUserRoutes(scope, context));
  await app.register(async (scope) => kioskPinChoiceRoutes(scope, context));
  await app.register(async (scope) => tabletRoutes(scope, context));
  await app.register(async (scope) => feedRoutes(scope, context));
  await app.register(async (scope) => adminSessionRoutes(scope, context));
  await app.register(async (scope) => adminUserRoutes(scope, context));
  await app.register(async (scope) => adminRoleRoutes(scope, context));
  await app.register(async (scope) => adminStoreRoutes(scope, context));
  await app.register(async (scope) => adminTabletRoutes(scope, context));
  await app.register(async (scope) => adminSettingsRoutes(scope, context));
  await app.register(async (scope) => adminAlertRoutes(scope, context));
  await app.register(async (scope) => adminAuditRoutes(scope, context));
  await app.register(async (scope) => adminRosterImportRoutes(scope, context));
  await app.register(async (scope) => adminFeedTokenRoutes(scope, context));
  await app.register(async (scope) => adminOutboxRoutes(scope, context));
  await app.register(async (scope) => adminPasskeyRoutes(scope, context));
  await app.register(async (scope) => kioskPasskeyRoutes(scope, context));

  if (fs.existsSync(path.join(options.kioskDir, "index.html"))) {
    await app.register(fastifyStatic, {
      root: options.kioskDir,
      prefix: "/",
      index: ["index.html"],
    });
  } else {
    app.log.warn(
      { kioskDir: options.kioskDir },
      "kiosk build not found; run `npm run build` to serve the kiosk",
    );
  }
  await servePanel(app, options.panelDir);
  return app;
}

/**
 * Serves the control panel's build at `/admin/`, a bundle apart from the
 * kiosk's, and redirects `/admin` there so relative asset paths resolve.
 */
async function servePanel(
  app: FastifyInstance,
  panelDir: string | undefined,
): Promise<void> {
  if (panelDir === undefined) {
    return;
  }
  if (!fs.existsSync(path.join(panelDir, "index.html"))) {
    app.log.warn(
      { panelDir },
      "control panel build not found; run `npm run build` to serve it",
    );
    return;
  }
  app.get("/admin", (_request, reply) => reply.redirect("/admin/", 301));
  await app.register(fastifyStatic, {
    root: panelDir,
    prefix: "/admin/",
    index: ["index.html"],
    // The kiosk's registration already decorated the reply.
    decorateReply: false,
  });
}
