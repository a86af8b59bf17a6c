import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import type { Database } from "./schema";
import { migrationProvider } from "./migrations";
import { KyselyStorage } from "./kyselyStorage";

/** File name of the hub's database inside the data directory. */
export const SQLITE_FILE = "storefloor.sqlite";

/**
 * Opens (creating if needed) the SQLite database in `dataDir` and brings its
 * schema up to date. WAL mode lets readers, backups included, run beside the
 * single writer.
 */
export async function openSqliteStorage(
  dataDir: string,
): Promise<KyselyStorage> {
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(path.join(dataDir, SQLITE_FILE));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");

  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
  });
  // Migrations added side by side may land in either order on a
  // development database; each one is independent of the others.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    await db.destroy();
    throw new Error(
      `Migrating the database in ${dataDir} failed at ${failed?.migrationName ?? "start"}: ${String(error)}`,
    );
  }
  return new KyselyStorage(db);
}
