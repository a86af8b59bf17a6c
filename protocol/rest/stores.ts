import { z } from "zod";
import { StoreId } from "../ids";

export const StoreSummary = z.object({
  id: StoreId,
  /** Short code that HR exports use in the roster's store column. */
  code: z.string(),
  name: z.string(),
  /** IANA time zone, such as `Europe/Madrid`. */
  timeZone: z.string(),
});
export type StoreSummary = z.infer<typeof StoreSummary>;

/** Path parameters of routes under `/api/kiosk/stores/:storeId`. */
export const StoreParams = z.object({ storeId: StoreId });
