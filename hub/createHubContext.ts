import type { FastifyBaseLogger } from "fastify";
import type { HubConfig } from "./config/hubConfig";
import { loadSecretKey } from "./config/secretKey";
import { ChangeFeed } from "./realtime/changeFeed";
import {
  LOW_PIN_COST,
  PinHasher,
  STANDARD_PIN_COST,
} from "./security/pinHasher";
import { SecretBox } from "./security/secretBox";
import type { HubContext } from "./services/hubContext";
import { openSqliteStorage } from "./storage/openSqliteStorage";

/**
 * Opens the hub's database and key material for `config`. The caller closes
 * `context.storage` when done.
 */
export async function createHubContext(
  config: HubConfig,
  logger: FastifyBaseLogger,
  now: () => number = Date.now,
): Promise<HubContext> {
  const storage = await openSqliteStorage(config.dataDir);
  return {
    config,
    storage,
    hasher: new PinHasher(
      config.argon2Cost === "low" ? LOW_PIN_COST : STANDARD_PIN_COST,
      config.pinPepper,
    ),
    secretBox: new SecretBox(loadSecretKey(config.dataDir)),
    changes: new ChangeFeed(),
    logger,
    now,
  };
}
