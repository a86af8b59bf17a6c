import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestHub, type TestHub } from "./startTestHub";

/** File of the hub's RSA sealing key inside its data directory. */
const SEALING_KEY_FILE = "sealing-key.pem";

let sealingKeyPem: string | undefined;

/**
 * Makes a temporary data directory that already contains a sealing key, the
 * same for every hub of this test worker. Otherwise a hub generates a
 * 2048-bit RSA key on its first start, which took 0.15 to 0.5 s in a few
 * runs of `generateKeyPairSync` on a busy two-core machine, most of the
 * start of a test hub.
 */
export function makeDataDirWithKey(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-test-"));
  sealingKeyPem ??= generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();
  fs.writeFileSync(path.join(dataDir, SEALING_KEY_FILE), sealingKeyPem, {
    mode: 0o600,
  });
  return dataDir;
}

/**
 * Starts a test hub with the fixture in a directory from
 * `makeDataDirWithKey`; `stop()` deletes the directory.
 */
export async function startCachedKeyHub(
  options: { now?: () => number } = {},
): Promise<TestHub> {
  const dataDir = makeDataDirWithKey();
  const hub = await startTestHub({ ...options, dataDir });
  return {
    ...hub,
    async stop() {
      await hub.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
