import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const KEY_BYTES = 32;
const KEY_FILE = "secret.key";

/**
 * Loads the hub's 32-byte secret key, creating it on first start. The key
 * encrypts temporary PINs waiting for delivery; it lives in a file of its own
 * beside the database, readable by the hub's user only, so a copy of the
 * database alone does not reveal them.
 */
export function loadSecretKey(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(KEY_BYTES).toString("base64") + "\n", {
      mode: 0o600,
      flag: "wx",
    });
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `The secret key in ${file} has ${key.length} bytes instead of ${KEY_BYTES}. Restore it from a backup; a new key cannot read the PINs waiting for delivery.`,
    );
  }
  return key;
}
