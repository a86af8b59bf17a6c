import type { Migration, MigrationProvider } from "kysely";
import { m001Initial } from "./m001_initial";
import { m002TabletsAndSync } from "./m002_tablets_and_sync";
import { m003Delivery } from "./m003_delivery";
import { m004ApiTokens } from "./m004_api_tokens";
import { m005TabletFailureIndex } from "./m005_tablet_failure_index";
import { m006AdminAccess } from "./m006_admin_access";
import { m007PinChoiceGrants } from "./m007_pin_choice_grants";
import { m009AuditIndexes } from "./m009_audit_indexes";
import { m010Passkeys } from "./m010_passkeys";
import { m011OutboxKind } from "./m011_outbox_kind";

const MIGRATIONS: Record<string, Migration> = {
  "001_initial": m001Initial,
  "002_tablets_and_sync": m002TabletsAndSync,
  "003_delivery": m003Delivery,
  "004_api_tokens": m004ApiTokens,
  "005_tablet_failure_index": m005TabletFailureIndex,
  "006_admin_access": m006AdminAccess,
  "007_pin_choice_grants": m007PinChoiceGrants,
  "009_audit_indexes": m009AuditIndexes,
  "010_passkeys": m010Passkeys,
  "011_outbox_kind": m011OutboxKind,
};

/** Supplies the hub's versioned migrations, in name order, to kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
