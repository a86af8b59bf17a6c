import type { UserId } from "../../protocol";
import type { Storage } from "../storage/Storage";
import type { HubContext } from "./hubContext";

/** A new PIN's hash and sealed offline verifier, computed before any write. */
export interface PinMaterial {
  readonly userId: UserId;
  readonly hash: string;
  readonly sealedVerifier: string;
}

/**
 * Computes the hub's hash and the tablets' offline verifier of a new PIN.
 * Both are slow on purpose, so callers do this before their transaction.
 * The verifier is sealed with the hub's secret key, bound to the user.
 */
export async function preparePin(
  context: HubContext,
  userId: UserId,
  pin: string,
): Promise<PinMaterial> {
  const [hash, verifier] = await Promise.all([
    context.hasher.hash(pin),
    context.hasher.offlineVerifier(pin),
  ]);
  return {
    userId,
    hash,
    sealedVerifier: context.secretBox.seal(verifier, verifierContext(userId)),
  };
}

/**
 * Stores prepared PIN material as the user's PIN, with its offline verifier
 * under the new credential version. Returns that version.
 */
export async function storePin(
  storage: Storage,
  material: PinMaterial,
  options: { temporary: boolean; expiresAt: number | null; now: number },
): Promise<number> {
  const version = await storage.credentials.setPin(material.userId, {
    hash: material.hash,
    temporary: options.temporary,
    expiresAt: options.expiresAt,
    setAt: options.now,
  });
  await storage.credentials.setVerifier(
    material.userId,
    version,
    material.sealedVerifier,
  );
  return version;
}

/** Associated data that binds a sealed verifier to its user. */
export function verifierContext(userId: UserId): string {
  return `offline-verifier:${userId}`;
}
