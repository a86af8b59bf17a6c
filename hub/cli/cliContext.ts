import pino from "pino";
import type { HubConfig } from "../config/hubConfig";
import { createHubContext } from "../createHubContext";
import { ensureOrganisation } from "../domain/ensureOrganisation";
import type { HubContext } from "../services/hubContext";

/**
 * Opens the hub's data for a command-line command, runs `work`, and closes
 * it. Logs go to standard error so that output stays clean.
 *
 * A command run beside a running hub writes to the same database; the hub
 * finds the new log entries within a second and pushes them to tablets.
 */
export async function withCliContext<T>(
  config: HubConfig,
  work: (context: HubContext) => Promise<T>,
): Promise<T> {
  const logger = pino({ level: "warn" }, pino.destination(2));
  const context = await createHubContext(config, logger);
  try {
    await ensureOrganisation(context.storage, "Storefloor", context.now());
    return await work(context);
  } finally {
    await context.storage.close();
  }
}
