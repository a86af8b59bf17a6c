import { randomBytes } from "node:crypto";
import type {
  PasswordCodeResponse,
  PasswordSetRequest,
  StoreId,
  UserId,
} from "../../protocol";
import { deliveryChannels } from "../delivery/queueTemporaryPin";
import { queuePasswordLink } from "../delivery/queuePasswordLink";
import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { PasswordCodeRecord } from "../storage/passwordCodeRepository";
import type { UserRecord } from "../storage/records";
import { hashAdminPassword, verifyAgainstDummy } from "./adminPasswords";
import { hashAdminSecret } from "./adminTokens";

/** How long a one-time password code works. */
export const PASSWORD_CODE_TTL_MS = 24 * 3_600_000;

/** Crockford's base32 alphabet: no I, L, O or U, so codes read aloud well. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 characters of 5 random bits each: 80 bits. */
const CODE_LENGTH = 16;

/** The issuer of a code: a control panel user, or the command line. */
export interface CodeIssuer {
  readonly actorId: UserId | null;
  readonly via: "control panel" | "command line";
}

/**
 * Issues a one-time code with which `target` sets their control panel
 * password, valid for 24 hours. Codes issued before for the same user stop
 * working. Only the code's SHA-256 is stored. When the user has an e-mail
 * address and e-mail has a transport, the code is also queued for e-mail as
 * a link to the panel's password page. Returns the code to be shown once.
 */
export async function issuePasswordCode(
  context: HubContext,
  target: UserRecord,
  issuer: CodeIssuer,
): Promise<PasswordCodeResponse> {
  const code = randomCode();
  const now = context.now();
  const expiresAt = now + PASSWORD_CODE_TTL_MS;
  const channels = deliveryChannels(context.config.delivery);
  const { emailed, entries } = await context.storage.transaction(async (tx) => {
    await tx.passwordCodes.voidUnused(target.id, now);
    await tx.passwordCodes.create({
      codeHash: hashAdminSecret(code),
      userId: target.id,
      createdBy: issuer.actorId,
      createdAt: now,
      expiresAt,
    });
    const queued =
      target.email !== null && channels.has("email")
        ? await queuePasswordLink(tx, context.secretBox, {
            user: target,
            code: formatCode(code),
            link: passwordLink(context, target, code),
            expiresAt,
            now,
          })
        : false;
    const entry = await audit(
      tx,
      {
        kind: "admin.password-code",
        outcome: "success",
        actorId: issuer.actorId,
        targetId: target.id,
        storeIds: await effectiveStoreIds(tx, target),
        details: { via: issuer.via, expiresAt, emailed: queued },
      },
      now,
    );
    return { emailed: queued, entries: [entry] };
  });
  context.changes.publish(entries);
  context.logger.info(
    { targetId: target.id, via: issuer.via, emailed },
    "one-time password code issued",
  );
  return { code: formatCode(code), expiresAt, emailed };
}

/**
 * Sets a user's control panel password with a one-time code. The code must
 * belong to the user of `employeeNumber`, be unused and unexpired; it is
 * used up even when two requests race. Setting a password clears the
 * password lock and ends the user's panel sessions.
 */
export async function setPasswordWithCode(
  context: HubContext,
  request: PasswordSetRequest,
): Promise<void> {
  const { storage } = context;
  const now = context.now();
  const codeHash = hashAdminSecret(request.code);
  const user = await storage.users.getByEmployeeNumber(request.employeeNumber);
  const record = await storage.passwordCodes.get(codeHash);
  if (
    !user ||
    user.status !== "active" ||
    !record ||
    record.userId !== user.id ||
    record.usedAt !== null ||
    record.expiresAt <= now
  ) {
    // Hash anyway, so that a valid code does not respond measurably slower.
    await verifyAgainstDummy(context.hasher, request.password);
    return failSet(context, user, rejectionCause(user, record, now));
  }
  const target = user;
  const hash = await hashAdminPassword(context, request.password);
  const storeIds = await effectiveStoreIds(storage, target);
  const entries = await storage.transaction(async (tx) => {
    if (!(await tx.passwordCodes.markUsed(codeHash, now))) {
      return null;
    }
    await tx.adminPasswords.set(target.id, hash, now);
    const ended = await tx.adminSessions.deleteAllOfUser(target.id);
    return [
      await audit(
        tx,
        {
          kind: "admin.password.set",
          outcome: "success",
          actorId: target.id,
          targetId: target.id,
          storeIds,
          details: { endedSessions: ended },
        },
        now,
      ),
    ];
  });
  if (entries === null) {
    return failSet(context, target, "code used");
  }
  context.changes.publish(entries);
  context.logger.info({ userId: target.id }, "control panel password set");
}

/** Names why a code was rejected, for the audit entry. */
function rejectionCause(
  user: UserRecord | null,
  record: PasswordCodeRecord | null,
  now: number,
): string {
  if (!user) {
    return "unknown employee number";
  }
  if (user.status !== "active") {
    return "user deactivated";
  }
  if (!record) {
    return "unknown code";
  }
  if (record.userId !== user.id) {
    return "code of another user";
  }
  if (record.usedAt !== null) {
    return "code used";
  }
  return "code expired";
}

async function failSet(
  context: HubContext,
  user: UserRecord | null,
  reason: string,
): Promise<never> {
  const storeIds: StoreId[] = user
    ? await effectiveStoreIds(context.storage, user)
    : [];
  const entry = await audit(
    context.storage,
    {
      kind: "admin.password.set",
      outcome: "failure",
      targetId: user?.id ?? null,
      storeIds,
      reason: "PASSWORD_CODE_INVALID",
      details: { cause: reason },
    },
    context.now(),
  );
  context.changes.publish([entry]);
  context.logger.info(
    { userId: user?.id ?? null, reason },
    "control panel password not set",
  );
  throw new HubError("PASSWORD_CODE_INVALID");
}

/** Builds the link to the panel's password page, with the employee number and code filled in. */
function passwordLink(
  context: HubContext,
  user: UserRecord,
  code: string,
): string {
  const query = new URLSearchParams({
    employee: user.employeeNumber,
    code: formatCode(code),
  });
  return `${context.config.publicUrl}/admin/#/set-password?${query.toString()}`;
}

function randomCode(): string {
  let code = "";
  // 256 is a multiple of 32, so `byte & 31` picks every character alike.
  for (const byte of randomBytes(CODE_LENGTH)) {
    code += CROCKFORD[byte & 31];
  }
  return code;
}

function formatCode(code: string): string {
  return code.match(/.{4}/g)?.join("-") ?? code;
}
