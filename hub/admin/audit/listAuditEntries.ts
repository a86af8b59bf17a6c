import type {
  AdminAuditEntry,
  AdminAuditQuery,
  AdminAuditResponse,
} from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import type { LogEntry } from "../../storage/records";
import type { AdminPrincipal } from "../adminPrincipal";
import { auditFilterFor } from "./auditQuery";
import { AuditPeople } from "./auditPeople";
import { redactDetails } from "./redactDetails";

/**
 * Lists one page of the audit log, newest first, filtered in the database.
 * `nextBefore` is the cursor of the next, older page.
 */
export async function listAuditEntries(
  context: HubContext,
  principal: AdminPrincipal,
  query: AdminAuditQuery,
): Promise<AdminAuditResponse> {
  const filter = await auditFilterFor(context, principal, query);
  const rows = await context.storage.log.listAudit(filter, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const people = new AuditPeople(context.storage);
  const entries: AdminAuditEntry[] = [];
  for (const row of page) {
    entries.push(await toAdminAuditEntry(row, people));
  }
  const last = page.at(-1);
  return {
    entries,
    nextBefore: rows.length > query.limit && last ? last.seq : null,
  };
}

/** Builds the control panel's view of one audit entry. */
export async function toAdminAuditEntry(
  entry: LogEntry,
  people: AuditPeople,
): Promise<AdminAuditEntry> {
  return {
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    outcome: entry.outcome ?? null,
    reason: entry.reason ?? null,
    actor: await people.get(entry.actorId),
    target: await people.get(entry.targetId),
    tabletId: entry.tabletId ?? null,
    storeIds: [...entry.storeIds],
    details: redactDetails(entry.payload),
  };
}
