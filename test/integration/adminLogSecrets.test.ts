import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import {
  ADMIN_CSRF_HEADER,
  ADMIN_SESSION_COOKIE,
  AdminSessionView,
  PasswordCodeResponse,
} from "../../protocol";
import { DEMO_PANEL_PASSWORDS } from "../../hub/demo/demoUsers";
import { openSqliteStorage } from "../../hub/storage/openSqliteStorage";
import { freePort } from "../support/freePort";

const ROOT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../..",
);
const START_TIMEOUT_MS = 30_000;
const NEW_PASSWORD = "marek chose this long password";
const CHANGED_PASSWORD = "and then marek changed it again";

let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  if (dataDir) {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * Starts `storefloor serve` as a child process with info-level logs and
 * resolves once it listens, with the output it has written so far and
 * will write later.
 */
async function startHubProcess(): Promise<{
  url: string;
  output: () => string;
}> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-logs-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process_ = spawn(
    process.execPath,
    ["--import", "tsx", "hub/cli/main.ts", "serve"],
    {
      cwd: ROOT_DIR,
      env: {
        PATH: process.env.PATH ?? "",
        PORT: String(port),
        HOST: "127.0.0.1",
        STOREFLOOR_DATA_DIR: dataDir,
        STOREFLOOR_PUBLIC_URL: url,
        STOREFLOOR_MODE: "demo",
        STOREFLOOR_ARGON2_COST: "low",
        STOREFLOOR_LOG_LEVEL: "debug",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child = process_;
  let output = "";
  process_.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  process_.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the hub did not start: ${output}`)),
      START_TIMEOUT_MS,
    );
    const check = () => {
      if (output.includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    process_.stdout.on("data", check);
    process_.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited with ${code}: ${output}`));
    });
  });
  return { url, output: () => output };
}

describe("hub logs", () => {
  test(
    "hold no password, code or token",
    async () => {
      const hub = await startHubProcess();
      const admin = DEMO_PANEL_PASSWORDS[0];
      const send = (
        method: string,
        route: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ) =>
        fetch(`${hub.url}${route}`, {
          method,
          headers: {
            origin: hub.url,
            ...(body !== undefined && { "content-type": "application/json" }),
            ...headers,
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });

      const wrong = await send("POST", "/api/admin/session", {
        employeeNumber: admin.employeeNumber,
        password: "a wrong password for the log test",
      });
      const signIn = await send("POST", "/api/admin/session", {
        employeeNumber: admin.employeeNumber,
        password: admin.password,
      });
      const token = /storefloor_admin=([^;]+)/.exec(
        signIn.headers.get("set-cookie") ?? "",
      )?.[1];
      const session = AdminSessionView.parse(await signIn.json());
      const auth = {
        cookie: `${ADMIN_SESSION_COOKIE}=${token}`,
        [ADMIN_CSRF_HEADER]: session.csrfToken,
      };
      const users = await send("GET", "/api/admin/session", undefined, auth);
      const managerId = await findUserId("E1004");
      const codeResponse = await send(
        "POST",
        `/api/admin/users/${managerId}/password-code`,
        { proof: { password: admin.password } },
        auth,
      );
      const { code } = PasswordCodeResponse.parse(await codeResponse.json());
      const set = await send("POST", "/api/admin/password", {
        employeeNumber: "E1004",
        code,
        password: NEW_PASSWORD,
      });
      const change = await send(
        "PUT",
        "/api/admin/password",
        { currentPassword: admin.password, newPassword: CHANGED_PASSWORD },
        auth,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const output = hub.output();

      expect(wrong.status).toBe(401);
      expect(users.status).toBe(200);
      expect(set.status).toBe(204);
      expect(change.status).toBe(204);
      expect(output).toContain("control panel session opened");
      for (const secret of [
        admin.password,
        "a wrong password for the log test",
        NEW_PASSWORD,
        CHANGED_PASSWORD,
        code,
        code.replace(/-/g, ""),
        token ?? "missing token",
        session.csrfToken,
      ]) {
        expect(output).not.toContain(secret);
      }
    },
    START_TIMEOUT_MS * 2,
  );
});

/**
 * Reads a demo user's id from the running hub's database, since the demo
 * users get random ids.
 */
async function findUserId(employeeNumber: string): Promise<string> {
  const storage = await openSqliteStorage(dataDir ?? "");
  try {
    const user = await storage.users.getByEmployeeNumber(employeeNumber);
    if (!user) {
      throw new Error(`no demo user ${employeeNumber}`);
    }
    return user.id;
  } finally {
    await storage.close();
  }
}
