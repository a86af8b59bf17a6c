import type { z } from "zod";
import {
  ChangePinRequest,
  EnrollRequest,
  EnrollResponse,
  HealthResponse,
  EnrollmentCodeRequest,
  EnrollmentCodeResponse,
  KioskPasskeyOptionsRequest,
  KioskPasskeyProofRequest,
  KioskUser,
  PasskeyChallenge,
  PasskeyListItem,
  PasskeyListResponse,
  PasskeyRegistrationOptions,
  PasskeyRegistrationRequest,
  PinChoiceCompleteRequest,
  PinChoiceRequest,
  PinChoiceResponse,
  PinResetRequest,
  PinResetResponse,
  SessionView,
  SignInRequest,
  TABLET_TOKEN_HEADER,
  TabletChallengeRequest,
  TabletChallengeResponse,
  TabletSessionRequest,
  TabletSessionResponse,
  UnlockRequest,
  type PasskeyId,
  type UserId,
} from "../../protocol";
import type { Logger } from "../log/Logger";
import { KioskError, LenientErrorBody } from "./KioskError";

export interface ApiClientOptions {
  readonly logger: Logger;
  /** Returns the current session's bearer token, if someone is signed in. */
  readonly getToken: () => string | undefined;
  /**
   * Called when the hub rejects the current token with `UNAUTHENTICATED`,
   * so the kiosk signs the user out.
   */
  readonly onUnauthenticated: () => void;
  /**
   * Called when the hub responds with `TABLET_REVOKED` or `TABLET_UNKNOWN`,
   * so the kiosk wipes its cache and shows the enrollment screen.
   */
  readonly onTabletRejected?: (error: KioskError) => void;
  /** Replaceable for tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Prefix of every path; the hub serves the API on the kiosk's origin. */
  readonly baseUrl?: string;
}

/** Source of the tablet token the client sends with each request. */
export interface TabletTokenSource {
  /** Returns a valid tablet token, proving the tablet's key when needed. */
  token(): Promise<string>;
  /** Drops the current token, after the hub no longer accepts it. */
  invalidate(): void;
}

interface RequestOptions<Body extends z.ZodType> {
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: string;
  readonly requestSchema?: Body;
  readonly body?: z.input<Body>;
  readonly authenticated: boolean;
  /** A token to send instead of the current session's. */
  readonly token?: string;
  /** Whether the request carries the tablet token; true unless stated. */
  readonly tablet?: boolean;
}

interface JsonRequestOptions<
  Body extends z.ZodType,
  Result extends z.ZodType,
> extends RequestOptions<Body> {
  readonly responseSchema: Result;
}

/**
 * REST client for the hub's kiosk API. Every request body is checked and
 * every response parsed with the protocol's schemas; failures arrive as
 * `KioskError`. Once the tablet is enrolled, each request also carries its
 * tablet token in the `x-storefloor-tablet` header. No token is ever logged.
 */
export class ApiClient {
  readonly #options: ApiClientOptions;
  readonly #fetch: typeof fetch;
  #tabletTokens: TabletTokenSource | undefined;

  constructor(options: ApiClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Sets where tablet tokens come from; undefined before enrollment. */
  useTabletTokens(tokens: TabletTokenSource | undefined): void {
    this.#tabletTokens = tokens;
  }

  health(): Promise<HealthResponse> {
    return this.#json({
      method: "GET",
      path: "/api/health",
      responseSchema: HealthResponse,
      authenticated: false,
      tablet: false,
    });
  }

  /** Redeems an enrollment code for the tablet's public key. */
  enroll(request: z.input<typeof EnrollRequest>): Promise<EnrollResponse> {
    return this.#json({
      method: "POST",
      path: "/api/tablets/enroll",
      requestSchema: EnrollRequest,
      body: request,
      responseSchema: EnrollResponse,
      authenticated: false,
      tablet: false,
    });
  }

  /** Asks for a challenge for the tablet to sign. */
  tabletChallenge(
    request: z.input<typeof TabletChallengeRequest>,
  ): Promise<TabletChallengeResponse> {
    return this.#json({
      method: "POST",
      path: "/api/tablets/challenge",
      requestSchema: TabletChallengeRequest,
      body: request,
      responseSchema: TabletChallengeResponse,
      authenticated: false,
      tablet: false,
    });
  }

  /** Exchanges the signed challenge for a tablet token. */
  tabletSession(
    request: z.input<typeof TabletSessionRequest>,
  ): Promise<TabletSessionResponse> {
    return this.#json({
      method: "POST",
      path: "/api/tablets/session",
      requestSchema: TabletSessionRequest,
      body: request,
      responseSchema: TabletSessionResponse,
      authenticated: false,
      tablet: false,
    });
  }

  signIn(request: z.input<typeof SignInRequest>): Promise<SessionView> {
    return this.#json({
      method: "POST",
      path: "/api/kiosk/sign-in",
      requestSchema: SignInRequest,
      body: request,
      responseSchema: SessionView,
      authenticated: false,
    });
  }

  /** Fetches the current session; the hub also extends it. */
  session(): Promise<SessionView> {
    return this.#json({
      method: "GET",
      path: "/api/kiosk/session",
      responseSchema: SessionView,
      authenticated: true,
    });
  }

  /**
   * Ends a session at the hub. The token is passed in because the kiosk
   * drops it from its state before telling the hub.
   */
  async signOut(token: string): Promise<void> {
    await this.#send({
      method: "POST",
      path: "/api/kiosk/sign-out",
      authenticated: true,
      token,
    });
  }

  changePin(request: z.input<typeof ChangePinRequest>): Promise<SessionView> {
    return this.#json({
      method: "POST",
      path: "/api/kiosk/session/pin",
      requestSchema: ChangePinRequest,
      body: request,
      responseSchema: SessionView,
      authenticated: true,
    });
  }

  resetPin(
    userId: UserId,
    request: z.input<typeof PinResetRequest>,
  ): Promise<PinResetResponse> {
    return this.#json({
      method: "POST",
      path: `/api/kiosk/users/${encodeURIComponent(userId)}/pin-reset`,
      requestSchema: PinResetRequest,
      body: request,
      responseSchema: PinResetResponse,
      authenticated: true,
    });
  }

  unlock(
    userId: UserId,
    request: z.input<typeof UnlockRequest>,
  ): Promise<KioskUser> {
    return this.#json({
      method: "POST",
      path: `/api/kiosk/users/${encodeURIComponent(userId)}/unlock`,
      requestSchema: UnlockRequest,
      body: request,
      responseSchema: KioskUser,
      authenticated: true,
    });
  }

  /**
   * Approves that a user chooses their own PIN on this tablet. The hub ends
   * the approving session with it.
   */
  approvePinChoice(
    userId: UserId,
    request: z.input<typeof PinChoiceRequest>,
  ): Promise<PinChoiceResponse> {
    return this.#json({
      method: "POST",
      path: `/api/kiosk/users/${encodeURIComponent(userId)}/pin-choice`,
      requestSchema: PinChoiceRequest,
      body: request,
      responseSchema: PinChoiceResponse,
      authenticated: true,
    });
  }

  /**
   * Sets the PIN a user chose under an approval's grant. It needs only the
   * tablet token, because nobody is signed in while the user types.
   */
  completePinChoice(
    userId: UserId,
    request: z.input<typeof PinChoiceCompleteRequest>,
  ): Promise<KioskUser> {
    return this.#json({
      method: "POST",
      path: `/api/kiosk/users/${encodeURIComponent(userId)}/pin-choice/complete`,
      requestSchema: PinChoiceCompleteRequest,
      body: request,
      responseSchema: KioskUser,
      authenticated: false,
    });
  }

  /** Issues a one-time enrollment code for this tablet's store. */
  issueEnrollmentCode(
    request: z.input<typeof EnrollmentCodeRequest>,
  ): Promise<EnrollmentCodeResponse> {
    return this.#json({
      method: "POST",
      path: "/api/kiosk/enrollment-codes",
      requestSchema: EnrollmentCodeRequest,
      body: request,
      responseSchema: EnrollmentCodeResponse,
      authenticated: true,
    });
  }

  /** Issues a challenge for a passkey assertion as the actor's fresh proof. */
  passkeyProofOptions(): Promise<PasskeyChallenge> {
    return this.#json({
      method: "POST",
      path: "/api/kiosk/passkeys/proof-options",
      responseSchema: PasskeyChallenge,
      authenticated: true,
    });
  }

  /** Lists the signed-in user's own passkeys. */
  listPasskeys(): Promise<PasskeyListResponse> {
    return this.#json({
      method: "GET",
      path: "/api/kiosk/passkeys",
      responseSchema: PasskeyListResponse,
      authenticated: true,
    });
  }

  /**
   * Fetches creation options for a new passkey of the signed-in user, after
   * a passkey proof, or a PIN together with a registration grant.
   */
  passkeyRegistrationOptions(
    request: z.input<typeof KioskPasskeyOptionsRequest>,
  ): Promise<PasskeyRegistrationOptions> {
    return this.#json({
      method: "POST",
      path: "/api/kiosk/passkeys/registration-options",
      requestSchema: KioskPasskeyOptionsRequest,
      body: request,
      responseSchema: PasskeyRegistrationOptions,
      authenticated: true,
    });
  }

  /** Registers the passkey the authenticator created for those options. */
  registerPasskey(
    request: z.input<typeof PasskeyRegistrationRequest>,
  ): Promise<PasskeyListItem> {
    return this.#json({
      method: "POST",
      path: "/api/kiosk/passkeys/registration",
      requestSchema: PasskeyRegistrationRequest,
      body: request,
      responseSchema: PasskeyListItem,
      authenticated: true,
    });
  }

  /** Removes one of the signed-in user's passkeys, after a fresh proof. */
  async removePasskey(
    passkeyId: PasskeyId,
    request: z.input<typeof KioskPasskeyProofRequest>,
  ): Promise<void> {
    await this.#send({
      method: "DELETE",
      path: `/api/kiosk/passkeys/${encodeURIComponent(passkeyId)}`,
      requestSchema: KioskPasskeyProofRequest,
      body: request,
      authenticated: true,
    });
  }

  async #json<Body extends z.ZodType, Result extends z.ZodType>(
    options: JsonRequestOptions<Body, Result>,
  ): Promise<z.output<Result>> {
    const { method, path } = options;
    const response = await this.#send(options);
    const parsed = options.responseSchema.safeParse(await readJson(response));
    if (!parsed.success) {
      this.#options.logger.error(
        { method, path, issues: parsed.error.issues.length },
        "response failed its schema",
      );
      throw KioskError.badResponse(
        `response to ${method} ${path}`,
        response.status,
      );
    }
    return parsed.data;
  }

  /**
   * Sends a request and returns the response when its status is 2xx. A
   * tablet token the hub no longer accepts (`TABLET_NOT_ENROLLED`, after an
   * hour or a hub restart with a new key) is renewed once and the request
   * sent again.
   */
  async #send<Body extends z.ZodType>(
    options: RequestOptions<Body>,
  ): Promise<Response> {
    try {
      return await this.#sendOnce(options);
    } catch (error) {
      const tokens = this.#tabletTokens;
      if (
        !(error instanceof KioskError) ||
        !error.is("TABLET_NOT_ENROLLED") ||
        tokens === undefined
      ) {
        throw error;
      }
      tokens.invalidate();
      return this.#sendOnce(options);
    }
  }

  async #sendOnce<Body extends z.ZodType>(
    options: RequestOptions<Body>,
  ): Promise<Response> {
    const { method, path, authenticated } = options;
    const headers: Record<string, string> = { accept: "application/json" };
    let body: string | undefined;

    // A body that fails its schema is a bug in the kiosk. The hub would
    // reject it anyway, so it never leaves the tablet.
    if (options.requestSchema !== undefined) {
      const parsed = options.requestSchema.safeParse(options.body);
      if (!parsed.success) {
        throw new KioskError({
          code: "INVALID_INPUT",
          message: `Invalid request body for ${method} ${path}: ${parsed.error.message}`,
        });
      }
      body = JSON.stringify(parsed.data);
      headers["content-type"] = "application/json";
    }

    const token = authenticated
      ? (options.token ?? this.#options.getToken())
      : undefined;
    if (authenticated) {
      if (token === undefined) {
        throw new KioskError({
          code: "UNAUTHENTICATED",
          message: "No one is signed in on this tablet.",
        });
      }
      headers.authorization = `Bearer ${token}`;
    }
    const tabletTokens = this.#tabletTokens;
    if (options.tablet !== false && tabletTokens !== undefined) {
      headers[TABLET_TOKEN_HEADER] = await tabletTokens.token();
    }

    let response: Response;
    try {
      response = await this.#fetch(`${this.#options.baseUrl ?? ""}${path}`, {
        method,
        headers,
        body,
        cache: "no-store",
        credentials: "omit",
      });
    } catch (error) {
      this.#options.logger.warn(
        { method, path, error: String(error) },
        "request failed",
      );
      throw KioskError.network(error);
    }

    this.#options.logger.debug(
      { method, path, status: response.status },
      "response received",
    );

    if (!response.ok) {
      const error = await this.#readError(response, method, path);
      // Only the session that made the request ends: a late 401 of a
      // previous user's request must not sign out the next user.
      if (
        error.is("UNAUTHENTICATED") &&
        token !== undefined &&
        token === this.#options.getToken()
      ) {
        this.#options.onUnauthenticated();
      }
      if (error.is("TABLET_REVOKED") || error.is("TABLET_UNKNOWN")) {
        this.#options.onTabletRejected?.(error);
      }
      throw error;
    }
    return response;
  }

  async #readError(
    response: Response,
    method: string,
    path: string,
  ): Promise<KioskError> {
    const parsed = LenientErrorBody.safeParse(await readJson(response));
    if (!parsed.success) {
      this.#options.logger.warn(
        { method, path, status: response.status },
        "error response failed its schema",
      );
      return KioskError.badResponse(
        `error response (HTTP ${response.status}) to ${method} ${path}`,
        response.status,
      );
    }
    const { code, message, details } = parsed.data.error;
    this.#options.logger.info(
      { method, path, status: response.status, code },
      "request rejected",
    );
    return new KioskError({ code, message, details, status: response.status });
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
