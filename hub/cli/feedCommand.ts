import { parseArgs } from "node:util";
import { z } from "zod";
import type { StoreId } from "../../protocol";
import type { HubConfig } from "../config/hubConfig";
import {
  API_TOKEN_MAX_DAYS,
  createApiToken,
  revokeApiToken,
} from "../feed/apiTokens";
import { withCliContext } from "./cliContext";
import { CliError } from "./cliError";
import { parseCliOptions } from "./parseCliOptions";

const CreateOptions = z.object({
  name: z.string().trim().min(1, "must name what the token is for").max(80),
  store: z.array(z.string().min(1)).default([]),
  days: z.coerce.number().int().min(1).max(API_TOKEN_MAX_DAYS).default(90),
});
const RevokeOptions = z.object({
  id: z.uuid({ error: "must be a token id from 'feed token list'" }),
});

/**
 * `storefloor feed token create|list|revoke`: API tokens for head office's
 * change feed, until the control panel manages them.
 */
export async function feedCommand(
  config: HubConfig,
  args: string[],
): Promise<number> {
  const [noun, action, ...rest] = args;
  if (noun !== "token") {
    throw new CliError(
      'Use "npm run storefloor -- feed token create|list|revoke".',
    );
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      store: { type: "string", multiple: true },
      days: { type: "string" },
      id: { type: "string" },
    },
    strict: true,
  });
  return withCliContext(config, async (context) => {
    switch (action) {
      case "create": {
        const options = parseCliOptions(CreateOptions, values);
        const stores = await context.storage.org.listStores();
        const storeIds: StoreId[] = [];
        for (const wanted of options.store) {
          const store = stores.find(
            (candidate) =>
              candidate.code.toLowerCase() === wanted.toLowerCase(),
          );
          if (!store) {
            throw new CliError(
              `No store with code "${wanted}". Known codes: ${stores.map((known) => known.code).join(", ")}.`,
            );
          }
          storeIds.push(store.id);
        }
        const created = await createApiToken(context, {
          name: options.name,
          scopes: ["feed:read"],
          storeIds: storeIds.length > 0 ? storeIds : null,
          days: options.days,
          createdBy: null,
        });
        console.log(
          `Token ${created.id} created; it expires ${new Date(created.expiresAt).toISOString()}.`,
        );
        console.log(`Token (shown once): ${created.token}`);
        return 0;
      }
      case "list": {
        for (const token of await context.storage.apiTokens.list()) {
          const state =
            token.revokedAt !== null
              ? "revoked"
              : token.expiresAt <= context.now()
                ? "expired"
                : "active";
          console.log(
            `${token.id}  ${state.padEnd(7)}  expires ${new Date(token.expiresAt).toISOString()}  ${token.storeIds === null ? "all stores" : `${token.storeIds.length} stores`}  ${token.name}`,
          );
        }
        return 0;
      }
      case "revoke": {
        const options = parseCliOptions(RevokeOptions, values);
        await revokeApiToken(context, options.id, null);
        console.log(`Token ${options.id} revoked.`);
        return 0;
      }
      default:
        throw new CliError(
          'Use "npm run storefloor -- feed token create|list|revoke".',
        );
    }
  });
}
