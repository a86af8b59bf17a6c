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
import { tabletHeader, type TabletChoice } from "./kioskTablets";
import type { TestHub } from "./startTestHub";

export {
  tabletHeader,
  tabletIdOf,
  tabletOf,
  tabletTokenOf,
  type TabletChoice,
} from "./kioskTablets";

export interface SignInOptions extends TabletChoice {
  /** The PIN typed; the user's fixture PIN by default. */
  readonly pin?: string;
}

/** The test tablet each session token was opened at, per hub. */
const sessionTablets = new WeakMap<TestHub, Map<string, TabletChoice>>();

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

/**
 * Posts a sign-in by employee number from an enrolled tablet of a fixture
 * store, store A's `tablet-a1` unless the options name another.
 */
export function postSignIn(
  hub: TestHub,
  employeeNumber: string,
  options: SignInOptions = {},
): Promise<LightMyRequestResponse> {
  return postJson(
    hub,
    "/api/kiosk/sign-in",
    {
      identity: { employeeNumber },
      pin: options.pin ?? pinOf(hub, employeeNumber),
    },
    undefined,
    { store: options.store, tablet: options.tablet },
  );
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
  const session = SessionView.parse(response.json());
  sessionTabletsOf(hub).set(session.token, {
    store: options.store,
    tablet: options.tablet,
  });
  return session;
}

/** Signs a user in and returns the session token. */
export async function signInToken(
  hub: TestHub,
  employeeNumber: string,
  options: SignInOptions = {},
): Promise<string> {
  return (await signInSession(hub, employeeNumber, options)).token;
}

/**
 * Posts a JSON body from an enrolled test tablet, with the session token
 * when one is given. The tablet is `tablet`, else the one the session was
 * opened at, else store A's `tablet-a1`.
 */
export async function postJson(
  hub: TestHub,
  url: string,
  payload: unknown,
  token?: string,
  tablet?: TabletChoice,
): Promise<LightMyRequestResponse> {
  return hub.app.inject({
    method: "POST",
    url,
    headers: {
      "content-type": "application/json",
      ...(await kioskHeaders(hub, token, tablet)),
    },
    payload: JSON.stringify(payload),
  });
}

/**
 * Gets a route from an enrolled test tablet, with the session token when
 * one is given. The tablet is chosen as in `postJson`.
 */
export async function getJson(
  hub: TestHub,
  url: string,
  token?: string,
  tablet?: TabletChoice,
): Promise<LightMyRequestResponse> {
  return hub.app.inject({
    method: "GET",
    url,
    headers: await kioskHeaders(hub, token, tablet),
  });
}

/**
 * Builds the headers of a kiosk request: the tablet token of the chosen
 * tablet and, when given, the session's bearer token.
 */
export async function kioskHeaders(
  hub: TestHub,
  token?: string,
  tablet?: TabletChoice,
): Promise<Record<string, string>> {
  const choice =
    tablet ??
    (token === undefined ? undefined : sessionTabletsOf(hub).get(token));
  return {
    ...(await tabletHeader(hub, choice)),
    ...authHeader(token),
  };
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
    undefined,
    { store: storeCode },
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

function sessionTabletsOf(hub: TestHub): Map<string, TabletChoice> {
  let tablets = sessionTablets.get(hub);
  if (tablets === undefined) {
    tablets = new Map();
    sessionTablets.set(hub, tablets);
  }
  return tablets;
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
    tablet: "tablet-reset",
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
