import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  constants,
  type KeyObject,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { HubSealingKey } from "../../protocol";

const KEY_FILE = "sealing-key.pem";

/**
 * The hub's RSA-OAEP key pair for secrets that tablets queue while offline:
 * a tablet seals a new PIN to the public key, so neither its outbox nor a
 * copy of its storage reveals the PIN. The private key lives in a file of
 * its own beside the database, readable by the hub's user only.
 */
export class SealingKey {
  readonly publicJwk: HubSealingKey;
  readonly #privateKey: KeyObject;

  constructor(privateKey: KeyObject) {
    this.#privateKey = privateKey;
    this.publicJwk = HubSealingKey.parse(
      createPublicKey(privateKey).export({ format: "jwk" }),
    );
  }

  /** Loads the key pair from `dataDir`, creating it on first start. */
  static load(dataDir: string): SealingKey {
    const file = path.join(dataDir, KEY_FILE);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true });
      const { privateKey } = generateKeyPairSync("rsa", {
        modulusLength: 2048,
      });
      fs.writeFileSync(
        file,
        privateKey.export({ format: "pem", type: "pkcs8" }),
        {
          mode: 0o600,
          flag: "wx",
        },
      );
    }
    return new SealingKey(createPrivateKey(fs.readFileSync(file)));
  }

  /** Opens what a tablet sealed with RSA-OAEP (SHA-256); throws when it cannot. */
  open(sealed: string): string {
    return privateDecrypt(
      {
        key: this.#privateKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: "sha256",
      },
      Buffer.from(sealed, "base64url"),
    ).toString("utf8");
  }
}
