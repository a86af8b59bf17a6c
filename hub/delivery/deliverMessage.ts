import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import type { ClaimedMessage } from "../storage/outboxRepository";
import type { UserRecord } from "../storage/records";
import {
  auditDeliveryFailure,
  type DeliveryFailureReason,
} from "./deliveryAudit";
import {
  DeliveryError,
  type DeliveryChannel,
  type DeliveryTransport,
} from "./deliveryTransport";
import { retryDelayMs } from "./retrySchedule";
import { openSealedContent, type SealedContent } from "./sealedPin";

/** Time zone of an expiry shown to a user without a store. */
const FALLBACK_TIME_ZONE = "UTC";

/** Maximum length of the error text on the outbox row and in the audit log. */
const MAX_ERROR_LENGTH = 500;

/** Dependencies and limits of one delivery attempt. */
export interface DeliveryAttempt {
  readonly context: HubContext;
  readonly transports: ReadonlyMap<DeliveryChannel, DeliveryTransport>;
  readonly maxAttempts: number;
  /** Source of jitter, in [0, 1); `Math.random` when absent. */
  readonly random: (() => number) | undefined;
  /** Aborted when the hub stops; a send in progress is abandoned. */
  readonly stopping: AbortSignal;
}

/**
 * Makes one attempt to send a claimed message and records the outcome:
 * delivered, due again later, or given up (failed, with an audit entry).
 * Only the claim's holder may call it.
 */
export async function deliverMessage(
  attempt: DeliveryAttempt,
  message: ClaimedMessage,
): Promise<void> {
  const { storage } = attempt.context;
  const user = await storage.users.get(message.userId);
  if (!user || user.status !== "active") {
    await giveUp(attempt, message, "USER_INACTIVE", "the user is deactivated");
    return;
  }
  const transport =
    message.channel === "local"
      ? undefined
      : attempt.transports.get(message.channel);
  if (!transport) {
    const needed = message.channel === "email" ? "smtp" : "webhook";
    await giveUp(
      attempt,
      message,
      "DELIVERY_NO_TRANSPORT",
      `no transport is configured for ${message.channel}; add ${needed} to STOREFLOOR_DELIVERY`,
    );
    return;
  }
  let content: SealedContent;
  try {
    content = openSealedContent(
      attempt.context.secretBox,
      message.ciphertext,
      message.id,
    );
  } catch {
    await giveUp(
      attempt,
      message,
      "SEALED_PIN_UNREADABLE",
      "the sealed PIN cannot be decrypted with this hub's secret key",
    );
    return;
  }

  const facts = {
    messageId: message.id,
    recipient: message.recipient,
    firstName: user.firstName,
    expiresAt: message.expiresAt,
    timeZone: await timeZoneOf(attempt.context, user),
  };
  try {
    await transport.send(
      content.kind === "password-link"
        ? {
            ...facts,
            kind: "password-link",
            code: content.code,
            link: content.link,
          }
        : content.kind === "passkey-registered"
          ? {
              ...facts,
              kind: "passkey-registered",
              passkeyName: content.passkeyName,
              registeredAt: content.registeredAt,
            }
          : { ...facts, pin: content.pin },
      attempt.stopping,
    );
  } catch (error) {
    await handleFailure(
      attempt,
      message,
      describeFailure(error, secretsOf(content)),
    );
    return;
  }
  await recordDelivered(attempt.context, message, user);
}

async function recordDelivered(
  context: HubContext,
  message: ClaimedMessage,
  user: UserRecord,
): Promise<void> {
  const { storage, logger } = context;
  const now = context.now();
  const entries = await storage.transaction(async (tx) => {
    if (!(await tx.outbox.markDelivered(message, now))) {
      return null;
    }
    return [
      await audit(
        tx,
        {
          kind: "delivery.sent",
          outcome: "success",
          targetId: user.id,
          storeIds: await effectiveStoreIds(tx, user),
          details: {
            messageId: message.id,
            channel: message.channel,
            attempts: message.attempts,
          },
        },
        now,
      ),
    ];
  });
  const fields = logFields(message);
  if (entries === null) {
    // The PIN went out, but a newer reset superseded the message or its
    // lease ran out meanwhile; the row keeps what that change wrote.
    logger.warn(fields, "temporary PIN delivered after its claim ended");
    return;
  }
  context.changes.publish(entries);
  logger.info(fields, "temporary PIN delivered");
}

async function handleFailure(
  attempt: DeliveryAttempt,
  message: ClaimedMessage,
  failure: DeliveryError,
): Promise<void> {
  const { storage, logger } = attempt.context;
  const now = attempt.context.now();
  if (attempt.stopping.aborted) {
    await storage.outbox.scheduleRetry(message, now, "the hub stopped");
    return;
  }
  const retryAt = now + retryDelayMs(message.attempts, attempt.random);
  const finalReason = failure.permanent
    ? "retrying cannot help"
    : message.attempts >= attempt.maxAttempts
      ? `all ${attempt.maxAttempts} attempts failed`
      : retryAt >= message.expiresAt
        ? "the PIN expires before another attempt"
        : null;
  if (finalReason !== null) {
    await giveUp(
      attempt,
      message,
      "DELIVERY_FAILED",
      `${failure.message} (${finalReason})`,
    );
    return;
  }
  await storage.outbox.scheduleRetry(message, retryAt, failure.message);
  logger.warn(
    {
      ...logFields(message),
      error: failure.message,
      retryAt: new Date(retryAt).toISOString(),
    },
    "temporary PIN delivery failed, will retry",
  );
}

/** Ends a claimed message as failed, drops its PIN and audits it. */
async function giveUp(
  attempt: DeliveryAttempt,
  message: ClaimedMessage,
  reason: DeliveryFailureReason,
  error: string,
): Promise<void> {
  const { storage, logger } = attempt.context;
  const now = attempt.context.now();
  const entries = await storage.transaction(async (tx) => {
    if (!(await tx.outbox.markUndeliverable(message, "failed", error))) {
      return [];
    }
    return [
      await auditDeliveryFailure(tx, now, {
        messageId: message.id,
        userId: message.userId,
        channel: message.channel,
        attempts: message.attempts,
        reason,
        error,
      }),
    ];
  });
  attempt.context.changes.publish(entries);
  logger.error(
    { ...logFields(message), reason, error },
    "temporary PIN not delivered",
  );
}

/** Returns the time zone of the user's first store, if it is valid. */
async function timeZoneOf(
  context: HubContext,
  user: UserRecord,
): Promise<string> {
  const [storeId] = await effectiveStoreIds(context.storage, user);
  const store = storeId ? await context.storage.org.getStore(storeId) : null;
  if (!store) {
    return FALLBACK_TIME_ZONE;
  }
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: store.timeZone });
    return store.timeZone;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

/** The values a failure message must not repeat: the PIN, or the code and its link. */
function secretsOf(content: SealedContent): string[] {
  if (content.kind === "passkey-registered") {
    return [];
  }
  return content.kind === "password-link"
    ? [content.link, content.code, content.code.replace(/-/g, "")]
    : [content.pin];
}

/**
 * Turns what a transport threw into a DeliveryError whose message cannot
 * contain the PIN or code, even if a server echoed it back.
 */
function describeFailure(
  error: unknown,
  secrets: readonly string[],
): DeliveryError {
  const failure =
    error instanceof DeliveryError
      ? error
      : new DeliveryError(
          error instanceof Error ? error.message : String(error),
          false,
        );
  let message = failure.message;
  for (const secret of secrets) {
    message = message.split(secret).join("[PIN]");
  }
  return new DeliveryError(
    message.slice(0, MAX_ERROR_LENGTH),
    failure.permanent,
  );
}

function logFields(message: ClaimedMessage) {
  return {
    messageId: message.id,
    userId: message.userId,
    channel: message.channel,
    attempt: message.attempts,
  };
}
