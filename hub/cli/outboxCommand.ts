import { parseArgs } from "node:util";
import { z } from "zod";
import type { HubConfig } from "../config/hubConfig";
import {
  readLocalOutbox,
  type LocalOutboxMessage,
} from "../delivery/readLocalOutbox";
import { withCliContext } from "./cliContext";
import { CliError } from "./cliError";
import { parseCliOptions } from "./parseCliOptions";

const OutboxOptions = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
});

/**
 * `storefloor outbox`: prints the newest messages of the demo's local outbox
 * with their temporary PINs. Production mode refuses it, because there the
 * PINs go out by e-mail or text message and nobody else may read them.
 */
export async function outboxCommand(
  config: HubConfig,
  args: string[],
): Promise<number> {
  if (config.mode !== "demo") {
    throw new CliError(
      "The local outbox is available in demo mode only, and this hub runs in production mode.",
    );
  }
  const { values } = parseArgs({
    args,
    options: { limit: { type: "string" } },
    strict: true,
  });
  const { limit } = parseCliOptions(OutboxOptions, values);
  return withCliContext(config, async (context) => {
    const messages = await readLocalOutbox(
      context.storage,
      context.secretBox,
      limit,
    );
    if (messages.length === 0) {
      console.log("The local outbox is empty.");
      return 0;
    }
    if (messages.length === limit) {
      console.log(
        `The newest ${limit} messages; run with --limit ${Math.min(limit * 10, 1000)} for more.`,
      );
    }
    for (const message of messages) {
      console.log(formatOutboxLine(message));
    }
    return 0;
  });
}

const KIND_LABELS: Record<LocalOutboxMessage["kind"], string> = {
  "temporary-pin": "temporary PIN",
  "password-link": "password link",
  "passkey-notice": "passkey notice",
};

const STATUS_LABELS: Record<LocalOutboxMessage["status"], string> = {
  pending: "waiting",
  delivered: "delivered",
  failed: "failed",
  expired: "expired before delivery",
  superseded: "superseded by a newer PIN",
};

/**
 * Formats one message as `time  channel to recipient  user  kind: content`,
 * where the content is the PIN or link while the message waits, else its
 * status.
 */
export function formatOutboxLine(message: LocalOutboxMessage): string {
  const created = new Date(message.createdAt).toISOString();
  const head = `${created}  ${message.channel.padEnd(5)} to ${message.recipient}  ${message.employeeNumber} ${message.name}`;
  const kind = KIND_LABELS[message.kind];
  if (message.pin) {
    return `${head}  ${kind} ${message.pin}`;
  }
  if (message.passwordLink) {
    return `${head}  ${kind} ${message.passwordLink}`;
  }
  return `${head}  ${kind} (${STATUS_LABELS[message.status]})`;
}
