import type { Migration, MigrationProvider } from "kysely";
import { m001Initial } from "./m001_initial";

const MIGRATIONS: Record<string, Migration> = {
  "001_initial": m001Initial,
};

/** Supplies the hub's versioned migrations, in name order, to kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
