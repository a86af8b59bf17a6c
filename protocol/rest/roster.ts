import { z } from "zod";
import { OrgSettings } from "../settings";
import { KioskUser } from "./kioskUser";
import { StoreSummary } from "./stores";

/** Response of `GET /api/kiosk/stores/:storeId/roster`: what a tablet starts from. */
export const RosterResponse = z.object({
  store: StoreSummary,
  users: z.array(KioskUser),
  settings: OrgSettings,
  /** Sequence number of the newest change included; live changes follow it. */
  seq: z.number().int().min(0),
});
export type RosterResponse = z.infer<typeof RosterResponse>;
