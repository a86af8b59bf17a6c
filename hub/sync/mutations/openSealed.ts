import type { z } from "zod";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";

/** Opens a secret a tablet sealed to the hub's key and parses it with `schema`. */
export function openSealed<Schema extends z.ZodType>(
  context: HubContext,
  sealed: string,
  schema: Schema,
): z.infer<Schema> {
  let text: string;
  try {
    text = context.sealingKey.open(sealed);
  } catch {
    throw new HubError("SEALED_SECRET_INVALID");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HubError("SEALED_SECRET_INVALID");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new HubError("SEALED_SECRET_INVALID");
  }
  return parsed.data;
}
