import { parseArgs } from "node:util";
import { z } from "zod";
import { TabletId } from "../../protocol";
import type { HubConfig } from "../config/hubConfig";
import { issueEnrollmentCode } from "../tablets/enrollmentCodes";
import { revokeTablet } from "../tablets/revokeTablet";
import { withCliContext } from "./cliContext";
import { CliError } from "./cliError";
import type { StoreRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import { parseCliOptions } from "./parseCliOptions";

const CodeOptions = z.object({
  store: z.string().min(1, "must name a store by its code, e.g. S01"),
});
const ListOptions = z.object({ store: z.string().min(1).optional() });
const RevokeOptions = z.object({
  tablet: TabletId,
  stolen: z.boolean().default(false),
});

/**
 * `storefloor tablet code|list|revoke`: enrollment codes for a store, the
 * enrolled tablets, and revocation, for whoever has access to the hub.
 */
export async function tabletCommand(
  config: HubConfig,
  args: string[],
): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      store: { type: "string" },
      tablet: { type: "string" },
      stolen: { type: "boolean" },
    },
    strict: true,
  });
  switch (action) {
    case "code": {
      const options = parseCliOptions(CodeOptions, values);
      return withCliContext(config, async (context) => {
        const store = await findStore(context.storage, options.store);
        const { code, expiresAt } = await issueEnrollmentCode(
          context,
          store.id,
          {
            actorId: null,
            via: "command line",
          },
        );
        console.log(
          `Enrollment code for ${store.name} (${store.code}): ${code}`,
        );
        console.log(
          `It works once, until ${new Date(expiresAt).toISOString()}.`,
        );
        return 0;
      });
    }
    case "list": {
      const options = parseCliOptions(ListOptions, values);
      return withCliContext(config, async (context) => {
        const stores = options.store
          ? [await findStore(context.storage, options.store)]
          : await context.storage.org.listStores();
        for (const store of stores) {
          for (const tablet of await context.storage.tablets.listOfStore(
            store.id,
          )) {
            const lastSync = tablet.lastSyncAt
              ? new Date(tablet.lastSyncAt).toISOString()
              : "never";
            console.log(
              `${tablet.id}  ${store.code}  ${tablet.status.padEnd(7)}  last sync ${lastSync}  ${tablet.label}`,
            );
          }
        }
        return 0;
      });
    }
    case "revoke": {
      const options = parseCliOptions(RevokeOptions, values);
      return withCliContext(config, async (context) => {
        await revokeTablet(context, options.tablet, {
          stolen: options.stolen,
          actorId: null,
          via: "command line",
        });
        console.log(
          options.stolen
            ? `Tablet ${options.tablet} revoked as stolen; its store's users choose a new PIN at their next sign-in.`
            : `Tablet ${options.tablet} revoked.`,
        );
        return 0;
      });
    }
    default:
      throw new CliError(
        'Use "npm run storefloor -- tablet code", "… tablet list" or "… tablet revoke".',
      );
  }
}

async function findStore(
  storage: Storage,
  codeOrName: string,
): Promise<StoreRecord> {
  const wanted = codeOrName.trim().toLowerCase();
  const stores = await storage.org.listStores();
  const store = stores.find(
    (candidate) =>
      candidate.code.toLowerCase() === wanted ||
      candidate.name.toLowerCase() === wanted,
  );
  if (!store) {
    throw new CliError(
      `No store "${codeOrName}". Known stores: ${stores.map((known) => known.code).join(", ") || "none"}.`,
    );
  }
  return store;
}
