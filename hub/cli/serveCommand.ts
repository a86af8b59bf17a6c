import closeWithGrace from "close-with-grace";
import type { HubConfig } from "../config/hubConfig";
import { startHub, type RunningHub } from "../startHub";
import { issueEnrollmentCode } from "../tablets/enrollmentCodes";
import { CliError } from "./cliError";

/** Time that open requests get to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts the hub and keeps it running until SIGINT or SIGTERM. Throws a
 * CliError naming the port when another process listens on it.
 */
export async function serveCommand(config: HubConfig): Promise<number> {
  const hub = await startHub(config).catch((error: unknown) => {
    if (isAddressInUse(error)) {
      throw new CliError(
        `Port ${config.port} on ${config.host} is already in use, so another hub may be running. Stop it, or set PORT to a free port.`,
      );
    }
    throw error;
  });
  const log = hub.app.log;
  log.info(
    { url: config.publicUrl, mode: config.mode, dataDir: config.dataDir },
    `Storefloor hub running: open ${config.publicUrl}`,
  );
  if (config.mode === "demo") {
    await printDemoEnrollmentCodes(hub);
  }
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) {
      log.error({ err }, "hub stopping after an error");
    } else {
      log.info({ signal }, "hub stopping");
    }
    await hub.close();
  });
  return 0;
}

/**
 * Prints a fresh enrollment code for each store, so a demo tablet can be
 * enrolled without signing in first. Production never does this.
 */
async function printDemoEnrollmentCodes(hub: RunningHub): Promise<void> {
  const stores = await hub.context.storage.org.listStores();
  for (const store of stores) {
    const { code, expiresAt } = await issueEnrollmentCode(
      hub.context,
      store.id,
      {
        actorId: null,
        via: "demo start",
      },
    );
    hub.app.log.info(
      { store: store.code, expiresAt: new Date(expiresAt).toISOString() },
      `Enrollment code for ${store.name}: ${code}`,
    );
  }
}

function isAddressInUse(error: unknown): boolean {
  return (
    error instanceof Error && "code" in error && error.code === "EADDRINUSE"
  );
}
