import closeWithGrace from "close-with-grace";
import type { HubConfig } from "../config/hubConfig";
import { startHub } from "../startHub";

/** Time that open requests get to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Starts the hub and keeps it running until SIGINT or SIGTERM. */
export async function serveCommand(config: HubConfig): Promise<number> {
  const hub = await startHub(config);
  const log = hub.app.log;
  log.info(
    { url: config.publicUrl, mode: config.mode, dataDir: config.dataDir },
    `Storefloor hub running: open ${config.publicUrl}`,
  );
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
