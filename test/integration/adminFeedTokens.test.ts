import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AdminFeedTokenCreateResponse,
  AdminFeedTokenRevokeResponse,
  AdminFeedTokensResponse,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { assignCustomRole } from "../support/customRole";
import {
  errorOf,
  fieldPathsOf,
  logEntries,
  storeIdOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

const DAY_MS = 86_400_000;

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

async function createToken(
  agent: AdminAgent,
  body: Record<string, unknown> = {},
): Promise<AdminFeedTokenCreateResponse> {
  const response = await agent.inject({
    method: "POST",
    url: "/api/admin/feed-tokens",
    payload: {
      name: "Payroll export",
      scopes: ["feed:read"],
      expiresInDays: 30,
      proof: agent.proof,
      ...body,
    },
  });
  expect(response.statusCode).toBe(201);
  return AdminFeedTokenCreateResponse.parse(response.json());
}

/** Reads the feed with `secret` and returns the HTTP status. */
async function feedStatus(secret: string): Promise<number> {
  const response = await hub.app.inject({
    method: "GET",
    url: "/api/feed?after=0&follow=false",
    headers: { authorization: `Bearer ${secret}` },
  });
  return response.statusCode;
}

describe("POST /api/admin/feed-tokens", () => {
  test("creates a token shown once", async () => {
    const admin = await signInAdmin(hub, "E9");

    const created = await createToken(admin, {
      storeIds: [storeIdOf(hub, "A")],
    });

    expect(created.secret).toMatch(/^sft_/);
    expect(created.token).toMatchObject({
      name: "Payroll export",
      scopes: ["feed:read"],
      storeIds: [storeIdOf(hub, "A")],
      state: "active",
      createdAt: clock.now(),
      expiresAt: clock.now() + 30 * DAY_MS,
      revokedAt: null,
    });
    expect(await feedStatus(created.secret)).toBe(200);
    const list = await admin.inject({
      method: "GET",
      url: "/api/admin/feed-tokens",
    });
    expect(list.body).not.toContain(created.secret);
    const audit = (await logEntries(hub, "audit")).find(
      (entry) => entry.kind === "api-token.create",
    );
    expect(audit?.actorId).toBe(userIdOf(hub, "E9"));
    expect(JSON.stringify(audit?.payload)).not.toContain(created.secret);
  });

  test("missing fields are rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/feed-tokens",
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response).sort()).toEqual([
      "body.expiresInDays",
      "body.name",
      "body.scopes",
    ]);
  });

  test("wrong types and values are rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/feed-tokens",
      payload: {
        name: "   ",
        scopes: ["feed:write"],
        expiresInDays: 400,
        storeIds: [],
        proof: admin.proof,
      },
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response).sort()).toEqual([
      "body.expiresInDays",
      "body.name",
      "body.scopes.0",
      "body.storeIds",
    ]);
  });

  test("unknown store is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/feed-tokens",
      payload: {
        name: "Payroll export",
        scopes: ["feed:read"],
        expiresInDays: 30,
        storeIds: [storeIdOf(hub, "A"), "no-such-store"],
        proof: admin.proof,
      },
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("STORE_UNKNOWN");
    expect(fieldPathsOf(response)).toEqual(["body.storeIds.1"]);
    expect(await hub.context.storage.apiTokens.list()).toEqual([]);
  });

  test("wrong password is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/feed-tokens",
      payload: {
        name: "Payroll export",
        scopes: ["feed:read"],
        expiresInDays: 30,
        proof: { password: "definitely not it, sorry" },
      },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_PROOF_FAILED");
    expect(await hub.context.storage.apiTokens.list()).toEqual([]);
  });

  test("store manager is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: "/api/admin/feed-tokens",
      payload: {
        name: "Payroll export",
        scopes: ["feed:read"],
        expiresInDays: 30,
        proof: manager.proof,
      },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });

  test("store-scoped settings manager is rejected", async () => {
    await assignCustomRole(hub, "E4", { permissions: ["settings.manage"] });
    const agent = await signInAdmin(hub, "E4");

    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/feed-tokens",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ORG_WIDE_REQUIRED");
  });
});

describe("GET /api/admin/feed-tokens", () => {
  test("lists tokens with their state", async () => {
    const admin = await signInAdmin(hub, "E9");
    const short = await createToken(admin, {
      name: "Short",
      expiresInDays: 1,
    });
    clock.advance(1000);
    const long = await createToken(admin, { name: "Long" });

    clock.advance(DAY_MS);
    const later = await signInAdmin(hub, "E9");
    const response = await later.inject({
      method: "GET",
      url: "/api/admin/feed-tokens",
    });

    expect(response.statusCode).toBe(200);
    const { tokens } = AdminFeedTokensResponse.parse(response.json());
    expect(tokens.map(({ id, state }) => ({ id, state }))).toEqual([
      { id: long.token.id, state: "active" },
      { id: short.token.id, state: "expired" },
    ]);
  });
});

describe("POST /api/admin/feed-tokens/:tokenId/revoke", () => {
  test("revoked token stops working", async () => {
    const admin = await signInAdmin(hub, "E9");
    const created = await createToken(admin);

    const response = await admin.inject({
      method: "POST",
      url: `/api/admin/feed-tokens/${created.token.id}/revoke`,
    });

    expect(response.statusCode).toBe(200);
    const { token } = AdminFeedTokenRevokeResponse.parse(response.json());
    expect(token.state).toBe("revoked");
    expect(token.revokedAt).toBe(clock.now());
    expect(await feedStatus(created.secret)).toBe(401);
    const audit = (await logEntries(hub, "audit")).find(
      (entry) => entry.kind === "api-token.revoke",
    );
    expect(audit?.actorId).toBe(userIdOf(hub, "E9"));
  });

  test("revoking twice is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");
    const created = await createToken(admin);
    const url = `/api/admin/feed-tokens/${created.token.id}/revoke`;

    await admin.inject({ method: "POST", url });
    const second = await admin.inject({ method: "POST", url });

    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe("API_TOKEN_ALREADY_REVOKED");
  });

  test("unknown token is not found", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/feed-tokens/2f1c6a0e-8d6b-4a53-9f77-3f0c1b2d4e5a/revoke",
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("API_TOKEN_NOT_FOUND");
  });

  test("malformed token id is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/feed-tokens/not-a-uuid/revoke",
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["params.tokenId"]);
  });

  test("store manager is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");
    const created = await createToken(admin);
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/feed-tokens/${created.token.id}/revoke`,
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
    expect(await feedStatus(created.secret)).toBe(200);
  });
});
