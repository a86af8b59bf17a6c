import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse as InjectResponse } from "fastify";
import {
  ErrorBody,
  SessionView,
  type StoreId,
  type UserId,
} from "../../protocol";
import type { LogEntry } from "../../hub/storage/records";
import type { HubHandle } from "./testTablet";

/**
 * Signs a user in online with a PIN, from a tablet that picked its store.
 * Each call uses a new tablet id, so the hub's per-tablet rate limit on
 * sign-in does not add up across a test file.
 */
export async function signInOnline(
  hub: HubHandle,
  storeId: StoreId,
  userId: UserId,
  pin: string,
): Promise<InjectResponse> {
  return hub.app.inject({
    method: "POST",
    url: "/api/kiosk/sign-in",
    payload: {
      storeId,
      tabletId: randomUUID(),
      identity: { userId },
      pin,
    },
  });
}

/** Signs a user in online and returns the session; throws when rejected. */
export async function openSession(
  hub: HubHandle,
  storeId: StoreId,
  userId: UserId,
  pin: string,
): Promise<SessionView> {
  const response = await signInOnline(hub, storeId, userId, pin);
  if (response.statusCode !== 200) {
    throw new Error(
      `sign-in failed with HTTP ${response.statusCode}: ${response.body}`,
    );
  }
  return SessionView.parse(response.json());
}

/** Sends a manager's PIN reset for `targetId` with the actor's proof PIN. */
export async function resetPinOnline(
  hub: HubHandle,
  sessionToken: string,
  targetId: UserId,
  proofPin: string,
  temporaryPin?: string,
): Promise<InjectResponse> {
  return hub.app.inject({
    method: "POST",
    url: `/api/kiosk/users/${targetId}/pin-reset`,
    headers: { authorization: `Bearer ${sessionToken}` },
    payload: {
      proof: { pin: proofPin },
      ...(temporaryPin !== undefined && { temporaryPin }),
    },
  });
}

/** Lists the audit entries of one kind, oldest first. */
export async function auditEntries(
  hub: HubHandle,
  kind: string,
): Promise<LogEntry[]> {
  const entries = await hub.context.storage.log.list({
    afterSeq: 0,
    limit: 100_000,
    category: "audit",
  });
  return entries.filter((entry) => entry.kind === kind);
}

/** Parses the error of an error response with the protocol's schema. */
export function errorOf(response: InjectResponse): ErrorBody["error"] {
  return ErrorBody.parse(response.json()).error;
}
