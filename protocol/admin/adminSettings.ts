import { z } from "zod";
import { OrgSettings, OrgSettingsPatch } from "../settings";

/** Response of `GET /api/admin/settings`. */
export const AdminSettingsResponse = z.object({
  settings: OrgSettings,
});
export type AdminSettingsResponse = z.infer<typeof AdminSettingsResponse>;

/**
 * Body of `PATCH /api/admin/settings`: the settings to change. Fields left
 * out keep their value; unknown fields are rejected.
 */
export const AdminSettingsPatchRequest = OrgSettingsPatch;
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
