import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import {
  PasskeyChallenge,
  PasskeyListItem,
  PasskeyRegistrationOptions,
  type PasskeyProof,
  type UserId,
} from "../../protocol";
import { issuePasskeyGrant } from "../../hub/passkeys/passkeyGrants";
import type { AdminAgent } from "./adminAgent";
import { postJson } from "./kioskClient";
import {
  PASSKEY_ORIGIN,
  PASSKEY_RP_ID,
  SoftAuthenticator,
} from "./softAuthenticator";
import { startTestHub, type TestHub } from "./startTestHub";

/**
 * Starts a test hub whose passkeys belong to RP ID `localhost` and origin
 * PASSKEY_ORIGIN. The hub itself still listens on 127.0.0.1, whose
 * address WebAuthn would reject as RP ID.
 */
export function startPasskeyHub(
  options: Parameters<typeof startTestHub>[0] = {},
): Promise<TestHub> {
  return startTestHub({
    ...options,
    env: {
      STOREFLOOR_RP_ID: PASSKEY_RP_ID,
      STOREFLOOR_RP_ORIGINS: PASSKEY_ORIGIN,
      ...options.env,
    },
  });
}

/** Issues a registration grant for a fixture user through the hub's service. */
export async function grantFor(
  hub: TestHub,
  employeeNumber: string,
): Promise<string> {
  const userId = hub.fixture.users[employeeNumber] as UserId | undefined;
  const user = userId ? await hub.context.storage.users.get(userId) : null;
  if (!user) {
    throw new Error(`no user ${employeeNumber} in the fixture`);
  }
  const grant = await issuePasskeyGrant(hub.context, user, {
    actorId: null,
    via: "command line",
  });
  return grant.code;
}

/** Fetches registration options in the panel with the agent's password and a grant. */
export function postAdminRegistrationOptions(
  agent: AdminAgent,
  payload: unknown,
): Promise<LightMyRequestResponse> {
  return agent.inject({
    method: "POST",
    url: "/api/admin/passkeys/registration-options",
    payload,
  });
}

/**
 * Registers a passkey of `authenticator` for the panel agent: with `proof`
 * when given, else with the agent's password and a new grant.
 */
export async function registerAdminPasskey(
  hub: TestHub,
  agent: AdminAgent,
  authenticator: SoftAuthenticator,
  options: { proof?: PasskeyProof; name?: string } = {},
): Promise<PasskeyListItem> {
  const payload = options.proof
    ? { proof: options.proof }
    : {
        proof: agent.proof,
        grant: await grantFor(hub, agent.session.user.employeeNumber),
      };
  const optionsResponse = await postAdminRegistrationOptions(agent, payload);
  expect(optionsResponse.statusCode, optionsResponse.body).toBe(200);
  const creation = PasskeyRegistrationOptions.parse(optionsResponse.json());
  const response = await agent.inject({
    method: "POST",
    url: "/api/admin/passkeys/registration",
    payload: {
      challengeId: creation.challengeId,
      name: options.name ?? "Test key",
      response: authenticator.create(creation.options),
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return PasskeyListItem.parse(response.json());
}

/** Fetches a panel proof challenge for the agent. */
export async function adminProofChallenge(
  agent: Pick<AdminAgent, "inject">,
): Promise<PasskeyChallenge> {
  const response = await agent.inject({
    method: "POST",
    url: "/api/admin/proof-options",
  });
  expect(response.statusCode, response.body).toBe(200);
  return PasskeyChallenge.parse(response.json());
}

/** Builds a panel passkey proof over a new proof challenge. */
export async function adminPasskeyProof(
  agent: Pick<AdminAgent, "inject">,
  authenticator: SoftAuthenticator,
): Promise<PasskeyProof> {
  const challenge = await adminProofChallenge(agent);
  return {
    passkey: {
      challengeId: challenge.challengeId,
      response: authenticator.assert(challenge.options.challenge),
    },
  };
}

/** Fetches a kiosk proof challenge for the session `token`. */
export async function kioskProofChallenge(
  hub: TestHub,
  token: string,
): Promise<PasskeyChallenge> {
  const response = await postJson(
    hub,
    "/api/kiosk/passkeys/proof-options",
    {},
    token,
  );
  expect(response.statusCode, response.body).toBe(200);
  return PasskeyChallenge.parse(response.json());
}

/** Builds a kiosk passkey proof over a new proof challenge of the session. */
export async function kioskPasskeyProof(
  hub: TestHub,
  token: string,
  authenticator: SoftAuthenticator,
): Promise<PasskeyProof> {
  const challenge = await kioskProofChallenge(hub, token);
  return {
    passkey: {
      challengeId: challenge.challengeId,
      response: authenticator.assert(challenge.options.challenge),
    },
  };
}

/**
 * Registers a passkey of `authenticator` at a tablet, for the session
 * `token`: with the user's PIN and a new grant.
 */
export async function registerKioskPasskey(
  hub: TestHub,
  token: string,
  employeeNumber: string,
  pin: string,
  authenticator: SoftAuthenticator,
): Promise<PasskeyListItem> {
  const optionsResponse = await postJson(
    hub,
    "/api/kiosk/passkeys/registration-options",
    { proof: { pin }, grant: await grantFor(hub, employeeNumber) },
    token,
  );
  expect(optionsResponse.statusCode, optionsResponse.body).toBe(200);
  const creation = PasskeyRegistrationOptions.parse(optionsResponse.json());
  const response = await postJson(
    hub,
    "/api/kiosk/passkeys/registration",
    {
      challengeId: creation.challengeId,
      name: "Tablet key",
      response: authenticator.create(creation.options),
    },
    token,
  );
  expect(response.statusCode, response.body).toBe(201);
  return PasskeyListItem.parse(response.json());
}
