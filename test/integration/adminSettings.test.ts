import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AdminSettingsPatchResponse,
  AdminSettingsResponse,
  DEFAULT_SETTINGS,
  PinResetResponse,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { assignCustomRole } from "../support/customRole";
import {
  errorOf,
  fieldPathsOf,
  logEntries,
  pinOf,
  postPinReset,
  readRoster,
  signInToken,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool } from "../support/tabletSocket";

let hub: TestHub;
const sockets = new TabletPool();
beforeEach(async () => {
  hub = await startFreshHub({ now: manualClock().now });
});
afterEach(async () => {
  sockets.closeAll();
  await hub.stop();
});

/** Sends `PATCH /api/admin/settings` with the agent's password as proof. */
function patchSettings(
  agent: AdminAgent,
  settings: Record<string, unknown>,
): ReturnType<AdminAgent["inject"]> {
  return agent.inject({
    method: "PATCH",
    url: "/api/admin/settings",
    payload: { settings, proof: agent.proof },
  });
}

describe("GET /api/admin/settings", () => {
  test("returns the settings", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/settings",
    });

    expect(response.statusCode).toBe(200);
    expect(AdminSettingsResponse.parse(response.json()).settings).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  test("store manager is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "GET",
      url: "/api/admin/settings",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });

  test("store-scoped holder of settings.manage is rejected", async () => {
    await assignCustomRole(hub, "E4", {
      permissions: ["settings.manage"],
      orgWide: false,
    });
    const agent = await signInAdmin(hub, "E4");

    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/settings",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ORG_WIDE_REQUIRED");
  });
});

describe("PATCH /api/admin/settings", () => {
  test("changes, audits and stores settings", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await patchSettings(admin, {
      pinMinLength: 5,
      idleTimeoutSeconds: 90,
      requirePasskeyForReset: true,
      deliveryChannel: "sms",
    });

    expect(response.statusCode).toBe(200);
    const body = AdminSettingsPatchResponse.parse(response.json());
    expect(body.changed.sort()).toEqual([
      "deliveryChannel",
      "idleTimeoutSeconds",
      "pinMinLength",
      "requirePasskeyForReset",
    ]);
    expect(body.settings).toEqual({
      ...DEFAULT_SETTINGS,
      pinMinLength: 5,
      idleTimeoutSeconds: 90,
      requirePasskeyForReset: true,
      deliveryChannel: "sms",
    });
    expect(await hub.context.storage.org.getSettings()).toEqual(body.settings);
    const audit = (await logEntries(hub, "audit")).filter(
      (entry) => entry.kind === "settings.update",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(userIdOf(hub, "E9"));
    expect(audit[0]?.payload).toEqual({
      before: {
        pinMinLength: 6,
        idleTimeoutSeconds: 60,
        requirePasskeyForReset: false,
        deliveryChannel: "email",
      },
      after: {
        pinMinLength: 5,
        idleTimeoutSeconds: 90,
        requirePasskeyForReset: true,
        deliveryChannel: "sms",
      },
    });
  });

  test("reaches a connected tablet live", async () => {
    const tablet = await sockets.connect(hub.url, {
      tabletToken: await tabletTokenOf(hub, { store: "B" }),
    });
    const admin = await signInAdmin(hub, "E9");

    const response = await patchSettings(admin, { offlineWindowHours: 24 });
    const message = await tablet.waitForChange(
      "settings.update",
      ({ change }) => change.kind === "settings.update",
    );

    expect(response.statusCode).toBe(200);
    expect(message.change).toEqual({
      kind: "settings.update",
      settings: { ...DEFAULT_SETTINGS, offlineWindowHours: 24 },
    });
    expect(message.seq).toBeGreaterThan(tablet.hello.seq);
    expect((await readRoster(hub, "A")).settings.offlineWindowHours).toBe(24);
  });

  test("in-person delivery keeps PINs out of the outbox", async () => {
    const admin = await signInAdmin(hub, "E9");
    const patched = await patchSettings(admin, {
      deliveryChannel: "in-person",
    });
    expect(patched.statusCode).toBe(200);

    const token = await signInToken(hub, "E4");
    const response = await postPinReset(hub, token, userIdOf(hub, "E1"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    expect(response.statusCode).toBe(200);
    const reset = PinResetResponse.parse(response.json());
    expect(reset.delivery).toBe("in-person");
    expect(reset.temporaryPin).toMatch(/^\d{6,8}$/);
    expect(await hub.context.storage.outbox.list(10)).toEqual([]);
  });

  test("unchanged values write nothing", async () => {
    const admin = await signInAdmin(hub, "E9");
    const before = await hub.context.storage.log.latestSeq();

    const response = await patchSettings(admin, {
      pinMinLength: DEFAULT_SETTINGS.pinMinLength,
    });

    expect(response.statusCode).toBe(200);
    expect(AdminSettingsPatchResponse.parse(response.json()).changed).toEqual(
      [],
    );
    const entries = await logEntries(hub);
    expect(
      entries.filter(
        (entry) => entry.seq > before && entry.kind === "settings.update",
      ),
    ).toEqual([]);
  });

  test("out-of-range value is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await patchSettings(admin, { pinMinLength: 3 });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body.settings.pinMinLength"]);
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  test("wrong type is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await patchSettings(admin, {
      retentionDays: "thirty",
      deliveryChannel: "pigeon",
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response).sort()).toEqual([
      "body.settings.deliveryChannel",
      "body.settings.retentionDays",
    ]);
  });

  test("unknown setting is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await patchSettings(admin, { pinLength: 5 });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body.settings"]);
    expect(errorOf(response).message).toContain(
      "has unknown settings pinLength. Known settings: pinMinLength,",
    );
  });

  test("top-level setting is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "PATCH",
      url: "/api/admin/settings",
      payload: { settings: {}, proof: admin.proof, pinMinLength: 5 },
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body"]);
    expect(errorOf(response).message).toContain(
      "has unknown fields pinMinLength",
    );
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  test("permanent lock at or below threshold is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await patchSettings(admin, { lockoutThreshold: 10 });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual([
      "body.settings.lockoutPermanentAt",
    ]);
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  test("rejected combination costs no proof attempt", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "PATCH",
      url: "/api/admin/settings",
      payload: {
        settings: { lockoutThreshold: 10 },
        proof: { password: "this is not the password" },
      },
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    const proofAudits = (await logEntries(hub, "audit")).filter(
      (entry) => entry.kind === "settings.update.proof",
    );
    expect(proofAudits).toEqual([]);
  });

  test("missing proof is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "PATCH",
      url: "/api/admin/settings",
      payload: { settings: { pinMinLength: 5 } },
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body.proof"]);
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  test("missing settings are rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "PATCH",
      url: "/api/admin/settings",
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body.settings"]);
  });

  test("wrong password changes nothing", async () => {
    const admin = await signInAdmin(hub, "E9");
    const before = await hub.context.storage.log.latestSeq();

    const response = await admin.inject({
      method: "PATCH",
      url: "/api/admin/settings",
      payload: {
        settings: { pinMinLength: 5 },
        proof: { password: "this is not the password" },
      },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_PROOF_FAILED");
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
    const entries = (await logEntries(hub)).filter(
      (entry) => entry.seq > before,
    );
    expect(entries.map((entry) => entry.kind)).toEqual([
      "settings.update.proof",
    ]);
    expect(entries[0]?.outcome).toBe("failure");
    expect(JSON.stringify(entries)).not.toContain("this is not the password");
  });

  test("store manager is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await patchSettings(manager, { pinMinLength: 4 });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  test("store-scoped holder of settings.manage is rejected", async () => {
    await assignCustomRole(hub, "E4", {
      permissions: ["settings.manage"],
      orgWide: false,
    });
    const agent = await signInAdmin(hub, "E4");

    const response = await patchSettings(agent, { pinMinLength: 4 });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ORG_WIDE_REQUIRED");
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
  });

  test("missing CSRF token is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "PATCH",
      url: "/api/admin/settings",
      payload: { settings: { pinMinLength: 4 }, proof: admin.proof },
      headers: { "x-csrf-token": "" },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_CSRF_REJECTED");
    expect(await hub.context.storage.org.getSettings()).toEqual(
      DEFAULT_SETTINGS,
    );
  });
});
