import type { FastifyBaseLogger } from "fastify";
import type { HubContext } from "../services/hubContext";
import type { PasskeyConfig } from "./passkeyConfig";
import { HubError } from "../services/hubError";

/**
 * Throws PASSKEYS_UNAVAILABLE when the relying party id is an IP address,
 * which browsers reject, so every passkey route names the fix instead of
 * failing in the browser.
 */
export function requirePasskeys(context: HubContext): void {
  const { passkeys } = context.config;
  if (!passkeys.available) {
    throw new HubError("PASSKEYS_UNAVAILABLE", { rpId: passkeys.rpId });
  }
}

/** Logs once at start where passkeys work, or why they cannot. */
export function logPasskeyAvailability(
  passkeys: PasskeyConfig,
  logger: FastifyBaseLogger,
): void {
  if (passkeys.available) {
    logger.info(
      { rpId: passkeys.rpId, origins: passkeys.origins },
      "passkeys enabled",
    );
    return;
  }
  logger.warn(
    { rpId: passkeys.rpId },
    "passkeys unavailable: the relying party id is an IP address, which WebAuthn rejects; set STOREFLOOR_PUBLIC_URL to localhost or a domain name, or set STOREFLOOR_RP_ID",
  );
}
