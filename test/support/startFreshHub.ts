import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadSecretKey } from "../../hub/config/secretKey";
import { SealingKey } from "../../hub/sync/sealingKey";
import { startTestHub, type TestHub } from "./startTestHub";

let keyTemplateDir: string | undefined;

/**
 * Starts a test hub like `startTestHub`, in a new data directory that
 * already contains the hub's key files, and deletes the directory on stop.
 * A hub generates a 2048-bit RSA sealing key on first start, which took 0.15
 * to 0.3 s on a 2-core test machine. Tests that start a hub each therefore
 * copy the key files made once per test process.
 */
export async function startFreshHub(
  options: { now?: () => number } = {},
): Promise<TestHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-test-"));
  const templateDir = keyTemplate();
  for (const name of fs.readdirSync(templateDir)) {
    fs.copyFileSync(path.join(templateDir, name), path.join(dataDir, name));
  }
  const hub = await startTestHub({ dataDir, ...options });
  return {
    ...hub,
    async stop() {
      await hub.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Returns a directory with the hub's key files, making them on first use. */
function keyTemplate(): string {
  if (keyTemplateDir === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-keys-"));
    loadSecretKey(dir);
    SealingKey.load(dir);
    process.once("exit", () => {
      fs.rmSync(dir, { recursive: true, force: true });
    });
    keyTemplateDir = dir;
  }
  return keyTemplateDir;
}
