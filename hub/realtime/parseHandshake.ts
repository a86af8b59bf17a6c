import type { z } from "zod";
import { HubError } from "../services/hubError";

/**
 * Parses a socket's handshake `auth` with its namespace's schema. Throws
 * INVALID_INPUT whose summary names each invalid field by its path and what
 * it expects.
 */
export function parseHandshake<Schema extends z.ZodType>(
  schema: Schema,
  auth: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(auth);
  if (parsed.success) {
    return parsed.data;
  }
  throw new HubError("INVALID_INPUT", {
    where: "handshake",
    summary: parsed.error.issues
      .map((issue) => `${issue.path.join(".")} ${issue.message}`)
      .join("; "),
  });
}
