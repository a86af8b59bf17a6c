import type { z } from "zod";
import { ADMIN_CSRF_HEADER, ErrorBody } from "../../protocol";
import { AdminApiError } from "./AdminApiError";

export { AdminApiError } from "./AdminApiError";
export type { PanelErrorCode } from "./AdminApiError";

/** Query values; undefined and empty strings are left out of the URL. */
export type QueryValues = Readonly<
  Record<string, string | number | boolean | undefined>
>;

type Listener = (error: AdminApiError) => void;

/**
 * The control panel's REST client. It sends the session cookie and, on
 * every request that changes something, the session's CSRF token in the
 * `x-csrf-token` header. Each response body is parsed with the zod schema
 * the caller passes, and each error body becomes an `AdminApiError`.
 */
export class AdminApi {
  #csrfToken: string | undefined;
  readonly #sessionEndedListeners = new Set<Listener>();
  readonly #activityListeners = new Set<() => void>();

  /** Sets the CSRF token of the current session; undefined after sign-out. */
  setCsrfToken(token: string | undefined): void {
    this.#csrfToken = token;
  }

  /**
   * Calls `listener` when the hub responds with ADMIN_SESSION_REQUIRED, because the
   * session expired while idle, was signed out elsewhere or ended. Returns
   * the unsubscriber.
   */
  onSessionEnded(listener: Listener): () => void {
    this.#sessionEndedListeners.add(listener);
    return () => this.#sessionEndedListeners.delete(listener);
  }

  /**
   * Calls `listener` after each successful response, which slides the
   * session's idle expiry on the hub. Returns the unsubscriber.
   */
  onActivity(listener: () => void): () => void {
    this.#activityListeners.add(listener);
    return () => this.#activityListeners.delete(listener);
  }

  get<Schema extends z.ZodType>(
    url: string,
    schema: Schema,
  ): Promise<z.infer<Schema>> {
    return this.#request("GET", url, undefined, schema).then(
      (value) => value as z.infer<Schema>,
    );
  }

  /** Sends a POST; without a schema the response body is ignored. */
  post<Schema extends z.ZodType>(
    url: string,
    body: unknown,
    schema: Schema,
  ): Promise<z.infer<Schema>>;
  post(url: string, body: unknown): Promise<void>;
  post<Schema extends z.ZodType>(
    url: string,
    body: unknown,
    schema?: Schema,
  ): Promise<z.infer<Schema> | void> {
    return this.#request("POST", url, body, schema);
  }

  /** Sends a PUT; without a schema the response body is ignored. */
  put<Schema extends z.ZodType>(
    url: string,
    body: unknown,
    schema: Schema,
  ): Promise<z.infer<Schema>>;
  put(url: string, body: unknown): Promise<void>;
  put<Schema extends z.ZodType>(
    url: string,
    body: unknown,
    schema?: Schema,
  ): Promise<z.infer<Schema> | void> {
    return this.#request("PUT", url, body, schema);
  }

  /** Sends a PATCH; without a schema the response body is ignored. */
  patch<Schema extends z.ZodType>(
    url: string,
    body: unknown,
    schema: Schema,
  ): Promise<z.infer<Schema>>;
  patch(url: string, body: unknown): Promise<void>;
  patch<Schema extends z.ZodType>(
    url: string,
    body: unknown,
    schema?: Schema,
  ): Promise<z.infer<Schema> | void> {
    return this.#request("PATCH", url, body, schema);
  }

  /**
   * Sends a DELETE, with a body when one is given (such as a proof);
   * without a schema the response body is ignored.
   */
  delete<Schema extends z.ZodType>(
    url: string,
    schema: Schema,
    body?: unknown,
  ): Promise<z.infer<Schema>>;
  delete(url: string, schema?: undefined, body?: unknown): Promise<void>;
  delete<Schema extends z.ZodType>(
    url: string,
    schema?: Schema,
    body?: unknown,
  ): Promise<z.infer<Schema> | void> {
    return this.#request("DELETE", url, body, schema);
  }

  /**
   * Fetches `url` and saves the response as a file, named by the response's
   * Content-Disposition header or else by the URL's last segment.
   */
  async download(url: string): Promise<void> {
    const response = await this.#send("GET", url, undefined);
    const blob = await response.blob();
    const name =
      fileNameFrom(response.headers.get("content-disposition")) ??
      new URL(url, window.location.href).pathname.split("/").pop() ??
      "download";
    const objectUrl = URL.createObjectURL(blob);
    try {
      const link = document.createElement("a");
      link.href = objectUrl;
      link.download = name;
      link.style.display = "none";
      document.body.append(link);
      link.click();
      link.remove();
    } finally {
      // The click starts the download synchronously; revoke after it.
      setTimeout(() => URL.revokeObjectURL(objectUrl), 0);
    }
  }

  async #request<Schema extends z.ZodType>(
    method: string,
    url: string,
    body: unknown,
    schema: Schema | undefined,
  ): Promise<z.infer<Schema> | void> {
    const response = await this.#send(method, url, body);
    if (schema === undefined) {
      return;
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw badResponse(response.status, `${method} ${url}: body is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw badResponse(
        response.status,
        `${method} ${url}: unexpected response (${parsed.error.issues
          .map((issue) => issue.path.join(".") || "body")
          .join(", ")})`,
      );
    }
    return parsed.data;
  }

  /** Sends the request and returns the response when it succeeded. */
  async #send(method: string, url: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }
    if (method !== "GET" && this.#csrfToken !== undefined) {
      headers[ADMIN_CSRF_HEADER] = this.#csrfToken;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new AdminApiError({
        code: "NETWORK",
        status: 0,
        message: `The hub could not be reached (${String(cause)}).`,
      });
    }
    if (response.ok) {
      for (const listener of this.#activityListeners) {
        listener();
      }
      return response;
    }
    const error = await errorFrom(response);
    if (error.code === "ADMIN_SESSION_REQUIRED") {
      for (const listener of this.#sessionEndedListeners) {
        listener(error);
      }
    }
    throw error;
  }
}

/** Builds `path?key=value&…`, leaving out undefined and empty values. */
export function withQuery(path: string, query: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search === "" ? path : `${path}?${search}`;
}

/** The panel's one API client; the session sets its CSRF token. */
export const adminApi = new AdminApi();

async function errorFrom(response: Response): Promise<AdminApiError> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return badResponse(
      response.status,
      `The hub answered ${response.status} without an error body.`,
    );
  }
  const parsed = ErrorBody.safeParse(json);
  if (!parsed.success) {
    return badResponse(
      response.status,
      `The hub answered ${response.status} with an unknown error body.`,
    );
  }
  const { code, message, fields, details } = parsed.data.error;
  return new AdminApiError({
    code,
    message,
    status: response.status,
    ...(fields !== undefined && { fields }),
    ...(details !== undefined && { details }),
  });
}

function badResponse(status: number, message: string): AdminApiError {
  return new AdminApiError({ code: "BAD_RESPONSE", status, message });
}

/** Returns the file name of a Content-Disposition header, if it has one. */
function fileNameFrom(header: string | null): string | undefined {
  if (header === null) {
    return undefined;
  }
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded !== undefined) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1];
}
