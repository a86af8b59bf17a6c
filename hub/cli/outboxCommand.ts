import { parseArgs } from "node:util";
import { z } from "zod";
import type { HubConfig } from "../config/hubConfig";
import { readLocalOutbox } from "../delivery/readLocalOutbox";
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
      const created = new Date(message.createdAt).toISOString();
      console.log(
        `${created}  ${message.channel.padEnd(5)} to ${message.recipient}  ${message.employeeNumber} ${message.name}  ` +
          (message.pin
            ? `temporary PIN ${message.pin}`
            : message.passwordLink
              ? `password link ${message.passwordLink}`
              : `(${message.status})`),
      );
    }
    return 0;
  });
}
