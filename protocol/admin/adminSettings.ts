import { z } from "zod";
import { OrgSettings, OrgSettingsPatch } from "../settings";
import { AdminProof } from "./adminSession";

/** Response of `GET /api/admin/settings`. */
export const AdminSettingsResponse = z.object({
  settings: OrgSettings,
});
export type AdminSettingsResponse = z.infer<typeof AdminSettingsResponse>;

/**
 * Body of `PATCH /api/admin/settings`: the settings to change and the
 * actor's fresh proof. Settings left out keep their value. Unknown settings
 * and unknown fields beside `settings` and `proof` are rejected.
 */
export const AdminSettingsPatchRequest = z.strictObject(
  {
    settings: OrgSettingsPatch,
    proof: AdminProof,
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has unknown fields ${issue.keys.join(", ")}. Send the settings inside settings and the proof inside proof`
        : undefined,
  },
);
export type AdminSettingsPatchRequest = z.infer<
  typeof AdminSettingsPatchRequest
>;

/** Response of `PATCH /api/admin/settings`: every setting after the change. */
export const AdminSettingsPatchResponse = z.object({
  settings: OrgSettings,
  /** Names of the settings whose value changed; empty when none did. */
  changed: z.array(z.string()),
});
export type AdminSettingsPatchResponse = z.infer<
  typeof AdminSettingsPatchResponse
>;
