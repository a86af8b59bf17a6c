import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type {
  AuthenticationResponseJSON,
  CreationOptionsJSON,
  RegistrationResponseJSON,
} from "../../protocol";

/** The origin and RP ID test hubs expect for passkeys. */
export const PASSKEY_RP_ID = "localhost";
export const PASSKEY_ORIGIN = "http://localhost:8080";

/** Authenticator data flags (WebAuthn, section "Authenticator Data"). */
const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_DATA = 0x40;

/** A credential the software authenticator holds. */
export interface SoftCredential {
  /** The credential id, base64url. */
  readonly id: string;
  readonly privateKey: KeyObject;
  /** The user handle from the creation options, base64url. */
  readonly userHandle: string;
  /** The next assertion's signature counter, unless overridden. */
  counter: number;
}

/** What a test may change in a response, to make the hub reject it. */
export interface ResponseOverrides {
  readonly origin?: string;
  readonly rpId?: string;
  readonly challenge?: string;
  /** Signature counter to report; by default the credential's next one. */
  readonly counter?: number;
  /** Report user verification; true by default. */
  readonly userVerified?: boolean;
  /** Credential id (base64url) of a new credential; random by default. */
  readonly credentialId?: string;
  /** The `type` in the client data; `webauthn.get` or `webauthn.create` by default. */
  readonly clientDataType?: string;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

function sha256(bytes: Uint8Array | string): Buffer {
  return createHash("sha256").update(bytes).digest();
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

/**
 * A software WebAuthn authenticator for tests: ES256 keys made with
 * node:crypto, attestation "none", and assertions with user presence and
 * user verification flags, a controllable counter, origin and RP ID. It
 * builds the same JSON a browser returns, so the hub verifies it for real.
 */
export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  readonly #origin: string;
  readonly #rpId: string;
  readonly #initialCounter: number;

  /** `initialCounter` is the counter new credentials start at; 0 keeps none. */
  constructor(
    options: { origin?: string; rpId?: string; initialCounter?: number } = {},
  ) {
    this.#origin = options.origin ?? PASSKEY_ORIGIN;
    this.#rpId = options.rpId ?? PASSKEY_RP_ID;
    this.#initialCounter = options.initialCounter ?? 0;
  }

  /** Creates a new ES256 credential for the creation options. */
  create(
    options: CreationOptionsJSON,
    overrides: ResponseOverrides = {},
  ): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync("ec", {
      namedCurve: "P-256",
    });
    const jwk = publicKey.export({ format: "jwk" });
    if (typeof jwk.x !== "string" || typeof jwk.y !== "string") {
      throw new Error("node:crypto exported an EC key without x and y");
    }
    const coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(jwk.x, "base64url"))],
        [-3, new Uint8Array(Buffer.from(jwk.y, "base64url"))],
      ]),
    );
    const credentialId =
      overrides.credentialId === undefined
        ? randomBytes(16)
        : Buffer.from(overrides.credentialId, "base64url");
    const counter = overrides.counter ?? this.#initialCounter;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(overrides.rpId ?? this.#rpId),
      Buffer.from([this.#flags(overrides) | FLAG_ATTESTED_DATA]),
      counterBytes(counter),
      Buffer.alloc(16), // AAGUID: all zero, as with attestation "none"
      idLength,
      credentialId,
      Buffer.from(coseKey),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", new Uint8Array(authData)],
      ]),
    );
    const id = base64url(credentialId);
    this.credentials.push({
      id,
      privateKey,
      userHandle: options.user.id,
      counter: counter === 0 ? 0 : counter + 1,
    });
    return {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: this.#clientData(
          overrides.clientDataType ?? "webauthn.create",
          overrides.challenge ?? options.challenge,
          overrides,
        ),
        attestationObject: base64url(attestationObject),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /**
   * Signs `challenge` with a credential (the first one by default). The
   * credential's counter then rises by one, unless it stays at 0.
   */
  assert(
    challenge: string,
    overrides: ResponseOverrides & { credential?: SoftCredential } = {},
  ): AuthenticationResponseJSON {
    const credential = overrides.credential ?? this.credentials[0];
    if (credential === undefined) {
      throw new Error("the soft authenticator holds no credential");
    }
    const counter = overrides.counter ?? credential.counter;
    if (overrides.counter === undefined && credential.counter > 0) {
      credential.counter += 1;
    }
    const authData = Buffer.concat([
      sha256(overrides.rpId ?? this.#rpId),
      Buffer.from([this.#flags(overrides)]),
      counterBytes(counter),
    ]);
    const clientDataJSON = this.#clientData(
      overrides.clientDataType ?? "webauthn.get",
      overrides.challenge ?? challenge,
      overrides,
    );
    const signature = sign(
      "sha256",
      Buffer.concat([
        authData,
        sha256(Buffer.from(clientDataJSON, "base64url")),
      ]),
      credential.privateKey,
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      response: {
        clientDataJSON,
        authenticatorData: base64url(authData),
        signature: base64url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  #flags(overrides: ResponseOverrides): number {
    return (
      FLAG_USER_PRESENT |
      (overrides.userVerified === false ? 0 : FLAG_USER_VERIFIED)
    );
  }

  #clientData(
    type: string,
    challenge: string,
    overrides: ResponseOverrides,
  ): string {
    return base64url(
      Buffer.from(
        JSON.stringify({
          type,
          challenge,
          origin: overrides.origin ?? this.#origin,
          crossOrigin: false,
        }),
      ),
    );
  }
}
