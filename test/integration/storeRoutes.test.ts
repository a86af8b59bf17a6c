import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  HealthResponse,
  PROTOCOL_VERSION,
  TABLET_TOKEN_HEADER,
} from "../../protocol";
import {
  errorOf,
  fieldPathsOf,
  getJson,
  readRoster,
  storeIdOf,
} from "../support/kioskClient";
import { startTestHub, type TestHub } from "../support/startTestHub";

// Every test here only reads, so one hub serves the whole file.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe("GET /api/health", () => {
  test("reports ok and protocol", async () => {
    const response = await getJson(hub, "/api/health");

    expect(response.statusCode).toBe(200);
    expect(HealthResponse.parse(response.json())).toEqual({
      status: "ok",
      protocolVersion: PROTOCOL_VERSION,
      mode: "demo",
    });
  });

  test("sets security headers", async () => {
    const response = await getJson(hub, "/api/health");

    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain(
      "frame-ancestors 'none'",
    );
  });
});

describe("GET /api/stores", () => {
  test("no longer lists stores", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: "/api/stores",
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("NOT_FOUND");
    expect(response.body).not.toContain(storeIdOf(hub, "A"));
  });
});

describe("GET /api/kiosk/stores/:storeId/roster", () => {
  test("lists store A's users", async () => {
    const roster = await readRoster(hub, "A");

    const numbers = roster.users.map((user) => user.employeeNumber).sort();
    expect(numbers).toEqual(["E1", "E2", "E3", "E4", "E6", "E7", "E9"]);
    expect(roster.store.code).toBe("A");
    expect(roster.seq).toBe(await hub.context.storage.log.latestSeq());
  });

  test("lists store B's users", async () => {
    const roster = await readRoster(hub, "B");

    const numbers = roster.users.map((user) => user.employeeNumber).sort();
    expect(numbers).toEqual(["E5", "E6", "E9"]);
  });

  test("shows delivery, not contact", async () => {
    const response = await getJson(
      hub,
      `/api/kiosk/stores/${storeIdOf(hub, "A")}/roster`,
    );
    const roster = await readRoster(hub, "A");

    const ana = roster.users.find((user) => user.employeeNumber === "E1");
    const omar = roster.users.find((user) => user.employeeNumber === "E2");
    expect(ana?.delivery).toBe("email");
    expect(omar?.delivery).toBe("in-person");
    expect(response.body).not.toContain("ana@example.com");
    expect(response.body).not.toContain("$argon2");
  });

  test("unknown store", async () => {
    const response = await getJson(
      hub,
      "/api/kiosk/stores/00000000-0000-4000-8000-000000000000/roster",
    );

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("STORE_NOT_FOUND");
  });

  test("without tablet token", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: `/api/kiosk/stores/${storeIdOf(hub, "A")}/roster`,
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
    expect(response.body).not.toContain("Ana");
  });

  test("with an invalid tablet token", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: `/api/kiosk/stores/${storeIdOf(hub, "A")}/roster`,
      headers: { [TABLET_TOKEN_HEADER]: "tablet.0.signature" },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
  });

  test("store B's tablet reads store A", async () => {
    const response = await getJson(
      hub,
      `/api/kiosk/stores/${storeIdOf(hub, "A")}/roster`,
      undefined,
      { store: "B" },
    );

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("STORE_NOT_FOUND");
    expect(response.body).not.toContain("Ana");
  });

  test("malformed store id", async () => {
    const response = await getJson(hub, "/api/kiosk/stores/Store%20A/roster");

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["params.storeId"]);
  });
});

test("unknown route", async () => {
  const response = await getJson(hub, "/api/nothing-here");

  expect(response.statusCode).toBe(404);
  expect(errorOf(response).code).toBe("NOT_FOUND");
  expect(errorOf(response).message).toContain("GET /api/nothing-here");
});
