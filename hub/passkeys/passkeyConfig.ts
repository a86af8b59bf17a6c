import { isIP } from "node:net";

/** The WebAuthn relying party of this hub, where its passkeys are valid. */
export interface PasskeyConfig {
  /** The RP ID: a host name that the origins' hosts equal or end with. */
  readonly rpId: string;
  /** Name shown by authenticators when a passkey is created. */
  readonly rpName: string;
  /** Origins (scheme, host, port) that WebAuthn responses may come from. */
  readonly origins: readonly string[];
  /**
   * False when the RP ID is an IP address, which browsers reject as RP ID,
   * so no passkey could be created or used.
   */
  readonly available: boolean;
}

/**
 * Derives the relying party from the public URL: its host is the RP ID and
 * its origin the only expected origin, unless `rpId` or `origins` (from
 * STOREFLOOR_RP_ID and STOREFLOOR_RP_ORIGINS) override them.
 */
export function passkeyConfigFrom(
  publicUrl: string,
  overrides: {
    rpId?: string | undefined;
    origins?: readonly string[] | undefined;
  },
): PasskeyConfig {
  const url = new URL(publicUrl);
  const rpId = overrides.rpId ?? url.hostname;
  const origins =
    overrides.origins && overrides.origins.length > 0
      ? [...overrides.origins]
      : [url.origin];
  return {
    rpId,
    rpName: "Storefloor",
    origins,
    available: isIP(rpId.replace(/^\[|\]$/g, "")) === 0,
  };
}
