import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../hub/config/hubConfig";
import { startHub, type RunningHub } from "../../hub/startHub";
import { freePort } from "./freePort";
import { installTestKeys } from "./testKeys";
import { seedFixture, type Fixture } from "./seedFixture";

export interface TestHub extends RunningHub {
  readonly url: string;
  readonly dataDir: string;
  readonly fixture: Fixture;
  /** Closes the hub and deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts a real hub on a free port of 127.0.0.1 with a fresh SQLite database
 * in a temporary directory, cheap argon2, and the test fixture (or the demo
 * organisation).
 */
export async function startTestHub(
  options: {
    seed?: "fixture" | "demo";
    env?: Record<string, string>;
    dataDir?: string;
    /** Clock of the hub, in ms since the epoch; `Date.now` by default. */
    now?: () => number;
  } = {},
): Promise<TestHub> {
  const port = await freePort();
  const dataDir =
    options.dataDir ??
    fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-test-"));
  installTestKeys(dataDir);
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: "127.0.0.1",
    STOREFLOOR_DATA_DIR: dataDir,
    STOREFLOOR_PUBLIC_URL: url,
    STOREFLOOR_ARGON2_COST: "low",
    STOREFLOOR_LOG_LEVEL: process.env.STOREFLOOR_TEST_LOG_LEVEL ?? "silent",
    ...options.env,
  });
  const seed = options.seed ?? "fixture";
  const hub = await startHub(config, {
    seedDemo: seed === "demo",
    ...(options.now && { now: options.now }),
  });
  const fixture =
    seed === "fixture"
      ? await seedFixture(hub.context)
      : await readDemoFixture(hub);
  return {
    ...hub,
    url,
    dataDir,
    fixture,
    async stop() {
      await hub.close();
      if (!options.dataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function readDemoFixture(hub: RunningHub): Promise<Fixture> {
  const stores = await hub.context.storage.org.listStores();
  const users = await hub.context.storage.users.list();
  return {
    stores: Object.fromEntries(stores.map((store) => [store.code, store.id])),
    users: Object.fromEntries(
      users.map((user) => [user.employeeNumber, user.id]),
    ),
    pins: {},
  };
}
