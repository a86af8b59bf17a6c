import {
  OrgSettings,
  type AdminSettingsPatchRequest,
  type OrgSettingsPatch,
  type StoreId,
} from "../../../protocol";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { LogEntry } from "../../storage/records";
import { requireOrgWide, requirePermission } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";

type SettingName = keyof OrgSettings;

/**
 * Applies a partial change to the organisation's settings after the actor's
 * fresh proof. The result must pass the whole `OrgSettings` schema, rules
 * between fields included, or nothing changes. That check runs before the
 * proof too, so a rejected combination costs no proof attempt. A real change
 * is audited with the old and new values and sent to every store's tablets
 * as a `settings.update` change.
 */
export async function updateOrgSettings(
  context: HubContext,
  principal: AdminPrincipal,
  request: AdminSettingsPatchRequest,
): Promise<{ settings: OrgSettings; changed: SettingName[] }> {
  requirePermission(principal, "settings.manage");
  requireOrgWide(principal, "change the organisation's settings");
  const patch = request.settings;
  mergeSettings(await context.storage.org.getSettings(), patch);
  await verifyAdminProof(context, principal, request.proof, "settings.update");

  const now = context.now();
  const { settings, changed, entries } = await context.storage.transaction(
    async (tx) => {
      const before = await tx.org.getSettings();
      const { after, changed } = mergeSettings(before, patch);
      if (changed.length === 0) {
        return { settings: before, changed, entries: [] };
      }

      await tx.org.saveSettings(after);
      const storeIds = (await tx.org.listStores()).map((store) => store.id);
      const entries: LogEntry[] = [
        await audit(
          tx,
          {
            kind: "settings.update",
            outcome: "success",
            actorId: principal.actor.user.id,
            details: {
              before: pick(before, changed),
              after: pick(after, changed),
            },
          },
          now,
        ),
        await tx.log.append(
          {
            category: "change",
            kind: "settings.update",
            actorId: principal.actor.user.id,
            storeIds: storeIds as StoreId[],
            payload: { kind: "settings.update", settings: after },
          },
          now,
        ),
      ];
      return { settings: after, changed, entries };
    },
  );

  context.changes.publish(entries);
  if (changed.length > 0) {
    context.logger.info(
      { userId: principal.actor.user.id, changed },
      "settings changed",
    );
  }
  return { settings, changed };
}

/**
 * Applies `patch` to `before` and parses the result with the full schema,
 * returning it with the names of the settings whose value changed. A failure
 * throws INVALID_INPUT naming the request's field, as `parseInput` would.
 */
function mergeSettings(
  before: OrgSettings,
  patch: OrgSettingsPatch,
): { after: OrgSettings; changed: SettingName[] } {
  const after = checkSettings({ ...before, ...patch });
  const changed = (Object.keys(after) as SettingName[]).filter(
    (name) => after[name] !== before[name],
  );
  return { after, changed };
}

/** Parses the merged settings with the full schema. */
function checkSettings(merged: unknown): OrgSettings {
  const parsed = OrgSettings.safeParse(merged);
  if (parsed.success) {
    return parsed.data;
  }
  const fields = parsed.error.issues.map((issue) => ({
    path: ["body", "settings", ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const summary = fields
    .map((field) => `${field.path} ${field.message}`)
    .join("; ");
  throw new HubError("INVALID_INPUT", { where: "body", summary }, { fields });
}

function pick(
  settings: OrgSettings,
  names: readonly SettingName[],
): Partial<Record<SettingName, unknown>> {
  return Object.fromEntries(names.map((name) => [name, settings[name]]));
}
