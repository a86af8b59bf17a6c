import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SessionView } from "../../protocol";
import { errorOf, postSignIn } from "../support/kioskClient";
import { manualClock } from "../support/manualClock";
import { reopenTestHub } from "../support/reopenTestHub";
import { runCli, type CliResult } from "../support/runCli";
import type { Fixture } from "../support/seedFixture";
import { startTestHub, type TestHub } from "../support/startTestHub";

// Each command starts a TypeScript process of about a second, so the tests
// share one data directory and use distinct employee numbers.
const CLI_TIMEOUT_MS = 20_000;

let dataDir: string;
let fixture: Fixture;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-cli-"));
  const seeded = await startTestHub({ dataDir });
  fixture = seeded.fixture;
  await seeded.stop();
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the command line on the shared data directory in demo mode. */
function cli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliResult> {
  return runCli(args, {
    STOREFLOOR_DATA_DIR: dataDir,
    STOREFLOOR_ARGON2_COST: "low",
    STOREFLOOR_MODE: "demo",
    ...env,
  });
}

/** Opens a hub on the shared data directory for the time of `work`. */
async function withHub<T>(
  work: (hub: TestHub) => Promise<T>,
  now?: () => number,
): Promise<T> {
  const hub = await reopenTestHub(dataDir, fixture, now);
  try {
    return await work(hub);
  } finally {
    await hub.stop();
  }
}

function temporaryPinIn(output: string): string {
  const match = /Temporary PIN: (\d+)/.exec(output);
  if (!match?.[1]) {
    throw new Error(`no temporary PIN in the output: ${output}`);
  }
  return match[1];
}

function writeRoster(name: string, rows: readonly string[]): string {
  const file = path.join(dataDir, name);
  fs.writeFileSync(
    file,
    ["employee_number,first_name,last_name,email,phone,store,role", ...rows]
      .join("\n")
      .concat("\n"),
  );
  return file;
}

describe("admin", () => {
  test(
    "create prints a PIN",
    async () => {
      const result = await cli([
        "admin",
        "create",
        "--employee-number",
        "E100",
        "--first-name",
        "Ada",
        "--last-name",
        "Quist",
      ]);

      expect(result.code).toBe(0);
      const pin = temporaryPinIn(result.stdout);
      const signIn = await withHub((hub) => postSignIn(hub, "E100", { pin }));
      expect(signIn.statusCode).toBe(200);
      const session = SessionView.parse(signIn.json());
      expect(session.mustChangePin).toBe(true);
      expect(session.user.role.id).toBe("administrator");
    },
    CLI_TIMEOUT_MS,
  );

  test(
    "reset unlocks with a new PIN",
    async () => {
      const locked = await lockForGood("E9");

      const result = await cli(["admin", "reset", "--employee-number", "E9"]);

      expect(locked).toBe("USER_LOCKED_PERMANENT");
      expect(result.code).toBe(0);
      const pin = temporaryPinIn(result.stdout);
      const [withNew, withOld] = await withHub(async (hub) => [
        await postSignIn(hub, "E9", { pin }),
        await postSignIn(hub, "E9", { tablet: "tablet-a2" }),
      ]);
      expect(withNew.statusCode).toBe(200);
      expect(SessionView.parse(withNew.json()).mustChangePin).toBe(true);
      expect(errorOf(withOld).code).toBe("PIN_INCORRECT");
    },
    CLI_TIMEOUT_MS,
  );
});

/**
 * Types ten wrong PINs for a user, waiting out each timed lock on a clock of
 * the test's own, and returns the code of the last response.
 */
async function lockForGood(employeeNumber: string): Promise<string> {
  const clock = manualClock(Date.now());
  return withHub(async (hub) => {
    let code = "";
    for (let i = 0; i < 10; i++) {
      const response = await postSignIn(hub, employeeNumber, {
        tablet: "tablet-lock",
        pin: "730615",
      });
      code = errorOf(response).code;
      const lockedUntil = errorOf(response).details?.lockedUntil;
      if (typeof lockedUntil === "number") {
        clock.advance(lockedUntil - clock.now());
      }
    }
    return code;
  }, clock.now);
}

describe("import", () => {
  const rows = [
    "E30,Maya,Okafor,maya@example.com,,A,Employee",
    "E31,Ravi,Iyer,not-an-email,,A,Employee",
    "E32,Ines,Duarte,,,B,Employee",
  ];

  test(
    "bad row imports nothing",
    async () => {
      const file = writeRoster("bad-row.csv", rows);

      const result = await cli(["import", file]);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain("line 3: email:");
      expect(result.stderr).toContain(
        "1 bad row (1 problem); nothing was imported. Fix it, or run again with --skip-bad-rows to import the 2 good rows.",
      );
      const found = await withHub((hub) =>
        hub.context.storage.users.getByEmployeeNumber("E30"),
      );
      expect(found).toBeNull();
    },
    CLI_TIMEOUT_MS,
  );

  test(
    "one bad row, several problems",
    async () => {
      const file = writeRoster("several-problems.csv", [
        "E33,Lea,,not-an-email,,Z9,Nobody",
        "E34,Noor,Haddad,,,A,Employee",
      ]);

      const result = await cli(["import", file]);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain("line 2: last_name:");
      expect(result.stderr).toContain(
        "1 bad row (4 problems); nothing was imported. Fix it, or run again with --skip-bad-rows to import the 1 good row.",
      );
    },
    CLI_TIMEOUT_MS,
  );

  test(
    "skip bad rows imports the rest",
    async () => {
      const file = writeRoster("skip-bad-rows.csv", rows);

      const result = await cli(["import", file, "--skip-bad-rows"]);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain("2 created");
      const numbers = await withHub(async (hub) =>
        (await hub.context.storage.users.list()).map(
          (user) => user.employeeNumber,
        ),
      );
      expect(numbers).toEqual(expect.arrayContaining(["E30", "E32"]));
      expect(numbers).not.toContain("E31");
    },
    CLI_TIMEOUT_MS,
  );
});

describe("outbox", () => {
  test(
    "demo mode shows PINs",
    async () => {
      const result = await cli(["outbox"]);

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/maya@example\.com .* temporary PIN \d{6}/);
    },
    CLI_TIMEOUT_MS,
  );

  test(
    "production mode rejects",
    async () => {
      const result = await runCli(["outbox"], {
        STOREFLOOR_DATA_DIR: dataDir,
        STOREFLOOR_MODE: "production",
      });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain("demo mode only");
      expect(result.stdout).not.toMatch(/temporary PIN/);
    },
    CLI_TIMEOUT_MS,
  );
});

describe("serve", () => {
  test(
    "port in use prints one line",
    async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) =>
        blocker.listen(0, "127.0.0.1", resolve),
      );
      const { port } = blocker.address() as net.AddressInfo;
      try {
        const result = await cli([], {
          PORT: String(port),
          HOST: "127.0.0.1",
          STOREFLOOR_LOG_LEVEL: "silent",
        });

        expect(result.code).toBe(1);
        expect(result.stderr.trim()).toBe(
          `Port ${port} on 127.0.0.1 is already in use, so another hub may be running. Stop it, or set PORT to a free port.`,
        );
        expect(result.stderr).not.toContain("    at ");
      } finally {
        await new Promise<void>((resolve) => blocker.close(() => resolve()));
      }
    },
    CLI_TIMEOUT_MS,
  );
});

/** Environments the hub must reject, each with the variable named. */
const BAD_ENVIRONMENTS: readonly {
  name: string;
  env: Readonly<Record<string, string>>;
  variable: string;
}[] = [
  { name: "PORT=abc", env: { PORT: "abc" }, variable: "PORT" },
  {
    name: "STOREFLOOR_MODE=prod",
    env: { STOREFLOOR_MODE: "prod" },
    variable: "STOREFLOOR_MODE",
  },
  {
    // The shared environment sets STOREFLOOR_ARGON2_COST=low.
    name: "low argon2 cost in production",
    env: { NODE_ENV: "production" },
    variable: "STOREFLOOR_ARGON2_COST",
  },
];

describe("bad environment", () => {
  test.concurrent.each(BAD_ENVIRONMENTS)(
    "$name",
    async ({ env, variable }) => {
      const result = await cli(["outbox"], env);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(variable);
      expect(result.stdout).toBe("");
    },
    CLI_TIMEOUT_MS,
  );
});
