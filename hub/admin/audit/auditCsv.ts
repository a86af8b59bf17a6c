import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { AUDIT_CSV_COLUMNS, type AdminAuditQuery } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import type { AuditFilter } from "../../storage/logRepository";
import type { AdminPrincipal } from "../adminPrincipal";
import { auditFilterFor } from "./auditQuery";
import { AuditPeople } from "./auditPeople";
import { redactDetails } from "./redactDetails";

/** Entries read from the database at a time while the export streams. */
const EXPORT_PAGE_SIZE = 500;

type CsvRow = Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number>;

/**
 * Streams the audit entries that match the query as CSV, newest first,
 * reading the log page by page so a long log never sits in memory. The
 * query's `limit` is ignored: the export contains every matching entry. Cells
 * that a spreadsheet would run as a formula (starting with =, +, -, @, a
 * tab or a carriage return) get a leading apostrophe.
 */
export async function streamAuditCsv(
  context: HubContext,
  principal: AdminPrincipal,
  query: AdminAuditQuery,
): Promise<Readable> {
  const filter = await auditFilterFor(context, principal, query);
  const rows = Readable.from(auditRows(context, filter));
  const csv = stringify({
    header: true,
    columns: [...AUDIT_CSV_COLUMNS],
    escape_formulas: true,
    record_delimiter: "windows",
  });
  rows.on("error", (error) => csv.destroy(error));
  return rows.pipe(csv);
}

async function* auditRows(
  context: HubContext,
  filter: AuditFilter,
): AsyncGenerator<CsvRow> {
  const { storage } = context;
  const people = new AuditPeople(storage);
  const storeCodes = new Map(
    (await storage.org.listStores()).map((store) => [store.id, store.code]),
  );
  const tabletLabels = new Map(
    (await storage.tablets.list(null)).map((tablet) => [
      tablet.id,
      tablet.label,
    ]),
  );

  let before = filter.before;
  for (;;) {
    const page = await storage.log.listAudit(
      { ...filter, ...(before !== undefined && { before }) },
      EXPORT_PAGE_SIZE,
    );
    for (const entry of page) {
      const actor = await people.get(entry.actorId);
      const target = await people.get(entry.targetId);
      yield {
        seq: entry.seq,
        time: new Date(entry.at).toISOString(),
        kind: entry.kind,
        outcome: entry.outcome ?? "",
        reason: entry.reason ?? "",
        actor_employee_number: actor?.employeeNumber ?? actor?.id ?? "",
        actor_name: actor?.name ?? "",
        target_employee_number: target?.employeeNumber ?? target?.id ?? "",
        target_name: target?.name ?? "",
        tablet: entry.tabletId
          ? (tabletLabels.get(entry.tabletId) ?? entry.tabletId)
          : "",
        stores: entry.storeIds
          .map((storeId) => storeCodes.get(storeId) ?? storeId)
          .join("|"),
        details: JSON.stringify(redactDetails(entry.payload)),
      };
    }
    const last = page.at(-1);
    if (page.length < EXPORT_PAGE_SIZE || !last) {
      return;
    }
    before = last.seq;
  }
}
