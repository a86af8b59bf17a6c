import { z } from "zod";

/** IV length in bytes: 96 bits, which GCM uses as is instead of hashing it. */
const IV_BYTES = 12;

/** One encrypted record as IndexedDB stores it. */
export const SealedRecord = z.object({
  iv: z.instanceof(Uint8Array),
  data: z.instanceof(ArrayBuffer),
});
export type SealedRecord = z.infer<typeof SealedRecord>;

/**
 * Encrypts the tablet's cached records with one AES-GCM key that scripts
 * cannot export. Each record gets a random IV, and its place in the
 * database (`context`, such as `users:<id>`) is bound in as additional
 * data, so a record copied to another place fails to open.
 */
export class CacheCipher {
  readonly #key: CryptoKey;

  constructor(key: CryptoKey) {
    this.#key = key;
  }

  /** Creates a new non-extractable AES-GCM key of 256 bits. */
  static createKey(): Promise<CryptoKey> {
    return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]);
  }

  /** Encrypts `value` as JSON. */
  async seal(value: unknown, context: string): Promise<SealedRecord> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const plaintext = new TextEncoder().encode(JSON.stringify(value));
    const data = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: encodeContext(context) },
      this.#key,
      plaintext,
    );
    return { iv, data };
  }

  /**
   * Decrypts a stored record and parses it with `schema`. Returns undefined
   * for a record that is malformed, fails authentication or fails the
   * schema, so a damaged cache reads as missing instead of breaking sign-in.
   */
  async open<Schema extends z.ZodType>(
    stored: unknown,
    context: string,
    schema: Schema,
  ): Promise<z.output<Schema> | undefined> {
    const record = SealedRecord.safeParse(stored);
    if (!record.success) {
      return undefined;
    }
    let plaintext: ArrayBuffer;
    try {
      plaintext = await crypto.subtle.decrypt(
        {
          name: "AES-GCM",
          iv: new Uint8Array(record.data.iv),
          additionalData: encodeContext(context),
        },
        this.#key,
        record.data.data,
      );
    } catch {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(plaintext));
    } catch {
      return undefined;
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  }
}

function encodeContext(context: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`storefloor-cache:${context}`);
}
