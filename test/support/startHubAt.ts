import { loadConfig } from "../../hub/config/hubConfig";
import { startHub, type RunningHub } from "../../hub/startHub";

/** A hub started again on the data an earlier hub left behind. */
export interface RestartedHub extends RunningHub {
  readonly url: string;
}

/**
 * Starts a hub on `dataDir` and `port` without seeding anything, as the
 * same hub after a restart: tablets keep their origin, and so their
 * IndexedDB and service worker, only when the port stays the same. Cheap
 * argon2, as the test hubs use. Close it with `close()`; the caller deletes
 * the directory.
 */
export async function startHubAt(options: {
  readonly port: number;
  readonly dataDir: string;
  /** The built kiosk to serve; `dist/kiosk` by default. */
  readonly kioskDir?: string;
  /** The hub's public URL; `http://127.0.0.1:<port>` by default. */
  readonly publicUrl?: string;
}): Promise<RestartedHub> {
  const url = options.publicUrl ?? `http://127.0.0.1:${options.port}`;
  const config = loadConfig({
    PORT: String(options.port),
    HOST: "127.0.0.1",
    STOREFLOOR_DATA_DIR: options.dataDir,
    STOREFLOOR_PUBLIC_URL: url,
    STOREFLOOR_ARGON2_COST: "low",
    STOREFLOOR_LOG_LEVEL: process.env.STOREFLOOR_TEST_LOG_LEVEL ?? "silent",
  });
  const hub = await startHub(config, {
    seedDemo: false,
    ...(options.kioskDir !== undefined && { kioskDir: options.kioskDir }),
  });
  return { ...hub, url };
}
