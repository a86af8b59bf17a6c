import type { LightMyRequestResponse as InjectResponse } from "fastify";
import {
  ErrorBody,
  SessionView,
  TABLET_TOKEN_HEADER,
  type StoreId,
  type UserId,
} from "../../protocol";
import type { LogEntry } from "../../hub/storage/records";
import { registerTablet, type HubHandle } from "./testTablet";

/** The tablet token each session was opened with, by session token. */
const sessionTabletTokens = new Map<string, string>();

/**
 * Signs a user in online with a PIN, from a new enrolled tablet of
 * `storeId`. Each call uses a new tablet, so the hub's per-tablet limits on
 * sign-in do not add up across a test file.
 */
export async function signInOnline(
  hub: HubHandle,
  storeId: StoreId,
  userId: UserId,
  pin: string,
): Promise<InjectResponse> {
  const tablet = await registerTablet(hub, storeId, "sign-in tablet");
  const tabletToken = await tablet.token();
  const response = await hub.app.inject({
    method: "POST",
    url: "/api/kiosk/sign-in",
    headers: { [TABLET_TOKEN_HEADER]: tabletToken },
    payload: { identity: { userId }, pin },
  });
  if (response.statusCode === 200) {
    const session = SessionView.parse(response.json());
    sessionTabletTokens.set(session.token, tabletToken);
  }
  return response;
}

/**
 * Builds the headers of a request in a session that `signInOnline` opened:
 * the bearer token and the tablet token of the tablet it was opened at.
 */
export function sessionHeaders(sessionToken: string): Record<string, string> {
  const tabletToken = sessionTabletTokens.get(sessionToken);
  if (tabletToken === undefined) {
    throw new Error("the session was not opened through signInOnline");
  }
  return {
    authorization: `Bearer ${sessionToken}`,
    [TABLET_TOKEN_HEADER]: tabletToken,
  };
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
    headers: sessionHeaders(sessionToken),
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
