import type { LightMyRequestResponse } from "fastify";
import { afterEach, describe, expect, test } from "vitest";
import { PasskeyListResponse, type PasskeyProof } from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { expectHubError } from "../support/expectHubError";
import {
  auditEntriesAfter,
  kioskHeaders,
  latestSeq,
  pinOf,
  postJson,
  postPinReset,
  postUnlock,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import {
  adminPasskeyProof,
  kioskPasskeyProof,
  kioskProofChallenge,
  registerAdminPasskey,
  registerKioskPasskey,
  startPasskeyHub,
} from "../support/passkeySteps";
import { SoftAuthenticator } from "../support/softAuthenticator";
import type { TestHub } from "../support/startTestHub";

let hub: TestHub | undefined;
let clock: ManualClock;

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

async function start(): Promise<TestHub> {
  clock = manualClock();
  hub = await startPasskeyHub({ now: clock.now });
  return hub;
}

/** Signs manager E4 in at a tablet and registers a passkey for them there. */
async function managerWithPasskey(
  running: TestHub,
  authenticator = new SoftAuthenticator(),
): Promise<{ token: string; authenticator: SoftAuthenticator }> {
  const token = await signInToken(running, "E4");
  await registerKioskPasskey(
    running,
    token,
    "E4",
    pinOf(running, "E4"),
    authenticator,
  );
  return { token, authenticator };
}

function resetE1(
  running: TestHub,
  token: string,
  proof: PasskeyProof | { pin: string },
): Promise<LightMyRequestResponse> {
  return postJson(
    running,
    `/api/kiosk/users/${userIdOf(running, "E1")}/pin-reset`,
    { proof, temporaryPin: "264093" },
    token,
  );
}

/** Builds a proof over a fresh challenge with `overrides` applied to the assertion. */
async function proofWith(
  running: TestHub,
  token: string,
  authenticator: SoftAuthenticator,
  overrides: Parameters<SoftAuthenticator["assert"]>[1],
): Promise<PasskeyProof> {
  const challenge = await kioskProofChallenge(running, token);
  return {
    passkey: {
      challengeId: challenge.challengeId,
      response: authenticator.assert(challenge.options.challenge, overrides),
    },
  };
}

async function requirePasskeyForReset(running: TestHub): Promise<void> {
  const settings = await running.context.storage.org.getSettings();
  await running.context.storage.org.saveSettings({
    ...settings,
    requirePasskeyForReset: true,
  });
}

describe("passkey as fresh proof at a tablet", () => {
  test("passkey proves a reset", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);

    const response = await resetE1(
      running,
      token,
      await kioskPasskeyProof(running, token, authenticator),
    );

    expect(response.statusCode, response.body).toBe(200);
  });

  test("PIN rejected for a passkey holder", async () => {
    const running = await start();
    const { token } = await managerWithPasskey(running);
    const before = await latestSeq(running);

    const response = await resetE1(running, token, {
      pin: pinOf(running, "E4"),
    });

    expectHubError(response, "PASSKEY_PROOF_REQUIRED");
    const audits = await auditEntriesAfter(running, before);
    expect(
      audits.some(
        (entry) =>
          entry.kind === "pin.reset.proof" &&
          entry.reason === "PASSKEY_PROOF_REQUIRED",
      ),
    ).toBe(true);
  });

  test("PIN rejection counts no failure", async () => {
    const running = await start();
    const { token } = await managerWithPasskey(running);

    await resetE1(running, token, { pin: "000000" });

    const lockout = await running.context.storage.credentials.getLockout(
      userIdOf(running, "E4"),
    );
    expect(lockout.failures).toBe(0);
  });

  test("passkey proves an unlock", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);

    const response = await postJson(
      running,
      `/api/kiosk/users/${userIdOf(running, "E1")}/unlock`,
      { proof: await kioskPasskeyProof(running, token, authenticator) },
      token,
    );

    // E1 is not locked; the proof itself passed.
    expectHubError(response, "NOT_LOCKED");
  });

  test("counter going back is rejected", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(
      running,
      new SoftAuthenticator({ initialCounter: 10 }),
    );
    const before = await latestSeq(running);

    const response = await resetE1(
      running,
      token,
      await proofWith(running, token, authenticator, { counter: 9 }),
    );

    expectHubError(response, "PASSKEY_COUNTER_REPLAYED");
    const audits = await auditEntriesAfter(running, before);
    const rejected = audits.find(
      (entry) => entry.reason === "PASSKEY_COUNTER_REPLAYED",
    );
    expect(rejected?.kind).toBe("pin.reset.proof");
    expect(rejected?.payload).toMatchObject({ counter: 9, floor: 10 });
  });

  test("equal counter is rejected", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);
    await resetE1(
      running,
      token,
      await proofWith(running, token, authenticator, { counter: 4 }),
    );

    const response = await resetE1(
      running,
      token,
      await proofWith(running, token, authenticator, { counter: 4 }),
    );

    expectHubError(response, "PASSKEY_COUNTER_REPLAYED");
  });

  test("counter staying 0 is allowed", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);

    const first = await resetE1(
      running,
      token,
      await proofWith(running, token, authenticator, { counter: 0 }),
    );
    const second = await resetE1(
      running,
      token,
      await proofWith(running, token, authenticator, { counter: 0 }),
    );

    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
  });

  test("rising counter is stored", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);

    await resetE1(
      running,
      token,
      await proofWith(running, token, authenticator, { counter: 7 }),
    );

    const [stored] = await running.context.storage.passkeys.listOfUser(
      userIdOf(running, "E4"),
    );
    expect(stored?.counter).toBe(7);
    expect(stored?.lastUsedAt).toBe(clock.now());
  });

  test.each([
    ["wrong origin", { origin: "http://evil.example:8080" }, "origin"],
    ["wrong RP ID", { rpId: "evil.example" }, "RP ID"],
    ["no user verification", { userVerified: false }, "verif"],
    ["registration type", { clientDataType: "webauthn.create" }, "type"],
    ["other challenge", { challenge: "b3RoZXItY2hhbGxlbmdl" }, "challenge"],
  ])("%s is rejected", async (_name, overrides, words) => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);

    const response = await resetE1(
      running,
      token,
      await proofWith(running, token, authenticator, overrides),
    );

    expectHubError(response, "PASSKEY_VERIFICATION_FAILED");
    expect(response.json().error.message.toLowerCase()).toContain(
      words.toLowerCase(),
    );
  });

  test("unknown credential is rejected", async () => {
    const running = await start();
    const { token } = await managerWithPasskey(running);
    const stranger = new SoftAuthenticator();
    stranger.create({
      challenge: "c3RyYW5nZXI",
      rp: { name: "x", id: "localhost" },
      user: { id: "dXNlcg", name: "u", displayName: "u" },
      pubKeyCredParams: [],
    });

    const response = await resetE1(
      running,
      token,
      await proofWith(running, token, stranger, {}),
    );

    expectHubError(response, "PASSKEY_VERIFICATION_FAILED");
    expect(response.json().error.message).toContain("not registered");
  });

  test("someone else's credential is rejected", async () => {
    const running = await start();
    const supervisorToken = await signInToken(running, "E3");
    const supervisorKey = new SoftAuthenticator();
    await registerKioskPasskey(
      running,
      supervisorToken,
      "E3",
      pinOf(running, "E3"),
      supervisorKey,
    );
    const { token } = await managerWithPasskey(running);

    const response = await resetE1(
      running,
      token,
      await proofWith(running, token, supervisorKey, {}),
    );

    expectHubError(response, "PASSKEY_VERIFICATION_FAILED");
    expect(response.json().error.message).toContain("someone else");
  });

  test("replayed challenge is rejected", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);
    const proof = await kioskPasskeyProof(running, token, authenticator);
    expect((await resetE1(running, token, proof)).statusCode).toBe(200);

    const replay = await resetE1(running, token, proof);

    expectHubError(
      replay,
      "PASSKEY_CHALLENGE_INVALID",
      "body.proof.passkey.challengeId",
    );
  });

  test("expired challenge is rejected", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);
    const proof = await kioskPasskeyProof(running, token, authenticator);
    clock.advance(2 * 60_000 + 1);
    // The kiosk session would idle out, so a new one makes the request.
    const later = await signInToken(running, "E4");

    const response = await resetE1(running, later, proof);

    expectHubError(response, "PASSKEY_CHALLENGE_INVALID");
  });

  test("challenge of another session is rejected", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);
    const proof = await kioskPasskeyProof(running, token, authenticator);
    const other = await signInToken(running, "E4");

    const response = await resetE1(running, other, proof);

    expectHubError(response, "PASSKEY_CHALLENGE_INVALID");
  });

  test.each([
    ["empty proof", {}, "body.proof"],
    [
      "passkey without response",
      { passkey: { challengeId: "a".repeat(24) } },
      "body.proof.passkey.response",
    ],
    [
      "short challengeId",
      { passkey: { challengeId: "x", response: {} } },
      "body.proof.passkey.challengeId",
    ],
    [
      "signature not base64url",
      {
        passkey: {
          challengeId: "a".repeat(24),
          response: {
            id: "abc",
            rawId: "abc",
            type: "public-key",
            clientExtensionResults: {},
            response: {
              clientDataJSON: "abc",
              authenticatorData: "abc",
              signature: "not base64url!",
            },
          },
        },
      },
      "body.proof.passkey.response.response.signature",
    ],
  ])("%s is invalid input", async (_name, proof, path) => {
    const running = await start();
    const { token } = await managerWithPasskey(running);

    const response = await resetE1(
      running,
      token,
      proof as unknown as PasskeyProof,
    );

    expectHubError(response, "INVALID_INPUT", path);
  });
});

describe("passkey required for resets", () => {
  test("PIN reset fails without a passkey", async () => {
    const running = await start();
    await requirePasskeyForReset(running);
    const token = await signInToken(running, "E4");

    const response = await postPinReset(
      running,
      token,
      userIdOf(running, "E1"),
      {
        proof: { pin: pinOf(running, "E4") },
      },
    );

    expectHubError(response, "PASSKEY_REQUIRED");
  });

  test("unlock still takes a PIN", async () => {
    const running = await start();
    await requirePasskeyForReset(running);
    const token = await signInToken(running, "E4");

    const response = await postUnlock(running, token, userIdOf(running, "E1"), {
      proof: { pin: pinOf(running, "E4") },
    });

    expectHubError(response, "NOT_LOCKED");
  });

  test("PIN choice approval fails without a passkey", async () => {
    const running = await start();
    await requirePasskeyForReset(running);
    const token = await signInToken(running, "E4");

    const response = await postJson(
      running,
      `/api/kiosk/users/${userIdOf(running, "E1")}/pin-choice`,
      { proof: { pin: pinOf(running, "E4") } },
      token,
    );

    expectHubError(response, "PASSKEY_REQUIRED");
  });

  test("passkey reset passes the rule", async () => {
    const running = await start();
    await requirePasskeyForReset(running);
    const { token, authenticator } = await managerWithPasskey(running);

    const response = await resetE1(
      running,
      token,
      await kioskPasskeyProof(running, token, authenticator),
    );

    expect(response.statusCode).toBe(200);
  });

  test("panel reset fails without a passkey", async () => {
    const running = await start();
    await requirePasskeyForReset(running);
    const manager = await signInAdmin(running, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/users/${userIdOf(running, "E1")}/pin-reset`,
      payload: { proof: manager.proof },
    });

    expectHubError(response, "PASSKEY_REQUIRED");
  });
});

describe("passkey as fresh proof in the panel", () => {
  async function panelResetE1(
    manager: AdminAgent,
    running: TestHub,
    proof: unknown,
  ): Promise<LightMyRequestResponse> {
    return manager.inject({
      method: "POST",
      url: `/api/admin/users/${userIdOf(running, "E1")}/pin-reset`,
      payload: { proof },
    });
  }

  test("passkey proves a panel reset", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");
    const authenticator = new SoftAuthenticator();
    await registerAdminPasskey(running, manager, authenticator);

    const response = await panelResetE1(
      manager,
      running,
      await adminPasskeyProof(manager, authenticator),
    );

    expect(response.statusCode, response.body).toBe(200);
  });

  test("password rejected for a passkey holder", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");
    await registerAdminPasskey(running, manager, new SoftAuthenticator());

    const response = await panelResetE1(manager, running, manager.proof);

    expectHubError(response, "PASSKEY_PROOF_REQUIRED");
  });

  test("enrollment code needs the passkey", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");
    const authenticator = new SoftAuthenticator();
    await registerAdminPasskey(running, manager, authenticator);
    const url = `/api/admin/stores/${running.fixture.stores.A}/enrollment-codes`;

    const withPassword = await manager.inject({
      method: "POST",
      url,
      payload: { proof: manager.proof },
    });
    const withPasskey = await manager.inject({
      method: "POST",
      url,
      payload: { proof: await adminPasskeyProof(manager, authenticator) },
    });

    expectHubError(withPassword, "PASSKEY_PROOF_REQUIRED");
    expect(withPasskey.statusCode, withPasskey.body).toBeLessThan(300);
  });

  test("kiosk challenge fails in the panel", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");
    const authenticator = new SoftAuthenticator();
    await registerAdminPasskey(running, manager, authenticator);
    const token = await signInToken(running, "E4");
    const kioskProof = await kioskPasskeyProof(running, token, authenticator);

    const response = await panelResetE1(manager, running, kioskProof);

    expectHubError(response, "PASSKEY_CHALLENGE_INVALID");
  });
});

describe("removing passkeys", () => {
  async function listOwn(agent: AdminAgent): Promise<PasskeyListResponse> {
    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/passkeys",
    });
    return PasskeyListResponse.parse(response.json());
  }

  test("removed passkey no longer proves", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");
    const authenticator = new SoftAuthenticator();
    const passkey = await registerAdminPasskey(running, manager, authenticator);

    const removed = await manager.inject({
      method: "DELETE",
      url: `/api/admin/passkeys/${passkey.id}`,
      payload: { proof: await adminPasskeyProof(manager, authenticator) },
    });
    const after = await manager.inject({
      method: "POST",
      url: `/api/admin/users/${userIdOf(running, "E1")}/pin-reset`,
      payload: { proof: await adminPasskeyProof(manager, authenticator) },
    });

    expect(removed.statusCode).toBe(204);
    expect((await listOwn(manager)).passkeys).toEqual([]);
    expectHubError(after, "PASSKEY_VERIFICATION_FAILED");
  });

  test("password works again after removal", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");
    const authenticator = new SoftAuthenticator();
    const passkey = await registerAdminPasskey(running, manager, authenticator);
    await manager.inject({
      method: "DELETE",
      url: `/api/admin/passkeys/${passkey.id}`,
      payload: { proof: await adminPasskeyProof(manager, authenticator) },
    });

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/users/${userIdOf(running, "E1")}/pin-reset`,
      payload: { proof: manager.proof },
    });

    expect(response.statusCode).toBe(200);
  });

  test("administrator lists and removes a user's passkey", async () => {
    const running = await start();
    const { authenticator } = await managerWithPasskey(running);
    const admin = await signInAdmin(running, "E9");
    const managerId = userIdOf(running, "E4");

    const listed = await admin.inject({
      method: "GET",
      url: `/api/admin/users/${managerId}/passkeys`,
    });
    const [passkey] = PasskeyListResponse.parse(listed.json()).passkeys;
    const removed = await admin.inject({
      method: "DELETE",
      url: `/api/admin/users/${managerId}/passkeys/${passkey?.id}`,
      payload: { proof: admin.proof },
    });
    const token = await signInToken(running, "E4");
    const reset = await resetE1(
      running,
      token,
      await kioskPasskeyProof(running, token, authenticator),
    );

    expect(passkey?.name).toBe("Tablet key");
    expect(removed.statusCode).toBe(204);
    expectHubError(reset, "PASSKEY_VERIFICATION_FAILED");
  });

  test("unknown passkey id", async () => {
    const running = await start();
    await managerWithPasskey(running);
    const admin = await signInAdmin(running, "E9");

    const response = await admin.inject({
      method: "DELETE",
      url: `/api/admin/users/${userIdOf(running, "E4")}/passkeys/no-such-passkey`,
      payload: { proof: admin.proof },
    });

    expectHubError(response, "PASSKEY_NOT_FOUND", "params.passkeyId");
  });

  test("passkey of another user by id", async () => {
    const running = await start();
    await managerWithPasskey(running);
    const admin = await signInAdmin(running, "E9");
    const [managerKey] = await running.context.storage.passkeys.listOfUser(
      userIdOf(running, "E4"),
    );

    const response = await admin.inject({
      method: "DELETE",
      url: `/api/admin/users/${userIdOf(running, "E3")}/passkeys/${managerKey?.id}`,
      payload: { proof: admin.proof },
    });

    expectHubError(response, "PASSKEY_NOT_FOUND");
  });

  test("user outside the scope", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const response = await manager.inject({
      method: "GET",
      url: `/api/admin/users/${userIdOf(running, "E5")}/passkeys`,
    });

    expectHubError(response, "USER_UNKNOWN", "params.userId");
  });

  test("bad passkey id in the path", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");

    const response = await admin.inject({
      method: "DELETE",
      url: "/api/admin/passkeys/NOT_AN_ID",
      payload: { proof: admin.proof },
    });

    expectHubError(response, "INVALID_INPUT", "params.passkeyId");
  });

  test("kiosk removal of own passkey", async () => {
    const running = await start();
    const { token, authenticator } = await managerWithPasskey(running);
    const [stored] = await running.context.storage.passkeys.listOfUser(
      userIdOf(running, "E4"),
    );

    const response = await running.app.inject({
      method: "DELETE",
      url: `/api/kiosk/passkeys/${stored?.id}`,
      headers: {
        "content-type": "application/json",
        ...(await kioskHeaders(running, token)),
      },
      payload: JSON.stringify({
        proof: await kioskPasskeyProof(running, token, authenticator),
      }),
    });

    expect(response.statusCode, response.body).toBe(204);
    expect(
      await running.context.storage.passkeys.countOfUser(
        userIdOf(running, "E4"),
      ),
    ).toBe(0);
  });
});
