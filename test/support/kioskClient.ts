import type { LightMyRequestResponse } from "fastify";
import {
  ErrorBody,
  KioskUser,
  PinResetResponse,
  RosterResponse,
  SessionView,
  type StoreId,
  type UserId,
} from "../../protocol";
import { readLocalOutbox } from "../../hub/delivery/readLocalOutbox";
import type { LogEntry } from "../../hub/storage/records";
import type { TestHub } from "./startTestHub";

/** Tablet id of requests that do not name one. */
export const DEFAULT_TABLET_ID = "tablet-a1";

export interface SignInOptions {
  /** Code of the fixture store the tablet serves; `A` by default. */
  readonly store?: string;
  readonly tabletId?: string;
  /** The PIN typed; the user's fixture PIN by default. */
  readonly pin?: string;
}

/** Returns the id of a fixture store by its code. */
export function storeIdOf(hub: TestHub, code: string): StoreId {
  const id = hub.fixture.stores[code];
  if (id === undefined) {
    throw new Error(`the fixture has no store ${code}`);
  }
  return id;
}

/** Returns the id of a fixture user by employee number. */
export function userIdOf(hub: TestHub, employeeNumber: string): UserId {
  const id = hub.fixture.users[employeeNumber];
  if (id === undefined) {
    throw new Error(`the fixture has no user ${employeeNumber}`);
  }
  return id;
}

/** Returns the fixture PIN of a user by employee number. */
export function pinOf(hub: TestHub, employeeNumber: string): string {
  const pin = hub.fixture.pins[employeeNumber];
  if (pin === undefined) {
    throw new Error(`the fixture has no PIN for ${employeeNumber}`);
  }
  return pin;
}

/** Posts a sign-in by employee number, as a tablet of a fixture store does. */
export function postSignIn(
  hub: TestHub,
  employeeNumber: string,
  options: SignInOptions = {},
): Promise<LightMyRequestResponse> {
  return postJson(hub, "/api/kiosk/sign-in", {
    storeId: storeIdOf(hub, options.store ?? "A"),
    tabletId: options.tabletId ?? DEFAULT_TABLET_ID,
    identity: { employeeNumber },
    pin: options.pin ?? pinOf(hub, employeeNumber),
  });
}

/**
 * Signs a user in and returns the session. Throws with the hub's response when
 * the sign-in fails, because the test cannot go on without the session.
 */
export async function signInSession(
  hub: TestHub,
  employeeNumber: string,
  options: SignInOptions = {},
): Promise<SessionView> {
  const response = await postSignIn(hub, employeeNumber, options);
  if (response.statusCode !== 200) {
    throw new Error(
      `sign-in of ${employeeNumber} failed with ${response.statusCode}: ${response.body}`,
    );
  }
  return SessionView.parse(response.json());
}

/** Signs a user in and returns the session token. */
export async function signInToken(
  hub: TestHub,
  employeeNumber: string,
  options: SignInOptions = {},
): Promise<string> {
  return (await signInSession(hub, employeeNumber, options)).token;
}

/** Posts a JSON body, with the session token when one is given. */
export function postJson(
  hub: TestHub,
  url: string,
  payload: unknown,
  token?: string,
): Promise<LightMyRequestResponse> {
  return hub.app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/json", ...authHeader(token) },
    payload: JSON.stringify(payload),
  });
}

/** Gets a route, with the session token when one is given. */
export function getJson(
  hub: TestHub,
  url: string,
  token?: string,
): Promise<LightMyRequestResponse> {
  return hub.app.inject({ method: "GET", url, headers: authHeader(token) });
}

/** Builds the Authorization header of a kiosk session. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** Posts a PIN reset of a fixture user with the actor's fresh proof. */
export function postPinReset(
  hub: TestHub,
  token: string,
  targetId: string,
  body: { proof: { pin: string }; temporaryPin?: string },
): Promise<LightMyRequestResponse> {
  return postJson(hub, `/api/kiosk/users/${targetId}/pin-reset`, body, token);
}

/** Posts an unlock of a fixture user with the actor's fresh proof. */
export function postUnlock(
  hub: TestHub,
  token: string,
  targetId: string,
  body: { proof: { pin: string } },
): Promise<LightMyRequestResponse> {
  return postJson(hub, `/api/kiosk/users/${targetId}/unlock`, body, token);
}

/** Posts a change of the signed-in user's own PIN. */
export function postPinChange(
  hub: TestHub,
  token: string,
  body: { currentPin?: string; newPin: string },
): Promise<LightMyRequestResponse> {
  return postJson(hub, "/api/kiosk/session/pin", body, token);
}

/** Reads the protocol's error body of a response, checking its shape. */
export function errorOf(response: LightMyRequestResponse): ErrorBody["error"] {
  return ErrorBody.parse(response.json()).error;
}

/** Returns the paths of the invalid fields an error response lists. */
export function fieldPathsOf(response: LightMyRequestResponse): string[] {
  return (errorOf(response).fields ?? []).map((field) => field.path);
}

/** Reads a store's roster as its tablets load it. */
export async function readRoster(
  hub: TestHub,
  storeCode: string,
): Promise<RosterResponse> {
  const response = await getJson(
    hub,
    `/api/kiosk/stores/${storeIdOf(hub, storeCode)}/roster`,
  );
  return RosterResponse.parse(response.json());
}

/** Returns a user as the tablets of a store list them, or undefined. */
export async function rosterUser(
  hub: TestHub,
  storeCode: string,
  employeeNumber: string,
): Promise<KioskUser | undefined> {
  const roster = await readRoster(hub, storeCode);
  return roster.users.find((user) => user.employeeNumber === employeeNumber);
}

/** Lists the whole log, audit and change entries, in sequence order. */
export function logEntries(
  hub: TestHub,
  category?: LogEntry["category"],
): Promise<LogEntry[]> {
  return hub.context.storage.log.list({
    afterSeq: 0,
    limit: 100_000,
    ...(category && { category }),
  });
}

/** Lists the audit entries written after `afterSeq`. */
export function auditEntriesAfter(
  hub: TestHub,
  afterSeq: number,
): Promise<LogEntry[]> {
  return hub.context.storage.log.list({
    afterSeq,
    limit: 100_000,
    category: "audit",
  });
}

/** Returns the newest sequence number of the log. */
export function latestSeq(hub: TestHub): Promise<number> {
  return hub.context.storage.log.latestSeq();
}

function authHeader(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : bearer(token);
}

/**
 * Returns the temporary PIN waiting in the local outbox for a user, the
 * newest one when there are several. Throws when there is none.
 */
export async function outboxPinOf(
  hub: TestHub,
  userId: UserId,
): Promise<string> {
  const messages = await readLocalOutbox(
    hub.context.storage,
    hub.context.secretBox,
    1000,
  );
  const user = await hub.context.storage.users.get(userId);
  const message = messages.find(
    (candidate) =>
      candidate.employeeNumber === user?.employeeNumber &&
      candidate.pin !== null,
  );
  if (message?.pin == null) {
    throw new Error(`no temporary PIN in the outbox for user ${userId}`);
  }
  return message.pin;
}

/**
 * Has `actorNumber` reset the PIN of `targetNumber` at store A and returns
 * the temporary PIN, from the response or from the outbox.
 */
export async function resetToTemporaryPin(
  hub: TestHub,
  actorNumber: string,
  targetNumber: string,
): Promise<string> {
  const token = await signInToken(hub, actorNumber, {
    tabletId: "tablet-reset",
  });
  const targetId = userIdOf(hub, targetNumber);
  const response = await postPinReset(hub, token, targetId, {
    proof: { pin: pinOf(hub, actorNumber) },
  });
  if (response.statusCode !== 200) {
    throw new Error(
      `reset of ${targetNumber} failed with ${response.statusCode}: ${response.body}`,
    );
  }
  const reset = PinResetResponse.parse(response.json());
  return reset.temporaryPin ?? outboxPinOf(hub, targetId);
}

/** Checks whether the PIN the hub stores for a user is `pin`. */
export async function storedPinIs(
  hub: TestHub,
  employeeNumber: string,
  pin: string,
): Promise<boolean> {
  const credential = await hub.context.storage.credentials.getPin(
    userIdOf(hub, employeeNumber),
  );
  return (
    credential !== null &&
    (await hub.context.hasher.verify(credential.hash, pin))
  );
}
