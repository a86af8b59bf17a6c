import type { z } from "zod";
import { CliError } from "./cliError";

/** Validates command-line options with a schema, naming each bad option. */
export function parseCliOptions<Schema extends z.ZodType>(
  schema: Schema,
  values: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(values);
  if (parsed.success) {
    return parsed.data;
  }
  const lines = parsed.error.issues.map((issue) => {
    const option = issue.path.map(String).join(".");
    return `  --${option}: ${issue.code === "invalid_type" && issue.input === undefined ? "missing" : issue.message}`;
  });
  throw new CliError(`Invalid options:\n${lines.join("\n")}`);
}
