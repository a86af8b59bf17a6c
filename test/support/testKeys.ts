import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadSecretKey } from "../../hub/config/secretKey";
import { SealingKey } from "../../hub/sync/sealingKey";

let keyDir: string | undefined;

/**
 * Copies a secret key and a sealing key, made once per test process, into a
 * new data directory. Making an RSA key takes a few hundred milliseconds, and
 * most tests start several hubs.
 */
export function installTestKeys(dataDir: string): void {
  if (keyDir === undefined) {
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-test-keys-"));
    loadSecretKey(keyDir);
    SealingKey.load(keyDir);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  for (const file of fs.readdirSync(keyDir)) {
    const target = path.join(dataDir, file);
    if (!fs.existsSync(target)) {
      fs.copyFileSync(path.join(keyDir, file), target);
    }
  }
}
