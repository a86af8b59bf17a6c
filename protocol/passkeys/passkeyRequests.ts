import { z } from "zod";
import { AdminProof } from "../admin/adminSession";
import { FreshProof } from "../pin";
import { PasskeyGrantCode } from "./passkeyRegistration";

/**
 * Body of `POST /api/admin/passkeys/registration-options`. `proof` is the
 * actor's fresh proof: a passkey assertion when they already have a
 * passkey, otherwise their password together with a registration `grant`.
 */
export const AdminPasskeyOptionsRequest = z.object({
  proof: AdminProof,
  grant: PasskeyGrantCode.optional(),
});
export type AdminPasskeyOptionsRequest = z.infer<
  typeof AdminPasskeyOptionsRequest
>;

/**
 * Body of `POST /api/kiosk/passkeys/registration-options`: a passkey
 * assertion when the user already has a passkey, otherwise their PIN
 * together with a registration `grant`.
 */
export const KioskPasskeyOptionsRequest = z.object({
  proof: FreshProof,
  grant: PasskeyGrantCode.optional(),
});
export type KioskPasskeyOptionsRequest = z.infer<
  typeof KioskPasskeyOptionsRequest
>;

/** Body of a panel route that removes a passkey or issues a grant. */
export const AdminPasskeyProofRequest = z.object({ proof: AdminProof });
export type AdminPasskeyProofRequest = z.infer<typeof AdminPasskeyProofRequest>;

/** Body of `DELETE /api/kiosk/passkeys/:passkeyId`. */
export const KioskPasskeyProofRequest = z.object({ proof: FreshProof });
export type KioskPasskeyProofRequest = z.infer<typeof KioskPasskeyProofRequest>;
