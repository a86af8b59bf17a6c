import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  EnrollmentCode,
  type EnrollRequest,
  type EnrollResponse,
  type StoreId,
  type TabletId,
  type UserId,
} from "../../protocol";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";

/** How long an enrollment code works, in milliseconds. */
export const ENROLLMENT_CODE_TTL_MS = 10 * 60_000;

/** Crockford's base32 alphabet: no I, L, O or U, so codes read aloud well. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 12;

/**
 * Issues a one-time enrollment code for a store: 60 random bits, valid for
 * ten minutes, stored only as its SHA-256. Returns the code formatted in
 * groups of four, to be shown once.
 */
export async function issueEnrollmentCode(
  context: HubContext,
  storeId: StoreId,
  issuedBy: { actorId: UserId | null; via: string },
): Promise<{ code: string; expiresAt: number }> {
  const store = await context.storage.org.getStore(storeId);
  if (!store) {
    throw new HubError("STORE_NOT_FOUND", { storeId });
  }
  const code = randomCode();
  const now = context.now();
  const expiresAt = now + ENROLLMENT_CODE_TTL_MS;
  await context.storage.transaction(async (tx) => {
    await tx.tablets.createCode(
      {
        codeHash: hashCode(code),
        storeId,
        createdBy: issuedBy.actorId,
        expiresAt,
      },
      now,
    );
    await audit(
      tx,
      {
        kind: "tablet.code",
        outcome: "success",
        actorId: issuedBy.actorId,
        storeIds: [storeId],
        details: { via: issuedBy.via, expiresAt },
      },
      now,
    );
  });
  context.logger.info({ storeId, via: issuedBy.via }, "enrollment code issued");
  return { code: formatCode(code), expiresAt };
}

/**
 * Enrolls a tablet: redeems the code once and stores the tablet's public
 * key. The hub never sees the private key.
 */
export async function enrollTablet(
  context: HubContext,
  request: EnrollRequest,
): Promise<EnrollResponse> {
  const now = context.now();
  const tabletId = randomUUID() as TabletId;
  const store = await context.storage.transaction(async (tx) => {
    const storeId = await tx.tablets.redeemCode(
      hashCode(request.code),
      tabletId,
      now,
    );
    if (!storeId) {
      return null;
    }
    await tx.tablets.create({
      id: tabletId,
      storeId,
      label: request.label ?? `Tablet ${tabletId.slice(0, 8)}`,
      publicKey: request.publicKey,
      enrolledBy: null,
      now,
    });
    await audit(
      tx,
      {
        kind: "tablet.enroll",
        outcome: "success",
        tabletId,
        storeIds: [storeId],
      },
      now,
    );
    return tx.org.getStore(storeId);
  });
  if (!store) {
    await audit(
      context.storage,
      {
        kind: "tablet.enroll",
        outcome: "failure",
        reason: "ENROLLMENT_CODE_INVALID",
      },
      now,
    );
    context.logger.warn("enrollment with an invalid code");
    throw new HubError("ENROLLMENT_CODE_INVALID");
  }
  context.logger.info({ tabletId, storeId: store.id }, "tablet enrolled");
  return { tabletId, store: { ...store } };
}

function randomCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = "";
  for (const byte of bytes) {
    code += CROCKFORD[byte & 31];
  }
  return code;
}

/** The code as stored: SHA-256 of its normalised form. */
function hashCode(code: string): string {
  return createHash("sha256")
    .update(EnrollmentCode.parse(code))
    .digest("base64url");
}

function formatCode(code: string): string {
  return code.match(/.{4}/g)?.join("-") ?? code;
}
