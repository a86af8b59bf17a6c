import { describe, expect, it } from "vitest";
import { describeAuditDetails } from "../../panel/audit/auditDetails";

/** Label and value of each line, as the Details column shows them. */
function lines(details: Record<string, unknown>): [string, string][] {
  return describeAuditDetails(details).map((line) => [line.label, line.value]);
}

describe("audit details", () => {
  it.each<[string, Record<string, unknown>, [string, string][]]>([
    [
      "api token created",
      { tokenId: "t-1", name: "Payroll", scopes: ["feed.read"] },
      [
        ["Token", "t-1"],
        ["Name", "Payroll"],
        ["Scopes", "feed.read"],
      ],
    ],
    [
      "user fields changed",
      { fields: ["lastName", "storeIds", "orgWide", "nickname"] },
      [["Changed", "Last name, Stores, Whole organisation, nickname"]],
    ],
    [
      "roster import",
      {
        source: "panel",
        created: 2,
        updated: 1,
        deactivated: 0,
        unchanged: 5,
      },
      [
        ["Source", "panel"],
        ["Created", "2"],
        ["Updated", "1"],
        ["Deactivated", "0"],
        ["Unchanged", "5"],
      ],
    ],
    [
      "role changed",
      {
        roleId: "r-1",
        level: 3,
        permissions: ["pin.reset", "user.unlock"],
        previousPermissions: [],
      },
      [
        ["Role", "r-1"],
        ["Level", "3"],
        ["Permissions", "Reset a colleague's PIN, Unlock a locked colleague"],
        ["Previous permissions", "—"],
      ],
    ],
    [
      "settings changed",
      {
        before: { pinMinLength: 4, deliveryChannel: "email" },
        after: { pinMinLength: 6, deliveryChannel: "in-person" },
      },
      [
        [
          "Before",
          "Shortest PIN, in digits: 4, Temporary PINs go first by: E-mail",
        ],
        [
          "After",
          "Shortest PIN, in digits: 6, Temporary PINs go first by: In person",
        ],
      ],
    ],
    [
      "temporary PIN delivered",
      { messageId: "m-1", channel: "sms", attempts: 1 },
      [
        ["Message", "m-1"],
        ["Sent by", "Text message"],
        ["Attempts", "1"],
      ],
    ],
    [
      "passkey registered",
      { passkeyId: "p-1", withGrant: true, notice: "none" },
      [
        ["Passkey", "p-1"],
        ["With a one-time grant", "Yes"],
        ["Notice sent", "None"],
      ],
    ],
    [
      "offline PIN change",
      { offline: true, mutationId: "x-1" },
      [
        ["While offline", "Yes"],
        ["Tablet change", "x-1"],
      ],
    ],
    [
      "sessions ended",
      { adminSessions: 1, kioskSessions: 2 },
      [
        ["Control panel sessions ended", "1"],
        ["Tablet sessions ended", "2"],
      ],
    ],
    [
      "unknown keys",
      { shoeSize: 42, nested: { lastName: "x" } },
      [
        ["shoeSize", "42"],
        ["nested", "lastName: x"],
      ],
    ],
  ])("labels %s", (_name, details, expected) => {
    expect(lines(details)).toEqual(expected);
  });

  it("labels every key the hub writes", () => {
    const written = [
      "id",
      "code",
      "name",
      "previousName",
      "timeZone",
      "previousTimeZone",
      "groupId",
      "storeIds",
      "previousStoreIds",
      "groupIds",
      "previousGroupIds",
      "employeeNumber",
      "roleId",
      "previousRoleId",
      "orgWide",
      "fields",
      "level",
      "previousLevel",
      "permissions",
      "previousPermissions",
      "adminSessions",
      "kioskSessions",
      "before",
      "after",
      "previousLock",
      "mode",
      "approvingTabletId",
      "approvedAt",
      "messageId",
      "channel",
      "attempts",
      "error",
      "passkeyId",
      "withGrant",
      "notice",
      "offline",
      "mutationId",
      "clientTime",
      "tokenId",
      "scopes",
      "expiresAt",
      "expiredAt",
      "oldestSeq",
      "source",
      "created",
      "updated",
      "deactivated",
      "unchanged",
      "via",
      "label",
      "method",
      "cause",
      "reason",
      "delivery",
      "emailed",
      "generated",
      "failures",
      "attemptsBeforeLock",
      "retryAfterSeconds",
      "endedSessions",
      "voidedGrants",
      "temporaryPin",
      "replacedTemporary",
      "lines",
      "users",
      "violations",
      "lockedUntil",
      "earliest",
      "latest",
    ];
    const raw = describeAuditDetails(
      Object.fromEntries(written.map((key) => [key, 1])),
    ).filter((line) => line.label === line.key);
    expect(raw.map((line) => line.key)).toEqual([]);
  });
});
