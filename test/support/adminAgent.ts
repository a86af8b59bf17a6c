import type { LightMyRequestResponse } from "fastify";
import {
  ADMIN_CSRF_HEADER,
  ADMIN_SESSION_COOKIE,
  AdminSessionView,
  type PasswordProof,
  type UserId,
} from "../../protocol";
import { storeAdminPassword } from "../../hub/admin/adminPasswords";
import type { TestHub } from "./startTestHub";

/** The control panel password `signInAdmin` gives a test user. */
export const TEST_ADMIN_PASSWORD = "correct horse battery staple";

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A signed-in control panel user whose requests carry cookie, Origin and CSRF token. */
export interface AdminAgent {
  /** Sends a request as the panel would, with the session cookie, Origin and CSRF header. */
  inject(options: {
    method: Method;
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
  /** The `Cookie` header value that carries the session. */
  readonly cookie: string;
  readonly csrfToken: string;
  /** The hub's public origin, sent as `Origin`. */
  readonly origin: string;
  /** Fresh proof with the agent's password, for sensitive actions. */
  readonly proof: PasswordProof;
  readonly session: AdminSessionView;
}

/**
 * Gives a fixture user TEST_ADMIN_PASSWORD through the hub's password
 * service, then signs them in through `POST /api/admin/session`. Throws
 * with the hub's error body when sign-in fails.
 */
export async function signInAdmin(
  hub: TestHub,
  employeeNumber: string,
): Promise<AdminAgent> {
  const userId = hub.fixture.users[employeeNumber] as UserId | undefined;
  if (!userId) {
    throw new Error(`no user ${employeeNumber} in the fixture`);
  }
  await storeAdminPassword(hub.context, userId, TEST_ADMIN_PASSWORD);
  return signInAdminWithPassword(hub, employeeNumber, TEST_ADMIN_PASSWORD);
}

/** Signs in through `POST /api/admin/session` with a given password. */
export async function signInAdminWithPassword(
  hub: TestHub,
  employeeNumber: string,
  password: string,
): Promise<AdminAgent> {
  const origin = new URL(hub.url).origin;
  const response = await hub.app.inject({
    method: "POST",
    url: "/api/admin/session",
    headers: { origin },
    payload: { employeeNumber, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(
      `control panel sign-in of ${employeeNumber} failed: ${response.statusCode} ${response.body}`,
    );
  }
  const sessionCookie = response.cookies.find(
    (cookie) => cookie.name === ADMIN_SESSION_COOKIE,
  );
  if (!sessionCookie) {
    throw new Error("control panel sign-in set no session cookie");
  }
  const session = AdminSessionView.parse(response.json());
  const cookie = `${ADMIN_SESSION_COOKIE}=${sessionCookie.value}`;
  return {
    cookie,
    csrfToken: session.csrfToken,
    origin,
    proof: { password },
    session,
    inject(options) {
      return hub.app.inject({
        method: options.method,
        url: options.url,
        ...(options.payload !== undefined && {
          payload: options.payload as string | object,
        }),
        headers: {
          cookie,
          origin,
          [ADMIN_CSRF_HEADER]: session.csrfToken,
          ...options.headers,
        },
      });
    },
  };
}

/**
 * Posts a control panel sign-in with `payload` as it is, from the hub's
 * origin unless `headers` replace it.
 */
export function postAdminSignIn(
  hub: TestHub,
  payload: unknown,
  headers: Record<string, string> = { origin: new URL(hub.url).origin },
): Promise<LightMyRequestResponse> {
  return hub.app.inject({
    method: "POST",
    url: "/api/admin/session",
    headers: { "content-type": "application/json", ...headers },
    payload: JSON.stringify(payload),
  });
}
