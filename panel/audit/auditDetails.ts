import { i18n, type PlainMessageKey } from "../i18n";
import { formatDateTime } from "../ui/formatDateTime";

/** One line of an audit entry's details, as the Details column shows it. */
export interface AuditDetail {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** Detail fields that contain a time in epoch milliseconds. */
const TIME_FIELDS: Readonly<Record<string, PlainMessageKey>> = {
  expiresAt: "audit.detail.expiresAt",
  expiredAt: "audit.detail.expiredAt",
  lockedUntil: "audit.detail.lockedUntil",
  approvedAt: "audit.detail.approvedAt",
  clientTime: "audit.detail.clientTime",
  earliest: "audit.detail.earliest",
  latest: "audit.detail.latest",
};

/** Other detail fields the panel names; their values show as they are. */
const NAMED_FIELDS: Readonly<Record<string, PlainMessageKey>> = {
  via: "audit.detail.via",
  label: "audit.detail.label",
  method: "audit.detail.method",
  cause: "audit.detail.cause",
  reason: "audit.detail.reason",
  delivery: "audit.detail.delivery",
  emailed: "audit.detail.emailed",
  generated: "audit.detail.generated",
  failures: "audit.detail.failures",
  attemptsBeforeLock: "audit.detail.attemptsBeforeLock",
  retryAfterSeconds: "audit.detail.retryAfterSeconds",
  endedSessions: "audit.detail.endedSessions",
  voidedGrants: "audit.detail.voidedGrants",
  temporaryPin: "audit.detail.temporaryPin",
  replacedTemporary: "audit.detail.replacedTemporary",
  lines: "audit.detail.lines",
  users: "audit.detail.users",
  violations: "audit.detail.violations",
};

/**
 * Turns an audit entry's details into labelled lines: times in the
 * browser's zone, known fields under their names, and any other field as
 * its key with its value in words, never as JSON.
 */
export function describeAuditDetails(
  details: Readonly<Record<string, unknown>>,
): AuditDetail[] {
  return Object.entries(details).map(([key, value]) => {
    const timeLabel = TIME_FIELDS[key];
    if (timeLabel !== undefined && typeof value === "number") {
      return { key, label: i18n.t(timeLabel), value: formatDateTime(value) };
    }
    const namedLabel = NAMED_FIELDS[key];
    return {
      key,
      label: namedLabel === undefined ? key : i18n.t(namedLabel),
      value: describeValue(value),
    };
  });
}

/** Describes a detail value in words: lists joined, objects as `key: value` pairs. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) {
    return "—";
  }
  if (typeof value === "boolean") {
    return i18n.t(value ? "common.yes" : "common.no");
  }
  if (typeof value === "number") {
    return new Intl.NumberFormat(i18n.code).format(value);
  }
  if (typeof value === "string") {
    return value;
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? "—"
      : value.map((item) => describeValue(item)).join(", ");
  }
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([key, item]) => `${key}: ${describeValue(item)}`)
      .join(", ");
  }
  return String(value);
}
