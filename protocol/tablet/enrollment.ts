import { z } from "zod";
import { StoreId, TabletId } from "../ids";
import { FreshProof } from "../pin";
import { StoreSummary } from "../rest/stores";

/**
 * An enrollment code as people type it: 12 characters of Crockford base32 in
 * three groups (`7KQ2-M9XD-4HTP`), 60 random bits. Case, spaces and dashes
 * do not matter, and the letters I, L and O read as 1, 1 and 0.
 */
export const EnrollmentCode = z
  .string()
  .transform((value) =>
    value
      .toUpperCase()
      .replace(/[\s-]/g, "")
      .replace(/[IL]/g, "1")
      .replace(/O/g, "0"),
  )
  .pipe(
    z
      .string()
      .regex(
        /^[0-9A-HJKMNP-TV-Z]{12}$/,
        "must be the 12-character code shown when it was issued, like 7KQ2-M9XD-4HTP",
      ),
  );

/** Body of `POST /api/kiosk/enrollment-codes`: a manager issues a code for their store. */
export const EnrollmentCodeRequest = z.object({
  proof: FreshProof,
});
export type EnrollmentCodeRequest = z.infer<typeof EnrollmentCodeRequest>;

export const EnrollmentCodeResponse = z.object({
  /** The code, formatted in groups; shown once. */
  code: z.string(),
  storeId: StoreId,
  /** When the code stops working, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
});
export type EnrollmentCodeResponse = z.infer<typeof EnrollmentCodeResponse>;

/** A P-256 ECDSA public key in JWK form, as WebCrypto exports it. */
export const TabletPublicKey = z
  .object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 coordinate"),
    y: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 coordinate"),
  })
  .strip();
export type TabletPublicKey = z.infer<typeof TabletPublicKey>;

/** Body of `POST /api/tablets/enroll`. */
export const EnrollRequest = z.object({
  code: EnrollmentCode,
  publicKey: TabletPublicKey,
  /** A name to tell tablets apart in the control panel, e.g. "Counter left". */
  label: z.string().trim().min(1).max(60).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  tabletId: TabletId,
  store: StoreSummary,
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;
