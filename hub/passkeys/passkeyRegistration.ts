import { randomUUID } from "node:crypto";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type AuthenticatorTransport,
} from "@simplewebauthn/server";
import {
  isPasskeyProof,
  type PasskeyListItem,
  type PasskeyProof,
  type PasskeyRegistrationOptions,
  type PasskeyRegistrationRequest,
} from "../../protocol";
import { deliveryChannels } from "../delivery/queueTemporaryPin";
import { queuePasskeyNotice } from "../delivery/queuePasskeyNotice";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { PasskeyRecord } from "../storage/passkeyRepository";
import { requirePasskeys } from "./passkeyAvailability";
import {
  CHALLENGE_TTL_MS,
  issueChallenge,
  useChallenge,
} from "./passkeyChallenges";
import { recordPasskeyChange } from "./passkeyChange";
import { checkPasskeyGrant } from "./passkeyGrants";
import type { PasskeyOwner } from "./passkeyOwner";
import { toPasskeyListItem } from "./passkeyView";

/** The audit kind of a passkey registration and its fresh proof. */
export const REGISTER_KIND = "passkey.register";

/**
 * ES256 and RS256 only: tablets check offline proofs with WebCrypto, which
 * supports both everywhere.
 */
const SUPPORTED_ALGORITHMS = [-7, -257];

/**
 * Starts a passkey registration for the owner. With a passkey as proof the
 * owner adds another one. Without a passkey yet, a registration `grant`
 * is needed besides the PIN or password proof. `verifyProof` checks the
 * fresh proof (and rejects a PIN or password from someone with a passkey).
 * Returns creation options that require a discoverable credential and user
 * verification and exclude the owner's registered authenticators.
 */
export async function beginPasskeyRegistration(
  context: HubContext,
  owner: PasskeyOwner,
  request: { proof: PasskeyProof | object; grant?: string | undefined },
  verifyProof: () => Promise<void>,
): Promise<PasskeyRegistrationOptions> {
  requirePasskeys(context);
  const { user } = owner;
  const existing = await context.storage.passkeys.listOfUser(user.id);
  let grantHash: string | null = null;
  if (!isPasskeyProof(request.proof) && existing.length === 0) {
    if (request.grant === undefined) {
      throw new HubError(
        "PASSKEY_GRANT_REQUIRED",
        {},
        {
          fields: [
            {
              path: "body.grant",
              message: "is required to register a first passkey",
            },
          ],
        },
      );
    }
    grantHash = await checkPasskeyGrant(context, user.id, request.grant);
  }
  await verifyProof();

  const challenge = await issueChallenge(
    context,
    {
      purpose: "registration",
      userId: user.id,
      tabletId: owner.tabletId,
      sessionKey: owner.sessionKey,
    },
    grantHash,
  );
  const { passkeys: relyingParty } = context.config;
  const options = await generateRegistrationOptions({
    rpName: relyingParty.rpName,
    rpID: relyingParty.rpId,
    userName: user.employeeNumber,
    userDisplayName: `${user.firstName} ${user.lastName}`,
    userID: new TextEncoder().encode(user.id),
    challenge: challenge.bytes,
    timeout: CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: {
      residentKey: "required",
      userVerification: "required",
    },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  return {
    challengeId: challenge.id,
    options,
    expiresAt: challenge.expiresAt,
  };
}

/**
 * Finishes a registration. It consumes the challenge and verifies the
 * attestation (origin, RP ID, user presence and verification, algorithm).
 * It then consumes the grant the registration started with, stores the
 * passkey, pushes the change to tablets, audits it and queues a notice to
 * the user. Returns the new passkey.
 */
export async function finishPasskeyRegistration(
  context: HubContext,
  owner: PasskeyOwner,
  request: PasskeyRegistrationRequest,
): Promise<PasskeyListItem> {
  requirePasskeys(context);
  const { user } = owner;
  const challenge = await useChallenge(context, request.challengeId, {
    purpose: "registration",
    userId: user.id,
    tabletId: owner.tabletId,
    sessionKey: owner.sessionKey,
  });
  const { passkeys: relyingParty } = context.config;
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: request.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: [...relyingParty.origins],
      expectedRPID: relyingParty.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return rejectRegistration(context, owner, reason);
  }
  if (!verification.verified) {
    return rejectRegistration(context, owner, "the attestation is invalid");
  }
  const info = verification.registrationInfo;
  if (
    (await context.storage.passkeys.getByCredentialId(info.credential.id)) !==
    null
  ) {
    throw new HubError("PASSKEY_ALREADY_REGISTERED");
  }

  const now = context.now();
  const passkey: PasskeyRecord = {
    id: randomUUID(),
    credentialId: info.credential.id,
    userId: user.id,
    publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
    counter: info.credential.counter,
    transports: request.response.response.transports ?? [],
    name: request.name,
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    createdAt: now,
    lastUsedAt: null,
  };
  const channels = deliveryChannels(context.config.delivery);
  const result = await context.storage.transaction(async (tx) => {
    if (
      challenge.grantHash !== null &&
      !(await tx.passkeys.useGrant(challenge.grantHash, now))
    ) {
      return null;
    }
    try {
      await tx.passkeys.insert(passkey);
    } catch (error) {
      // NOTE: the constraint code is SQLite's (better-sqlite3); another
      // dialect reports a registration racing for the same credential
      // differently, and it then ends as INTERNAL.
      if (
        error instanceof Error &&
        "code" in error &&
        error.code === "SQLITE_CONSTRAINT_UNIQUE"
      ) {
        throw new HubError("PASSKEY_ALREADY_REGISTERED");
      }
      throw error;
    }
    const entries = await recordPasskeyChange(tx, user.id, user.id, now);
    const told = await queuePasskeyNotice(tx, context.secretBox, {
      user,
      passkeyName: passkey.name,
      now,
      channels,
    });
    entries.push(
      await audit(
        tx,
        {
          kind: REGISTER_KIND,
          outcome: "success",
          actorId: user.id,
          targetId: user.id,
          tabletId: owner.tabletId,
          storeIds: owner.storeIds,
          details: {
            passkeyId: passkey.id,
            name: passkey.name,
            via: owner.via,
            withGrant: challenge.grantHash !== null,
            notice: told ?? "none",
          },
        },
        now,
      ),
    );
    return entries;
  });
  if (result === null) {
    throw new HubError("PASSKEY_GRANT_INVALID");
  }
  context.changes.publish(result);
  context.logger.info(
    { userId: user.id, passkeyId: passkey.id, via: owner.via },
    "passkey registered",
  );
  return toPasskeyListItem(passkey);
}

async function rejectRegistration(
  context: HubContext,
  owner: PasskeyOwner,
  reason: string,
): Promise<never> {
  const entry = await audit(
    context.storage,
    {
      kind: REGISTER_KIND,
      outcome: "failure",
      actorId: owner.user.id,
      targetId: owner.user.id,
      tabletId: owner.tabletId,
      storeIds: owner.storeIds,
      reason: "PASSKEY_VERIFICATION_FAILED",
      details: { cause: reason },
    },
    context.now(),
  );
  context.changes.publish([entry]);
  context.logger.info(
    { userId: owner.user.id, reason },
    "passkey registration rejected",
  );
  throw new HubError(
    "PASSKEY_VERIFICATION_FAILED",
    { reason },
    { details: { cause: reason } },
  );
}
