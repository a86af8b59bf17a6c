import type { LightMyRequestResponse } from "fastify";
import { afterEach, describe, expect, test } from "vitest";
import {
  ADMIN_CSRF_HEADER,
  ADMIN_SESSION_COOKIE,
  AdminSessionView,
  PasskeyChallenge,
  type AuthenticationResponseJSON,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { expectHubError } from "../support/expectHubError";
import {
  auditEntriesAfter,
  latestSeq,
  pinOf,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { manualClock } from "../support/manualClock";
import {
  adminPasskeyProof,
  registerAdminPasskey,
  registerKioskPasskey,
  startPasskeyHub,
} from "../support/passkeySteps";
import { SoftAuthenticator } from "../support/softAuthenticator";
import { startTestHub, type TestHub } from "../support/startTestHub";

let hub: TestHub | undefined;

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

async function start(): Promise<TestHub> {
  hub = await startPasskeyHub({ now: manualClock().now });
  return hub;
}

function originOf(running: TestHub): string {
  return new URL(running.url).origin;
}

async function signInOptions(running: TestHub): Promise<PasskeyChallenge> {
  const response = await running.app.inject({
    method: "POST",
    url: "/api/admin/session/passkey-options",
    headers: { origin: originOf(running) },
  });
  expect(response.statusCode, response.body).toBe(200);
  return PasskeyChallenge.parse(response.json());
}

function postPasskeySignIn(
  running: TestHub,
  payload: unknown,
  headers: Record<string, string> = { origin: originOf(running) },
): Promise<LightMyRequestResponse> {
  return running.app.inject({
    method: "POST",
    url: "/api/admin/session/passkey",
    headers,
    payload: payload as object,
  });
}

/** Signs a new sign-in challenge with `authenticator` and posts the assertion. */
async function signInWith(
  running: TestHub,
  authenticator: SoftAuthenticator,
  change: (
    response: AuthenticationResponseJSON,
  ) => AuthenticationResponseJSON = (response) => response,
): Promise<LightMyRequestResponse> {
  const challenge = await signInOptions(running);
  return postPasskeySignIn(running, {
    challengeId: challenge.challengeId,
    response: change(authenticator.assert(challenge.options.challenge)),
  });
}

/** Registers a panel passkey for `employeeNumber` and returns its authenticator. */
async function adminWithPasskey(
  running: TestHub,
  employeeNumber: string,
): Promise<SoftAuthenticator> {
  const agent = await signInAdmin(running, employeeNumber);
  const authenticator = new SoftAuthenticator();
  await registerAdminPasskey(running, agent, authenticator);
  return authenticator;
}

describe("panel sign-in with a passkey", () => {
  test("options name no credential", async () => {
    const running = await start();

    const { options } = await signInOptions(running);

    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe("required");
    expect(options.rpId).toBe("localhost");
  });

  test("discoverable credential opens a session", async () => {
    const running = await start();
    const authenticator = await adminWithPasskey(running, "E9");

    const response = await signInWith(running, authenticator);

    expect(response.statusCode, response.body).toBe(200);
    const view = AdminSessionView.parse(response.json());
    expect(view.user.employeeNumber).toBe("E9");
    const cookie = response.cookies.find(
      (item) => item.name === ADMIN_SESSION_COOKIE,
    );
    expect(cookie?.httpOnly).toBe(true);
    const session = await running.app.inject({
      method: "GET",
      url: "/api/admin/session",
      headers: { cookie: `${ADMIN_SESSION_COOKIE}=${cookie?.value}` },
    });
    expect(session.statusCode).toBe(200);
  });

  test("session proves with the passkey", async () => {
    const running = await start();
    const authenticator = await adminWithPasskey(running, "E4");
    const response = await signInWith(running, authenticator);
    const cookie = response.cookies.find(
      (item) => item.name === ADMIN_SESSION_COOKIE,
    );
    const view = AdminSessionView.parse(response.json());
    const agent: Pick<AdminAgent, "inject"> = {
      inject: (options) =>
        running.app.inject({
          method: options.method,
          url: options.url,
          headers: {
            cookie: `${ADMIN_SESSION_COOKIE}=${cookie?.value}`,
            origin: originOf(running),
            [ADMIN_CSRF_HEADER]: view.csrfToken,
          },
          ...(options.payload !== undefined && {
            payload: options.payload as object,
          }),
        }),
    };

    const reset = await agent.inject({
      method: "POST",
      url: `/api/admin/users/${userIdOf(running, "E1")}/pin-reset`,
      payload: {
        proof: await adminPasskeyProof(agent, authenticator),
      },
    });

    expect(reset.statusCode, reset.body).toBe(200);
  });

  test("sign-in is audited", async () => {
    const running = await start();
    const authenticator = await adminWithPasskey(running, "E9");
    const before = await latestSeq(running);

    await signInWith(running, authenticator);

    const audits = await auditEntriesAfter(running, before);
    const signIn = audits.find((entry) => entry.kind === "admin.sign-in");
    expect(signIn?.outcome).toBe("success");
    expect(signIn?.actorId).toBe(userIdOf(running, "E9"));
    expect(signIn?.payload).toMatchObject({ method: "passkey" });
  });

  test("unknown credential is rejected", async () => {
    const running = await start();
    await adminWithPasskey(running, "E9");
    const stranger = new SoftAuthenticator();
    stranger.create({
      challenge: "c3RyYW5nZXI",
      rp: { name: "x", id: "localhost" },
      user: { id: "dXNlcg", name: "u", displayName: "u" },
      pubKeyCredParams: [],
    });

    const response = await signInWith(running, stranger);

    expectHubError(response, "PASSKEY_VERIFICATION_FAILED");
    expect(response.cookies).toEqual([]);
  });

  test("replayed challenge is rejected", async () => {
    const running = await start();
    const authenticator = await adminWithPasskey(running, "E9");
    const challenge = await signInOptions(running);
    const payload = {
      challengeId: challenge.challengeId,
      response: authenticator.assert(challenge.options.challenge),
    };
    expect((await postPasskeySignIn(running, payload)).statusCode).toBe(200);

    const replay = await postPasskeySignIn(running, payload);

    expectHubError(replay, "PASSKEY_CHALLENGE_INVALID", "body.challengeId");
  });

  test("proof challenge cannot sign in", async () => {
    const running = await start();
    const agent = await signInAdmin(running, "E9");
    const authenticator = new SoftAuthenticator();
    await registerAdminPasskey(running, agent, authenticator);
    const proof = await adminPasskeyProof(agent, authenticator);

    const response = await postPasskeySignIn(running, proof.passkey);

    expectHubError(response, "PASSKEY_CHALLENGE_INVALID");
  });

  test("user handle of someone else", async () => {
    const running = await start();
    const authenticator = await adminWithPasskey(running, "E9");

    const response = await signInWith(running, authenticator, (answer) => ({
      ...answer,
      response: {
        ...answer.response,
        userHandle: Buffer.from("someone-else").toString("base64url"),
      },
    }));

    expectHubError(response, "ADMIN_PASSKEY_SIGN_IN_FAILED");
  });

  test("no panel access", async () => {
    const running = await start();
    const token = await signInToken(running, "E3");
    const authenticator = new SoftAuthenticator();
    await registerKioskPasskey(
      running,
      token,
      "E3",
      pinOf(running, "E3"),
      authenticator,
    );

    const response = await signInWith(running, authenticator);

    expectHubError(response, "CONTROL_PANEL_ACCESS_MISSING");
  });

  test("deactivated user", async () => {
    const running = await start();
    const authenticator = await adminWithPasskey(running, "E4");
    await running.context.storage.users.update(
      userIdOf(running, "E4"),
      { status: "deactivated" },
      running.context.now(),
    );

    const response = await signInWith(running, authenticator);

    expectHubError(response, "ADMIN_PASSKEY_SIGN_IN_FAILED");
  });

  test("removed passkey cannot sign in", async () => {
    const running = await start();
    const agent = await signInAdmin(running, "E9");
    const authenticator = new SoftAuthenticator();
    const passkey = await registerAdminPasskey(running, agent, authenticator);
    await agent.inject({
      method: "DELETE",
      url: `/api/admin/passkeys/${passkey.id}`,
      payload: { proof: await adminPasskeyProof(agent, authenticator) },
    });

    const response = await signInWith(running, authenticator);

    expectHubError(response, "PASSKEY_VERIFICATION_FAILED");
  });

  test("foreign Origin is rejected", async () => {
    const running = await start();

    const response = await running.app.inject({
      method: "POST",
      url: "/api/admin/session/passkey-options",
      headers: { origin: "http://evil.example" },
    });

    expectHubError(response, "ADMIN_ORIGIN_REJECTED");
  });

  test.each([
    ["missing response", { challengeId: "a".repeat(24) }, "body.response"],
    ["missing challengeId", { response: {} }, "body.challengeId"],
    [
      "response id of wrong type",
      {
        challengeId: "a".repeat(24),
        response: {
          id: 5,
          rawId: "abc",
          type: "public-key",
          clientExtensionResults: {},
          response: {
            clientDataJSON: "abc",
            authenticatorData: "abc",
            signature: "abc",
          },
        },
      },
      "body.response.id",
    ],
  ])("%s is invalid input", async (_name, payload, path) => {
    const running = await start();

    const response = await postPasskeySignIn(running, payload);

    expectHubError(response, "INVALID_INPUT", path);
  });

  test("IP public URL names the fix", async () => {
    hub = await startTestHub();

    const response = await hub.app.inject({
      method: "POST",
      url: "/api/admin/session/passkey-options",
      headers: { origin: originOf(hub) },
    });

    expectHubError(response, "PASSKEYS_UNAVAILABLE");
  });
});
