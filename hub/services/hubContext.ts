import type { FastifyBaseLogger } from "fastify";
import type { HubConfig } from "../config/hubConfig";
import type { PinHasher } from "../security/pinHasher";
import type { SecretBox } from "../security/secretBox";
import type { Storage } from "../storage/Storage";
import type { ChangeFeed } from "../realtime/changeFeed";
import type { TabletSignals } from "../realtime/tabletSignals";
import type { SealingKey } from "../sync/sealingKey";

/** What every hub service works with. */
export interface HubContext {
  readonly config: HubConfig;
  readonly storage: Storage;
  readonly hasher: PinHasher;
  readonly secretBox: SecretBox;
  /** Receives committed log entries and fans them out to tablets. */
  readonly changes: ChangeFeed;
  /** Carries tablet revocations to the socket namespace. */
  readonly tabletSignals: TabletSignals;
  /** Opens PINs that tablets sealed while offline. */
  readonly sealingKey: SealingKey;
  readonly logger: FastifyBaseLogger;
  /** Current time in milliseconds since the epoch; replaced in tests. */
  readonly now: () => number;
}
