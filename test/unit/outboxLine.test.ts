import { describe, expect, test } from "vitest";
import { formatOutboxLine } from "../../hub/cli/outboxCommand";
import type { LocalOutboxMessage } from "../../hub/delivery/readLocalOutbox";
import type { UserId } from "../../protocol";

const WAITING: LocalOutboxMessage = {
  id: "m1",
  userId: "u1" as UserId,
  channel: "email",
  recipient: "ana@example.com",
  kind: "temporary-pin",
  employeeNumber: "E1001",
  name: "Ana Lima",
  status: "pending",
  createdAt: Date.UTC(2026, 11, 4, 9, 0),
  expiresAt: Date.UTC(2026, 11, 7, 9, 0),
  pin: "482619",
};

describe("formatOutboxLine", () => {
  test("waiting PIN shows the PIN", () => {
    expect(formatOutboxLine(WAITING)).toBe(
      "2026-12-04T09:00:00.000Z  email to ana@example.com  E1001 Ana Lima  temporary PIN 482619",
    );
  });

  test("password link shows the link", () => {
    const line = formatOutboxLine({
      ...WAITING,
      kind: "password-link",
      pin: null,
      passwordLink: "http://localhost:8080/panel/#/password?code=X",
    });

    expect(line).toMatch(/ password link http:\/\/localhost:8080\/panel\//);
  });

  test("passkey notice names its kind", () => {
    const line = formatOutboxLine({
      ...WAITING,
      kind: "passkey-notice",
      pin: null,
    });

    expect(line).toMatch(/E1001 Ana Lima {2}passkey notice \(waiting\)$/);
  });

  test.each([
    { status: "superseded", label: "superseded by a newer PIN" },
    { status: "expired", label: "expired before delivery" },
    { status: "delivered", label: "delivered" },
    { status: "failed", label: "failed" },
  ] as const)("$status PIN shows its status", ({ status, label }) => {
    const line = formatOutboxLine({ ...WAITING, status, pin: null });

    expect(line.endsWith(`temporary PIN (${label})`)).toBe(true);
  });
});
