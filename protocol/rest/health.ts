import { z } from "zod";

/** Response of `GET /api/health`. */
export const HealthResponse = z.object({
  status: z.literal("ok"),
  protocolVersion: z.number().int(),
  mode: z.enum(["demo", "production"]),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
