import type { z } from "zod";
import { HubError } from "../services/hubError";

/**
 * Parses outside input with its schema. Throws INVALID_INPUT naming every
 * invalid field by its path and what it expects; nothing has changed then.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: "body" | "query" | "params" | "event",
): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    return parsed.data;
  }
  const fields = parsed.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const summary = fields
    .map((field) => `${field.path} ${field.message}`)
    .join("; ");
  throw new HubError("INVALID_INPUT", { where, summary }, { fields });
}
