import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../hub/config/hubConfig";
import { startHub, type RunningHub } from "../../hub/startHub";
import { freePort } from "./freePort";

/** The repository's root, where `hub/cli/main.ts` lives. */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../..",
);

/** A hub started on an existing data directory, without any seeding. */
export interface HubOnData extends RunningHub {
  readonly url: string;
  readonly dataDir: string;
}

/**
 * Starts a hub in this process on the data a previous hub left in
 * `dataDir`, on a new free port, with cheap argon2. It seeds nothing, so it
 * serves as the same hub after a restart. Close it with `close()`; the
 * caller deletes the directory.
 */
export async function startHubOnData(
  dataDir: string,
  options: { now?: () => number } = {},
): Promise<HubOnData> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const hub = await startHub(loadConfig(hubEnvironment(dataDir, port)), {
    seedDemo: false,
    ...(options.now && { now: options.now }),
  });
  return { ...hub, url, dataDir };
}

/** A hub running as a child process, which a test can kill. */
export interface HubProcess {
  readonly url: string;
  /** Kills the process with SIGKILL, as a crash would, and awaits its exit. */
  kill(): Promise<void>;
}

/**
 * Runs `storefloor serve` as a child process on `dataDir` and resolves once
 * the hub logged that it runs. Unlike `close()`, killing it gives open
 * requests and transactions no chance to finish.
 */
export async function spawnHubProcess(dataDir: string): Promise<HubProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join("hub", "cli", "main.ts"), "serve"],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...hubEnvironment(dataDir, port),
        STOREFLOOR_LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
  });
  await waitForStart(child);
  return {
    url,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
      }
      await exited;
    },
  };
}

/** Resolves when the hub logs that it runs, and rejects if it exits first. */
async function waitForStart(child: ChildProcess): Promise<void> {
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.on("line", (line) => {
      if (line.includes("Storefloor hub running")) {
        resolve();
      }
    });
    child.once("exit", (code, signal) => {
      reject(
        new Error(
          `the hub process exited before it started (code ${code}, signal ${signal}): ${stderr.join("")}`,
        ),
      );
    });
  });
}

function hubEnvironment(dataDir: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    STOREFLOOR_DATA_DIR: dataDir,
    STOREFLOOR_PUBLIC_URL: `http://127.0.0.1:${port}`,
    STOREFLOOR_ARGON2_COST: "low",
    STOREFLOOR_LOG_LEVEL: process.env.STOREFLOOR_TEST_LOG_LEVEL ?? "silent",
  };
}
