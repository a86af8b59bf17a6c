import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, test } from "vitest";
import {
  PasskeyGrant,
  PasskeyListResponse,
  PasskeyRegistrationOptions,
} from "../../protocol";
import { loadConfig } from "../../hub/config/hubConfig";
import { logPasskeyAvailability } from "../../hub/passkeys/passkeyAvailability";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { expectHubError } from "../support/expectHubError";
import {
  auditEntriesAfter,
  errorOf,
  getJson,
  kioskHeaders,
  latestSeq,
  postJson,
  pinOf,
  rosterUser,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import {
  adminPasskeyProof,
  grantFor,
  postAdminRegistrationOptions,
  registerAdminPasskey,
  registerKioskPasskey,
  startPasskeyHub,
} from "../support/passkeySteps";
import { runCli } from "../support/runCli";
import { SoftAuthenticator } from "../support/softAuthenticator";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver";
import { startTestHub, type TestHub } from "../support/startTestHub";

let hub: TestHub | undefined;
let receiver: SmtpReceiver | undefined;
let clock: ManualClock;

afterEach(async () => {
  await hub?.stop();
  await receiver?.close();
  hub = undefined;
  receiver = undefined;
});

async function start(env: Record<string, string> = {}): Promise<TestHub> {
  clock = manualClock();
  hub = await startPasskeyHub({ now: clock.now, env });
  return hub;
}

/** Fetches creation options for `agent` with their password and a grant. */
async function creationOptions(
  running: TestHub,
  agent: AdminAgent,
  grant?: string,
): Promise<PasskeyRegistrationOptions> {
  const response = await postAdminRegistrationOptions(agent, {
    proof: agent.proof,
    grant:
      grant ?? (await grantFor(running, agent.session.user.employeeNumber)),
  });
  expect(response.statusCode, response.body).toBe(200);
  return PasskeyRegistrationOptions.parse(response.json());
}

function postRegistration(agent: AdminAgent, payload: unknown) {
  return agent.inject({
    method: "POST",
    url: "/api/admin/passkeys/registration",
    payload,
  });
}

async function listOwn(agent: AdminAgent): Promise<PasskeyListResponse> {
  const response = await agent.inject({
    method: "GET",
    url: "/api/admin/passkeys",
  });
  expect(response.statusCode).toBe(200);
  return PasskeyListResponse.parse(response.json());
}

describe("relying party", () => {
  test("localhost public URL is the RP", () => {
    const config = loadConfig({
      STOREFLOOR_PUBLIC_URL: "http://localhost:8080",
      STOREFLOOR_DATA_DIR: "/tmp/unused",
    });

    expect(config.passkeys.rpId).toBe("localhost");
    expect(config.passkeys.origins).toEqual(["http://localhost:8080"]);
    expect(config.passkeys.available).toBe(true);
  });

  test("IP public URL disables passkeys", () => {
    const config = loadConfig({
      STOREFLOOR_PUBLIC_URL: "http://192.168.1.20:8080",
      STOREFLOOR_DATA_DIR: "/tmp/unused",
    });

    expect(config.passkeys.available).toBe(false);
  });

  test("overrides replace RP ID and origins", () => {
    const config = loadConfig({
      STOREFLOOR_PUBLIC_URL: "http://10.0.0.5:8080",
      STOREFLOOR_RP_ID: "store.example.com",
      STOREFLOOR_RP_ORIGINS:
        "https://store.example.com, https://panel.store.example.com/",
      STOREFLOOR_DATA_DIR: "/tmp/unused",
    });

    expect(config.passkeys.rpId).toBe("store.example.com");
    expect(config.passkeys.origins).toEqual([
      "https://store.example.com",
      "https://panel.store.example.com",
    ]);
    expect(config.passkeys.available).toBe(true);
  });

  test("routes name the fix on an IP", async () => {
    hub = await startTestHub();
    const admin = await signInAdmin(hub, "E9");

    const response = await postAdminRegistrationOptions(admin, {
      proof: admin.proof,
      grant: "AAAA-AAAA-AAAA-AAAA",
    });

    expectHubError(response, "PASSKEYS_UNAVAILABLE");
    expect(response.json().error.message).toContain("localhost");
  });
});

describe("registration in the panel", () => {
  test("grant and password register a passkey", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const authenticator = new SoftAuthenticator();

    const passkey = await registerAdminPasskey(running, admin, authenticator, {
      name: "Desk key",
    });

    expect(passkey.name).toBe("Desk key");
    expect(passkey.lastUsedAt).toBeNull();
    expect(passkey.transports).toEqual(["internal"]);
    expect((await listOwn(admin)).passkeys.map((item) => item.id)).toEqual([
      passkey.id,
    ]);
  });

  test("options require a discoverable credential", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");

    const { options } = await creationOptions(running, admin);

    expect(options.rp.id).toBe("localhost");
    expect(options.authenticatorSelection?.residentKey).toBe("required");
    expect(options.authenticatorSelection?.userVerification).toBe("required");
    expect(options.attestation).toBe("none");
    expect(options.user.name).toBe("E9");
  });

  test("existing passkey registers another", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const authenticator = new SoftAuthenticator();
    const first = await registerAdminPasskey(running, admin, authenticator);

    const second = await registerAdminPasskey(running, admin, authenticator, {
      proof: await adminPasskeyProof(admin, authenticator),
      name: "Phone",
    });

    expect(second.id).not.toBe(first.id);
    expect((await listOwn(admin)).passkeys).toHaveLength(2);
  });

  test("second options exclude registered keys", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const authenticator = new SoftAuthenticator();
    await registerAdminPasskey(running, admin, authenticator);

    const response = await postAdminRegistrationOptions(admin, {
      proof: await adminPasskeyProof(admin, authenticator),
    });

    expect(response.statusCode).toBe(200);
    const { options } = PasskeyRegistrationOptions.parse(response.json());
    expect(options.excludeCredentials?.map((item) => item.id)).toEqual([
      authenticator.credentials[0]?.id,
    ]);
  });

  test("password with a passkey is rejected", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    await registerAdminPasskey(running, admin, new SoftAuthenticator());

    const response = await postAdminRegistrationOptions(admin, {
      proof: admin.proof,
      grant: await grantFor(running, "E9"),
    });

    expectHubError(response, "PASSKEY_PROOF_REQUIRED");
  });

  test("no grant and no passkey", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");

    const response = await postAdminRegistrationOptions(admin, {
      proof: admin.proof,
    });

    expectHubError(response, "PASSKEY_GRANT_REQUIRED", "body.grant");
  });

  test("grant works once", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const grant = await grantFor(running, "E9");
    const first = await creationOptions(running, admin, grant);
    const second = await creationOptions(running, admin, grant);
    const authenticator = new SoftAuthenticator();
    const registered = await postRegistration(admin, {
      challengeId: first.challengeId,
      name: "First",
      response: authenticator.create(first.options),
    });
    expect(registered.statusCode).toBe(201);

    const again = await postRegistration(admin, {
      challengeId: second.challengeId,
      name: "Second",
      response: new SoftAuthenticator().create(second.options),
    });

    expectHubError(again, "PASSKEY_GRANT_INVALID");
    expect((await listOwn(admin)).passkeys).toHaveLength(1);
  });

  test("expired grant is rejected", async () => {
    const running = await start();
    const grant = await grantFor(running, "E9");
    clock.advance(24 * 3_600_000 + 1);
    const later = await signInAdmin(running, "E9");

    const response = await postAdminRegistrationOptions(later, {
      proof: later.proof,
      grant,
    });

    expectHubError(response, "PASSKEY_GRANT_INVALID", "body.grant");
  });

  test("grant of someone else is rejected", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");

    const response = await postAdminRegistrationOptions(admin, {
      proof: admin.proof,
      grant: await grantFor(running, "E4"),
    });

    expectHubError(response, "PASSKEY_GRANT_INVALID", "body.grant");
  });

  test("newer grant voids the older", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const older = await grantFor(running, "E9");
    await grantFor(running, "E9");

    const response = await postAdminRegistrationOptions(admin, {
      proof: admin.proof,
      grant: older,
    });

    expectHubError(response, "PASSKEY_GRANT_INVALID");
  });

  test("wrong password with a grant", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");

    const response = await postAdminRegistrationOptions(admin, {
      proof: { password: "not the password at all" },
      grant: await grantFor(running, "E9"),
    });

    expectHubError(response, "ADMIN_PROOF_FAILED");
  });

  test.each([
    ["wrong origin", { origin: "http://evil.example:8080" }, "origin"],
    ["wrong RP ID", { rpId: "evil.example" }, "RP ID"],
    ["no user verification", { userVerified: false }, "verif"],
    ["assertion type", { clientDataType: "webauthn.get" }, "type"],
  ])("%s is rejected", async (_name, overrides, words) => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const { challengeId, options } = await creationOptions(running, admin);

    const response = await postRegistration(admin, {
      challengeId,
      name: "Bad",
      response: new SoftAuthenticator().create(options, overrides),
    });

    expectHubError(response, "PASSKEY_VERIFICATION_FAILED");
    expect(response.json().error.message.toLowerCase()).toContain(
      words.toLowerCase(),
    );
    expect((await listOwn(admin)).passkeys).toEqual([]);
  });

  test("credential registered twice", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const manager = await signInAdmin(running, "E4");
    const first = new SoftAuthenticator();
    await registerAdminPasskey(running, admin, first);
    const { challengeId, options } = await creationOptions(running, manager);

    const response = await postRegistration(manager, {
      challengeId,
      name: "Copy",
      response: new SoftAuthenticator().create(options, {
        credentialId: first.credentials[0]?.id ?? "",
      }),
    });

    expectHubError(response, "PASSKEY_ALREADY_REGISTERED");
  });

  test("challenge works once", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const { challengeId, options } = await creationOptions(running, admin);
    const authenticator = new SoftAuthenticator();
    const response = authenticator.create(options);
    expect(
      (await postRegistration(admin, { challengeId, name: "A", response }))
        .statusCode,
    ).toBe(201);

    const replay = await postRegistration(admin, {
      challengeId,
      name: "B",
      response: new SoftAuthenticator().create(options),
    });

    expectHubError(replay, "PASSKEY_CHALLENGE_INVALID", "body.challengeId");
  });

  test("challenge expires after two minutes", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const { challengeId, options } = await creationOptions(running, admin);
    clock.advance(2 * 60_000 + 1);

    const response = await postRegistration(admin, {
      challengeId,
      name: "Late",
      response: new SoftAuthenticator().create(options),
    });

    expectHubError(response, "PASSKEY_CHALLENGE_INVALID");
  });

  test("challenge of another user is rejected", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const manager = await signInAdmin(running, "E4");
    const { challengeId, options } = await creationOptions(running, admin);

    const response = await postRegistration(manager, {
      challengeId,
      name: "Stolen",
      response: new SoftAuthenticator().create(options),
    });

    expectHubError(response, "PASSKEY_CHALLENGE_INVALID");
  });

  test("answer signed for another challenge", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const { challengeId, options } = await creationOptions(running, admin);

    const response = await postRegistration(admin, {
      challengeId,
      name: "Other",
      response: new SoftAuthenticator().create(options, {
        challenge: "b3RoZXItY2hhbGxlbmdl",
      }),
    });

    expectHubError(response, "PASSKEY_VERIFICATION_FAILED");
  });

  test.each([
    [
      "missing name",
      (body: Record<string, unknown>) => ({ ...body, name: undefined }),
      "body.name",
    ],
    [
      "empty name",
      (body: Record<string, unknown>) => ({ ...body, name: " " }),
      "body.name",
    ],
    [
      "challengeId a number",
      (body: Record<string, unknown>) => ({ ...body, challengeId: 7 }),
      "body.challengeId",
    ],
    [
      "response missing",
      (body: Record<string, unknown>) => ({ ...body, response: undefined }),
      "body.response",
    ],
    [
      "attestation missing",
      (body: Record<string, unknown>) => ({
        ...body,
        response: {
          ...(body.response as object),
          response: { clientDataJSON: "abc" },
        },
      }),
      "body.response.response.attestationObject",
    ],
    [
      "type not public-key",
      (body: Record<string, unknown>) => ({
        ...body,
        response: { ...(body.response as object), type: "password" },
      }),
      "body.response.type",
    ],
  ])("%s is invalid input", async (_name, change, path) => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const { challengeId, options } = await creationOptions(running, admin);
    const body = {
      challengeId,
      name: "Key",
      response: new SoftAuthenticator().create(options),
    };

    const response = await postRegistration(admin, change(body));

    expectHubError(response, "INVALID_INPUT", path);
  });

  test.each([
    ["missing proof", {}, "body.proof"],
    [
      "proof with both",
      {
        proof: {
          password: "x",
          passkey: { challengeId: "a".repeat(24), response: {} },
        },
      },
      "body.proof.passkey.response.id",
    ],
    [
      "grant of wrong form",
      { proof: { password: "x" }, grant: "nope" },
      "body.grant",
    ],
  ])("options: %s", async (_name, payload, path) => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");

    const response = await postAdminRegistrationOptions(admin, payload);

    expectHubError(response, "INVALID_INPUT", path);
  });
});

describe("notice to the user", () => {
  test("e-mail tells of a new passkey", async () => {
    receiver = await startSmtpReceiver();
    const running = await start({
      STOREFLOOR_DELIVERY: "smtp",
      STOREFLOOR_SMTP_URL: `smtp://127.0.0.1:${receiver.port}`,
      STOREFLOOR_SMTP_TLS: "none",
      STOREFLOOR_MAIL_FROM: "Storefloor <storefloor@example.com>",
      STOREFLOOR_DELIVERY_POLL_MS: "600000",
    });
    const manager = await signInAdmin(running, "E4");

    await registerAdminPasskey(running, manager, new SoftAuthenticator(), {
      name: "Office key",
    });
    await running.delivery.runOnce();

    expect(receiver.messages).toHaveLength(1);
    const [mail] = receiver.messages;
    expect(mail?.rcptTo).toEqual(["marek@example.com"]);
    expect(mail?.subject).toBe(
      "A passkey was added to your Storefloor account",
    );
    expect(mail?.body).toContain('"Office key"');
  });

  test("registration is audited", async () => {
    const running = await start();
    const admin = await signInAdmin(running, "E9");
    const before = await latestSeq(running);

    const passkey = await registerAdminPasskey(
      running,
      admin,
      new SoftAuthenticator(),
      { name: "Audited key" },
    );

    const entries = await auditEntriesAfter(running, before);
    const registered = entries.find(
      (entry) => entry.kind === "passkey.register",
    );
    expect(registered?.outcome).toBe("success");
    expect(registered?.actorId).toBe(userIdOf(running, "E9"));
    expect(registered?.payload).toMatchObject({
      passkeyId: passkey.id,
      withGrant: true,
    });
  });
});

describe("grants in the panel", () => {
  function postGrant(agent: AdminAgent, userId: string, payload: unknown) {
    return agent.inject({
      method: "POST",
      url: `/api/admin/users/${userId}/passkey-grants`,
      payload,
    });
  }

  test("manager issues a grant in scope", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const response = await postGrant(manager, userIdOf(running, "E3"), {
      proof: manager.proof,
    });

    expect(response.statusCode).toBe(201);
    const grant = PasskeyGrant.parse(response.json());
    expect(grant.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(grant.expiresAt).toBe(clock.now() + 24 * 3_600_000);
  });

  test("grant registers at the tablet", async () => {
    const running = await start();
    const token = await signInToken(running, "E3");
    const authenticator = new SoftAuthenticator();

    const passkey = await registerKioskPasskey(
      running,
      token,
      "E3",
      pinOf(running, "E3"),
      authenticator,
    );

    const supervisor = await rosterUser(running, "A", "E3");
    expect(passkey.name).toBe("Tablet key");
    expect(supervisor?.hasPasskey).toBe(true);
    expect(supervisor?.passkeyVersion).toBe(1);
  });

  test("unknown user", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const response = await postGrant(manager, "no-such-user", {
      proof: manager.proof,
    });

    expectHubError(response, "USER_UNKNOWN", "params.userId");
  });

  test("user outside the scope", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const response = await postGrant(manager, userIdOf(running, "E6"), {
      proof: manager.proof,
    });

    expectHubError(response, "OUT_OF_SCOPE", "params.userId");
  });

  test("level not below the actor's", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const response = await postGrant(manager, userIdOf(running, "E9"), {
      proof: manager.proof,
    });

    expectHubError(response, "LEVEL_NOT_HIGHER", "params.userId");
  });

  test("employee gets no grant", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");
    const before = await latestSeq(running);

    const response = await postGrant(manager, userIdOf(running, "E1"), {
      proof: manager.proof,
    });

    expectHubError(response, "PASSKEY_ROLE_NOT_ELIGIBLE");
    expect(errorOf(response).message).toContain(
      "The role Employee does not use passkeys",
    );
    const entries = await auditEntriesAfter(running, before);
    const grants = entries.filter((entry) => entry.kind === "passkey.grant");
    expect(grants).toEqual([]);
  });

  test("user detail tells who uses passkeys", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const detailOf = async (employeeNumber: string): Promise<unknown> => {
      const response = await manager.inject({
        method: "GET",
        url: `/api/admin/users/${userIdOf(running, employeeNumber)}`,
      });
      expect(response.statusCode).toBe(200);
      return response.json();
    };

    expect(await detailOf("E1")).toMatchObject({ canRegisterPasskeys: false });
    expect(await detailOf("E3")).toMatchObject({ canRegisterPasskeys: true });
    expect(await detailOf("E7")).toMatchObject({ canRegisterPasskeys: true });
  });

  test("missing proof", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const response = await postGrant(manager, userIdOf(running, "E3"), {});

    expectHubError(response, "INVALID_INPUT", "body.proof");
  });

  test("wrong password", async () => {
    const running = await start();
    const manager = await signInAdmin(running, "E4");

    const response = await postGrant(manager, userIdOf(running, "E3"), {
      proof: { password: "wrong password, long enough" },
    });

    expectHubError(response, "ADMIN_PROOF_FAILED");
  });
});

describe("command line", () => {
  const CLI_TIMEOUT_MS = 60_000;

  function runGrant(running: TestHub, employeeNumber: string) {
    return runCli(["passkey", "grant", employeeNumber], {
      STOREFLOOR_DATA_DIR: running.dataDir,
      STOREFLOOR_ARGON2_COST: "low",
      STOREFLOOR_PUBLIC_URL: "http://localhost:8080",
    });
  }

  test(
    "printed grant registers a passkey",
    async () => {
      // The command line runs on the real clock, so the hub does too.
      const running = await startPasskeyHub();
      hub = running;
      const result = await runGrant(running, "E9");
      const code = /grant for E9: (\S+)/.exec(result.stdout)?.[1];
      const admin = await signInAdmin(running, "E9");

      const options = await creationOptions(running, admin, code);
      const registered = await postRegistration(admin, {
        challengeId: options.challengeId,
        name: "From the terminal",
        response: new SoftAuthenticator().create(options.options),
      });

      expect(result.code, result.stderr).toBe(0);
      expect(registered.statusCode).toBe(201);
      expect(result.stdout).toContain('open "Your passkeys"');
    },
    CLI_TIMEOUT_MS,
  );

  test(
    "manager gets no grant",
    async () => {
      const running = await start();

      const result = await runGrant(running, "E4");

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "No administrator with employee number E4",
      );
    },
    CLI_TIMEOUT_MS,
  );
});

describe("kiosk passkey routes", () => {
  test("list shows the own passkey", async () => {
    const running = await start();
    const token = await signInToken(running, "E4");
    const passkey = await registerKioskPasskey(
      running,
      token,
      "E4",
      pinOf(running, "E4"),
      new SoftAuthenticator(),
    );

    const response = await getJson(running, "/api/kiosk/passkeys", token);

    expect(response.statusCode).toBe(200);
    expect(PasskeyListResponse.parse(response.json()).passkeys).toEqual([
      passkey,
    ]);
  });

  test.each([
    ["missing proof", { grant: "AAAA-AAAA-AAAA-AAAA" }, "body.proof"],
    ["PIN with letters", { proof: { pin: "12ab" } }, "body.proof.pin"],
    ["grant a number", { proof: { pin: "915273" }, grant: 5 }, "body.grant"],
  ])("options: %s", async (_name, payload, path) => {
    const running = await start();
    const token = await signInToken(running, "E4");

    const response = await postJson(
      running,
      "/api/kiosk/passkeys/registration-options",
      payload,
      token,
    );

    expectHubError(response, "INVALID_INPUT", path);
  });

  test("wrong PIN with a grant", async () => {
    const running = await start();
    const token = await signInToken(running, "E4");

    const response = await postJson(
      running,
      "/api/kiosk/passkeys/registration-options",
      { proof: { pin: "000000" }, grant: await grantFor(running, "E4") },
      token,
    );

    expectHubError(response, "PROOF_FAILED");
  });

  test("registration without options", async () => {
    const running = await start();
    const token = await signInToken(running, "E4");

    const response = await postJson(
      running,
      "/api/kiosk/passkeys/registration",
      {
        challengeId: "a".repeat(24),
        name: "Key",
        response: new SoftAuthenticator().create({
          challenge: "Y2hhbGxlbmdl",
          rp: { name: "Storefloor", id: "localhost" },
          user: { id: "dXNlcg", name: "E4", displayName: "E4" },
          pubKeyCredParams: [],
        }),
      },
      token,
    );

    expectHubError(response, "PASSKEY_CHALLENGE_INVALID", "body.challengeId");
  });

  test("unknown passkey id", async () => {
    const running = await start();
    const token = await signInToken(running, "E4");

    const response = await running.app.inject({
      method: "DELETE",
      url: "/api/kiosk/passkeys/no-such-passkey",
      headers: {
        "content-type": "application/json",
        ...(await kioskHeaders(running, token)),
      },
      payload: JSON.stringify({ proof: { pin: pinOf(running, "E4") } }),
    });

    expectHubError(response, "PASSKEY_NOT_FOUND", "params.passkeyId");
  });

  test("proof options need a session", async () => {
    const running = await start();

    const response = await postJson(
      running,
      "/api/kiosk/passkeys/proof-options",
      {},
    );

    expectHubError(response, "UNAUTHENTICATED");
  });

  test("panel proof options need a session", async () => {
    const running = await start();

    const response = await running.app.inject({
      method: "POST",
      url: "/api/admin/proof-options",
      headers: { origin: new URL(running.url).origin },
    });

    expectHubError(response, "ADMIN_SESSION_REQUIRED");
  });
});

describe("start-up log", () => {
  function logLines(publicUrl: string): Array<Record<string, unknown>> {
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString("utf8"));
          done();
        },
      }),
    );
    const config = loadConfig({
      STOREFLOOR_PUBLIC_URL: publicUrl,
      STOREFLOOR_DATA_DIR: "/tmp/unused",
    });
    logPasskeyAvailability(config.passkeys, logger);
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  test("IP address is named with the fix", () => {
    const [line] = logLines("http://10.1.2.3:8080");

    expect(line?.level).toBe(40);
    expect(line?.msg).toContain("passkeys unavailable");
    expect(line?.msg).toContain("localhost or a domain name");
  });

  test("localhost enables passkeys", () => {
    const [line] = logLines("http://localhost:8080");

    expect(line?.msg).toBe("passkeys enabled");
    expect(line?.rpId).toBe("localhost");
  });
});
