import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../hub/config/hubConfig";

function configOf(env: Record<string, string>) {
  return loadConfig({ STOREFLOOR_DATA_DIR: "/tmp/storefloor-config", ...env });
}

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    configOf(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("control panel session config", () => {
  test("defaults to 30 minutes and 12 hours", () => {
    const config = configOf({});

    expect(config.adminSession.idleSeconds).toBe(30 * 60);
    expect(config.adminSession.absoluteSeconds).toBe(12 * 3600);
  });

  test("reads minutes and hours", () => {
    const config = configOf({
      STOREFLOOR_ADMIN_IDLE_MINUTES: "15",
      STOREFLOOR_ADMIN_SESSION_HOURS: "8",
    });

    expect(config.adminSession.idleSeconds).toBe(15 * 60);
    expect(config.adminSession.absoluteSeconds).toBe(8 * 3600);
  });

  test.each([
    ["STOREFLOOR_ADMIN_IDLE_MINUTES", "0"],
    ["STOREFLOOR_ADMIN_IDLE_MINUTES", "half an hour"],
    ["STOREFLOOR_ADMIN_SESSION_HOURS", "1000"],
    ["STOREFLOOR_ADMIN_SESSION_HOURS", "1.5"],
  ])("rejects %s=%s", (name, value) => {
    const error = configErrorOf({ [name]: value });

    expect(error.message).toContain(name);
  });
});
