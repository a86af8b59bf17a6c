import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { HubConfig } from "../config/hubConfig";
import { SQLITE_FILE } from "../storage/openSqliteStorage";
import { CliError } from "./cliError";

/**
 * `storefloor backup FILE`: writes a consistent copy of the database while
 * the hub runs, through SQLite's online backup, which copies a snapshot page
 * by page while other connections keep writing.
 */
export async function backupCommand(
  config: HubConfig,
  args: string[],
): Promise<number> {
  const [target, ...extra] = args;
  if (!target || extra.length > 0) {
    throw new CliError("Name one file to write: storefloor backup FILE");
  }
  const source = path.join(config.dataDir, SQLITE_FILE);
  if (!fs.existsSync(source)) {
    throw new CliError(`No database at ${source}. Check STOREFLOOR_DATA_DIR.`);
  }
  const destination = path.resolve(target);
  if (fs.existsSync(destination)) {
    throw new CliError(
      `${destination} exists. Choose a new file name; a backup never overwrites.`,
    );
  }
  const database = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await database.backup(destination);
  } finally {
    database.close();
  }
  console.log(`Database copied to ${destination}.`);
  console.log(
    `Keep ${path.join(config.dataDir, "secret.key")} and ${path.join(config.dataDir, "sealing-key.pem")} safe as well, in another place: without them the copy cannot open temporary PINs waiting for delivery, offline verifiers or tablets' sealed PINs.`,
  );
  return 0;
}
