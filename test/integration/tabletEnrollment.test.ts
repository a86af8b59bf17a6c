import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ENROLLMENT_CODE_TTL_MS,
  issueEnrollmentCode,
} from "../../hub/tablets/enrollmentCodes";
import {
  EnrollmentCodeResponse,
  EnrollResponse,
  TABLET_TOKEN_HEADER,
} from "../../protocol";
import { startHubOnData, REPO_ROOT } from "../support/hubOnData";
import { errorOf, openSession, sessionHeaders } from "../support/kioskRequests";
import { startTestHub, type TestHub } from "../support/startTestHub";
import { fixtureStore, fixtureUser } from "../support/fixtureLookup";
import {
  enrollTablet,
  enrollWithCode,
  generateTabletKey,
  nextLoopbackAddress,
  postEnrollment,
} from "../support/testTablet";

const run = promisify(execFile);

let hub: TestHub;
let clock = Date.now();

beforeAll(async () => {
  hub = await startTestHub({ now: () => clock });
});
afterAll(async () => {
  await hub.stop();
});

async function issueCode(store: "A" | "B" = "A"): Promise<string> {
  const storeId = hub.fixture.stores[store];
  if (!storeId) {
    throw new Error(`no store ${store} in the fixture`);
  }
  const { code } = await issueEnrollmentCode(hub.context, storeId, {
    actorId: null,
    via: "test",
  });
  return code;
}

function enrollBody(code: string): Record<string, unknown> {
  return { code, publicKey: generateTabletKey().publicJwk };
}

describe("enrollment code", () => {
  test("enrolls once", async () => {
    const code = await issueCode();

    const first = await postEnrollment(hub, enrollBody(code));
    const second = await postEnrollment(hub, enrollBody(code));

    expect(first.statusCode, first.body).toBe(200);
    expect(EnrollResponse.parse(first.json()).store.id).toBe(
      hub.fixture.stores.A,
    );
    expect(second.statusCode).toBe(400);
    expect(errorOf(second).code).toBe("ENROLLMENT_CODE_INVALID");
  });

  test("enrolls into its own store", async () => {
    const response = await postEnrollment(
      hub,
      enrollBody(await issueCode("B")),
    );

    expect(EnrollResponse.parse(response.json()).store.id).toBe(
      hub.fixture.stores.B,
    );
  });

  test("expires after ten minutes", async () => {
    const early = await issueCode();
    const late = await issueCode();

    clock += ENROLLMENT_CODE_TTL_MS - 1;
    const beforeExpiry = await postEnrollment(hub, enrollBody(early));
    clock += 1;
    const atExpiry = await postEnrollment(hub, enrollBody(late));

    expect(beforeExpiry.statusCode, beforeExpiry.body).toBe(200);
    expect(atExpiry.statusCode).toBe(400);
    expect(errorOf(atExpiry).code).toBe("ENROLLMENT_CODE_INVALID");
  });

  test("unknown code rejected", async () => {
    const response = await postEnrollment(hub, enrollBody("7KQ2-M9XD-4HTP"));

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("ENROLLMENT_CODE_INVALID");
  });

  test.each([
    { name: "short code", field: "body.code", patch: { code: "7KQ2-M9XD" } },
    {
      name: "code with U",
      field: "body.code",
      patch: { code: "UKQ2M9XD4HTP" },
    },
    { name: "missing code", field: "body.code", patch: { code: undefined } },
    {
      name: "RSA key",
      field: "body.publicKey.kty",
      patch: { publicKey: { ...generateTabletKey().publicJwk, kty: "RSA" } },
    },
    {
      name: "short coordinate",
      field: "body.publicKey.x",
      patch: { publicKey: { ...generateTabletKey().publicJwk, x: "AAAA" } },
    },
    { name: "empty label", field: "body.label", patch: { label: " " } },
  ])("malformed input: $name", async ({ field, patch }) => {
    const code = await issueCode();

    const response = await postEnrollment(hub, {
      ...enrollBody(code),
      ...patch,
    });
    const error = errorOf(response);

    expect(response.statusCode).toBe(400);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fields?.map((invalid) => invalid.path)).toContain(field);
  });

  test("malformed input keeps the code", async () => {
    const code = await issueCode();

    const malformed = await postEnrollment(hub, { code, publicKey: {} });
    const retry = await postEnrollment(hub, enrollBody(code));

    expect(malformed.statusCode).toBe(400);
    expect(retry.statusCode, retry.body).toBe(200);
  });

  test("lowercase with spaces accepted", async () => {
    const code = await issueCode();
    const typed = code.toLowerCase().replaceAll("-", " ");

    const response = await postEnrollment(hub, enrollBody(typed));

    expect(response.statusCode, response.body).toBe(200);
  });

  test.each([
    { letter: "I", digit: "1" },
    { letter: "l", digit: "1" },
    { letter: "O", digit: "0" },
  ])("$letter read as $digit", async ({ letter, digit }) => {
    // Codes are random: issue until one contains the digit to misread.
    let code = await issueCode();
    for (let tries = 0; !code.includes(digit) && tries < 500; tries++) {
      code = await issueCode();
    }
    expect(code).toContain(digit);

    const response = await postEnrollment(
      hub,
      enrollBody(code.replaceAll(digit, letter)),
    );

    expect(response.statusCode, response.body).toBe(200);
  });

  test("eleventh attempt a minute limited", async () => {
    const address = nextLoopbackAddress();
    const code = await issueCode();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await postEnrollment(
        hub,
        enrollBody("7KQ2-M9XD-4HTP"),
        address,
      );
      statuses.push(response.statusCode);
    }

    const limited = await postEnrollment(hub, enrollBody(code), address);
    const elsewhere = await postEnrollment(hub, enrollBody(code));

    expect(statuses).toEqual(Array(10).fill(400));
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe("RATE_LIMITED");
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
  });
});

describe("POST /api/kiosk/enrollment-codes", () => {
  async function requestCode(
    employee: string,
    proofPin?: string,
  ): Promise<Awaited<ReturnType<typeof hub.app.inject>>> {
    const { stores, users, pins } = hub.fixture;
    const userId = users[employee];
    const pin = pins[employee];
    if (!stores.A || !userId || !pin) {
      throw new Error(`no user ${employee} in store A of the fixture`);
    }
    const session = await openSession(hub, stores.A, userId, pin);
    return hub.app.inject({
      method: "POST",
      url: "/api/kiosk/enrollment-codes",
      headers: sessionHeaders(session.token),
      payload: { proof: { pin: proofPin ?? pin } },
    });
  }

  test.each([
    { role: "employee", employee: "E1" },
    { role: "supervisor", employee: "E3" },
    { role: "shift lead", employee: "E7" },
  ])("$role lacks kiosk.enroll", async ({ employee }) => {
    const response = await requestCode(employee);

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });

  test("wrong proof rejected", async () => {
    const response = await requestCode("E4", "111999");

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("PROOF_FAILED");
  });

  test("no session rejected", async () => {
    const tablet = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));
    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/enrollment-codes",
      headers: { [TABLET_TOKEN_HEADER]: await tablet.token() },
      payload: { proof: { pin: "915273" } },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });

  test("no tablet token rejected", async () => {
    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/enrollment-codes",
      payload: { proof: { pin: "915273" } },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
  });

  test("session of another tablet rejected", async () => {
    const manager = fixtureUser(hub.fixture, "E4");
    const session = await openSession(
      hub,
      fixtureStore(hub.fixture, "A"),
      manager.id,
      manager.pin,
    );
    const other = await enrollTablet(hub, fixtureStore(hub.fixture, "A"));

    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/enrollment-codes",
      headers: {
        authorization: `Bearer ${session.token}`,
        [TABLET_TOKEN_HEADER]: await other.token(),
      },
      payload: { proof: { pin: manager.pin } },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });

  test("manager's code enrolls", async () => {
    const response = await requestCode("E4");
    const issued = EnrollmentCodeResponse.parse(response.json());

    const tablet = await enrollWithCode(hub, issued.code);

    expect(issued.storeId).toBe(hub.fixture.stores.A);
    expect(tablet.storeId).toBe(hub.fixture.stores.A);
  });
});

test("CLI code enrolls", { timeout: 30_000 }, async () => {
  const stopped = await startTestHub();
  const dataDir = stopped.dataDir;
  await stopped.close();
  try {
    const { stdout } = await run(
      "npx",
      ["tsx", "hub/cli/main.ts", "tablet", "code", "--store", "A"],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          STOREFLOOR_DATA_DIR: dataDir,
          STOREFLOOR_ARGON2_COST: "low",
        },
      },
    );
    const code = /Enrollment code for Store A \(A\): (\S+)/.exec(stdout)?.[1];
    expect(code, stdout).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const restarted = await startHubOnData(dataDir);
    try {
      const tablet = await enrollWithCode(restarted, code ?? "");

      expect(tablet.storeId).toBe(stopped.fixture.stores.A);
    } finally {
      await restarted.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
