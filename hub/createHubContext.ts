import type { FastifyBaseLogger } from "fastify";
import type { HubConfig } from "./config/hubConfig";
import { loadSecretKey } from "./config/secretKey";
import { ChangeFeed } from "./realtime/changeFeed";
import { TabletSignals } from "./realtime/tabletSignals";
import { SealingKey } from "./sync/sealingKey";
import {
  LOW_PIN_COST,
  LOW_VERIFIER_COST,
  PinHasher,
  STANDARD_PIN_COST,
  STANDARD_VERIFIER_COST,
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
    hasher:
      config.argon2Cost === "low"
        ? new PinHasher(LOW_PIN_COST, LOW_VERIFIER_COST, config.pinPepper)
        : new PinHasher(
            STANDARD_PIN_COST,
            STANDARD_VERIFIER_COST,
            config.pinPepper,
          ),
    secretBox: new SecretBox(loadSecretKey(config.dataDir)),
    changes: new ChangeFeed(),
    tabletSignals: new TabletSignals(),
    sealingKey: SealingKey.load(config.dataDir),
    logger,
    now,
  };
}
