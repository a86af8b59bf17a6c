import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AdminSessionView } from "../../protocol";
import { AdminApi, AdminApiError, withQuery } from "../../panel/api/adminApi";
import { parseRoute, routeHref } from "../../panel/app/route";
import { describeError } from "../../panel/i18n/describeError";
import { I18n } from "../../panel/i18n/I18n";
import { DEFAULT_LOCALE, LOCALES } from "../../panel/i18n/locales";
import { startTestHub, type TestHub } from "../support/startTestHub";

describe("panel routes", () => {
  it("parses the page, segments and query", () => {
    const route = parseRoute("#/users/u%2F1?search=Ana%20Lima&page=2");
    expect(route.path).toBe("#/users");
    expect(route.segments).toEqual(["u/1"]);
    expect(route.query.get("search")).toBe("Ana Lima");
    expect(route.query.get("page")).toBe("2");
  });

  it("reads an empty hash as the root", () => {
    expect(parseRoute("").path).toBe("#/");
    expect(parseRoute("#").path).toBe("#/");
    expect(parseRoute("#/").segments).toEqual([]);
  });

  it("keeps a malformed escape as it is", () => {
    expect(parseRoute("#/users/%E0%A4%A").segments).toEqual(["%E0%A4%A"]);
  });

  it("builds what it parses", () => {
    const href = routeHref("#/stores", ["groups", "g 1"], {
      name: "a&b",
      empty: "",
      missing: undefined,
    });
    expect(href).toBe("#/stores/groups/g%201?name=a%26b");
    const route = parseRoute(href);
    expect(route.segments).toEqual(["groups", "g 1"]);
    expect(route.query.get("name")).toBe("a&b");
    expect(route.query.has("empty")).toBe(false);
  });

  it("leaves empty query values out of API URLs", () => {
    expect(
      withQuery("/api/admin/users", {
        search: "",
        storeId: undefined,
        page: 3,
        status: "active",
      }),
    ).toBe("/api/admin/users?page=3&status=active");
    expect(withQuery("/api/admin/users", {})).toBe("/api/admin/users");
  });
});

describe("panel i18n", () => {
  const i18n = new I18n(DEFAULT_LOCALE);

  it("fills placeholders", () => {
    expect(i18n.t("reset.doneTitle", { name: "Omar Haddad" })).toBe(
      "Omar Haddad now has a new PIN.",
    );
  });

  it("picks the plural form", () => {
    expect(i18n.plural("users.signedOut", 1, { name: "Ana" })).toBe(
      "1 session of Ana was ended.",
    );
    expect(i18n.plural("users.signedOut", 3, { name: "Ana" })).toBe(
      "3 sessions of Ana were ended.",
    );
  });

  it("words known codes and falls back to the hub's message", () => {
    const known = new AdminApiError({
      code: "ADMIN_PROOF_FAILED",
      message: "hub text",
      status: 401,
    });
    expect(describeError(known)).toBe(i18n.t("error.ADMIN_PROOF_FAILED"));
    const unknown = new AdminApiError({
      code: "ROLE_IN_USE" as never,
      message: "The role is held by 3 users.",
      status: 409,
    });
    expect(describeError(unknown)).toBe("The role is held by 3 users.");
    expect(describeError(new Error("boom"))).toBe(i18n.t("error.unexpected"));
  });

  for (const locale of LOCALES) {
    it(`${locale.code} has every message`, () => {
      const english: Readonly<Record<string, string>> = DEFAULT_LOCALE.messages;
      const translated: Readonly<Record<string, string>> = locale.messages;
      for (const key of Object.keys(english)) {
        expect(translated[key]?.trim(), key).toBeTruthy();
      }
    });
  }
});

describe("panel API client", () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it("reports an ended session", async () => {
    const api = new AdminApi();
    const ended: string[] = [];
    api.onSessionEnded((error) => ended.push(error.code));
    const request = api.get(`${hub.url}/api/admin/session`, AdminSessionView);
    await expect(request).rejects.toMatchObject({
      code: "ADMIN_SESSION_REQUIRED",
      status: 401,
    });
    expect(ended).toEqual(["ADMIN_SESSION_REQUIRED"]);
  });

  it("rejects a response of the wrong shape", async () => {
    const api = new AdminApi();
    const request = api.get(
      `${hub.url}/api/health`,
      z.object({ notAField: z.string() }),
    );
    await expect(request).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("turns an error body into an error", async () => {
    // Node's fetch sends no Origin, which the hub requires of a change.
    const api = new AdminApi();
    const request = api.post(`${hub.url}/api/admin/session`, {
      employeeNumber: "",
    });
    const error: unknown = await request.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdminApiError);
    expect((error as AdminApiError).code).toBe("ADMIN_ORIGIN_REJECTED");
    expect((error as AdminApiError).status).toBe(403);
  });

  it("finds a field's message by path", () => {
    const error = new AdminApiError({
      code: "INVALID_INPUT",
      message: "Invalid body",
      status: 400,
      fields: [{ path: "body.firstName", message: "must not be empty" }],
      details: { lockedUntil: 5, violations: ["sequence"] },
    });
    expect(error.fieldPaths).toEqual(["body.firstName"]);
    expect(error.fieldMessage("body.firstName")).toBe("must not be empty");
    expect(error.fieldMessage("body.lastName")).toBeUndefined();
    expect(error.detailNumber("lockedUntil")).toBe(5);
    expect(error.detailNumber("violations")).toBeUndefined();
  });

  it("reports an unreachable hub", async () => {
    const api = new AdminApi();
    const request = api.get("http://127.0.0.1:1/api/health", z.unknown());
    await expect(request).rejects.toMatchObject({ code: "NETWORK", status: 0 });
  });
});
