import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config/hubConfig";
import { adminCommand } from "./adminCommand";
import { importCommand } from "./importCommand";
import { outboxCommand } from "./outboxCommand";
import { serveCommand } from "./serveCommand";
import { tabletCommand } from "./tabletCommand";
import { feedCommand } from "./feedCommand";
import { backupCommand } from "./backupCommand";
import { passkeyCommand } from "./passkeyCommand";
import { CliError } from "./cliError";

const USAGE = `Usage: npm run storefloor -- <command> [options]

Commands:
  serve                              start the hub (the default)
  admin create --employee-number N --first-name F --last-name L
               [--email E] [--phone P]
                                     create an administrator; prints a
                                     temporary PIN once
  admin reset --employee-number N    give an administrator a new temporary
                                     PIN, unlock them and end their sessions
  admin password-code N              issue a one-time code with which
                                     administrator N sets a control panel
                                     password; prints it once
  passkey grant N                    issue a one-time grant with which
                                     administrator N registers a passkey;
                                     prints it once
  import FILE [--skip-bad-rows] [--deactivate-missing] [--dry-run]
                                     import a roster CSV
  tablet code --store CODE           issue a one-time enrollment code
  tablet list [--store CODE]         list enrolled tablets
  tablet revoke --tablet ID [--stolen]
                                     revoke a tablet; --stolen also makes its
                                     store's users choose a new PIN
  outbox [--limit N]                 show the demo's local outbox (demo mode)
  feed token create --name N [--store CODE ...] [--days D]
                                     create an API token for the change feed;
                                     prints it once
  feed token list                    list API tokens
  feed token revoke --id ID          revoke an API token
  backup FILE                        write a consistent copy of the database,
                                     also while the hub runs

The environment configures the hub: PORT, HOST, STOREFLOOR_DATA_DIR,
STOREFLOOR_PUBLIC_URL, STOREFLOOR_MODE, STOREFLOOR_PIN_PEPPER,
STOREFLOOR_ARGON2_COST, STOREFLOOR_TRUST_PROXY, STOREFLOOR_LOG_LEVEL, and
for delivering temporary PINs STOREFLOOR_DELIVERY, STOREFLOOR_SMTP_URL,
STOREFLOOR_SMTP_TLS, STOREFLOOR_MAIL_FROM, STOREFLOOR_WEBHOOK_URL,
STOREFLOOR_WEBHOOK_SECRET, STOREFLOOR_DELIVERY_MAX_ATTEMPTS and
STOREFLOOR_DELIVERY_POLL_MS. Control panel sessions read
STOREFLOOR_ADMIN_IDLE_MINUTES and STOREFLOOR_ADMIN_SESSION_HOURS. Passkeys
read STOREFLOOR_RP_ID and STOREFLOOR_RP_ORIGINS (comma-separated origins),
which default to the public URL's host and origin. See the README,
docs/architecture.md and docs/passkeys.md for each.`;

async function main(argv: string[]): Promise<number> {
  const [command = "serve", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case "serve":
      parseArgs({ args: rest, options: {}, strict: true });
      return serveCommand(config);
    case "admin":
      return adminCommand(config, rest);
    case "import":
      return importCommand(config, rest);
    case "tablet":
      return tabletCommand(config, rest);
    case "outbox":
      return outboxCommand(config, rest);
    case "feed":
      return feedCommand(config, rest);
    case "backup":
      return backupCommand(config, rest);
    case "passkey":
      return passkeyCommand(config, rest);
    default:
      throw new CliError(
        `Unknown command "${command}". Run "npm run storefloor -- help" for the list.`,
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof CliError) {
      console.error(error.message);
    } else if (
      error instanceof Error &&
      "code" in error &&
      error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
    ) {
      console.error(
        `${error.message}\nRun "npm run storefloor -- help" for the options.`,
      );
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
