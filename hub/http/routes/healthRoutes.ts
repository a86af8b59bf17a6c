import type { FastifyInstance } from "fastify";
import { PROTOCOL_VERSION, type HealthResponse } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";

export async function healthRoutes(
  app: FastifyInstance,
  context: HubContext,
): Promise<void> {
  app.get("/api/health", async (): Promise<HealthResponse> => ({
    status: "ok",
    protocolVersion: PROTOCOL_VERSION,
    mode: context.config.mode,
  }));
}
