import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, where `hub/cli/main.ts` lives. */
const ROOT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../..",
);

export interface CliResult {
  /** Exit code, or null when a signal ended the process. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the hub's command line as a child process, `npx tsx hub/cli/main.ts`,
 * with `env` on top of this process's environment minus the hub's own
 * variables, and resolves once it exits.
 */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !name.startsWith("STOREFLOOR_") &&
        !["PORT", "HOST", "NODE_ENV"].includes(name),
    ),
  );
  const child = spawn("npx", ["tsx", "hub/cli/main.ts", ...args], {
    cwd: ROOT_DIR,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
