import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
} from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts short secrets, such as a temporary PIN waiting for delivery, with
 * AES-256-GCM under the hub's secret key. The output is base64 of
 * iv | tag | ciphertext.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) {
      throw new Error(`SecretBox needs a 32-byte key, got ${key.length} bytes`);
    }
    this.#key = key;
  }

  /**
   * Derives a 32-byte key for another purpose (HKDF-SHA-256 with `purpose`
   * as info), so one secret key file serves every use without reusing a key.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(
      hkdfSync("sha256", this.#key, Buffer.alloc(0), purpose, 32),
    );
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const body = Buffer.concat([
      cipher.update(plaintext, "utf8"),
      cipher.final(),
    ]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  /** Decrypts what `seal` produced; throws when the data or its context was altered. */
  open(sealed: string, associatedData: string): string {
    const bytes = Buffer.from(sealed, "base64");
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const body = bytes.subarray(IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", this.#key, iv);
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString(
      "utf8",
    );
  }
}
