import { PERMISSIONS, type OrgSettings } from "../../protocol";
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
  id: "audit.detail.id",
  code: "audit.detail.code",
  name: "audit.detail.name",
  previousName: "audit.detail.previousName",
  timeZone: "audit.detail.timeZone",
  previousTimeZone: "audit.detail.previousTimeZone",
  groupId: "audit.detail.groupId",
  storeIds: "audit.detail.storeIds",
  previousStoreIds: "audit.detail.previousStoreIds",
  groupIds: "audit.detail.groupIds",
  previousGroupIds: "audit.detail.previousGroupIds",
  employeeNumber: "audit.detail.employeeNumber",
  roleId: "audit.detail.roleId",
  previousRoleId: "audit.detail.previousRoleId",
  orgWide: "audit.detail.orgWide",
  fields: "audit.detail.fields",
  level: "audit.detail.level",
  previousLevel: "audit.detail.previousLevel",
  permissions: "audit.detail.permissions",
  previousPermissions: "audit.detail.previousPermissions",
  adminSessions: "audit.detail.adminSessions",
  kioskSessions: "audit.detail.kioskSessions",
  before: "audit.detail.before",
  after: "audit.detail.after",
  previousLock: "audit.detail.previousLock",
  mode: "audit.detail.mode",
  approvingTabletId: "audit.detail.approvingTabletId",
  messageId: "audit.detail.messageId",
  channel: "audit.detail.channel",
  attempts: "audit.detail.attempts",
  error: "audit.detail.error",
  passkeyId: "audit.detail.passkeyId",
  withGrant: "audit.detail.withGrant",
  notice: "audit.detail.notice",
  offline: "audit.detail.offline",
  mutationId: "audit.detail.mutationId",
  tokenId: "audit.detail.tokenId",
  scopes: "audit.detail.scopes",
  oldestSeq: "audit.detail.oldestSeq",
  source: "audit.detail.source",
  created: "audit.detail.created",
  updated: "audit.detail.updated",
  deactivated: "audit.detail.deactivated",
  unchanged: "audit.detail.unchanged",
};

/** User fields, as the user form names them; `fields` lists these. */
const USER_FIELDS: Readonly<Record<string, PlainMessageKey>> = {
  firstName: "users.firstName",
  lastName: "users.lastName",
  email: "users.email",
  phone: "users.phone",
  roleId: "users.role",
  storeIds: "users.stores",
  groupIds: "users.groups",
  orgWide: "users.orgWide",
};

/** Settings, as the settings page names them; `before` and `after` hold these. */
const SETTINGS: Readonly<Record<keyof OrgSettings, PlainMessageKey>> = {
  pinMinLength: "settings.pinMinLength",
  temporaryPinTtlHours: "settings.temporaryPinTtlHours",
  deliveryChannel: "settings.deliveryChannel",
  requirePasskeyForReset: "settings.requirePasskeyForReset",
  lockoutThreshold: "settings.lockoutThreshold",
  lockoutBaseSeconds: "settings.lockoutBaseSeconds",
  lockoutPermanentAt: "settings.lockoutPermanentAt",
  idleTimeoutSeconds: "settings.idleTimeoutSeconds",
  offlineWindowHours: "settings.offlineWindowHours",
  clockSkewSeconds: "settings.clockSkewSeconds",
  signInMode: "settings.signInMode",
  retentionDays: "settings.retentionDays",
};

/** Ways a temporary PIN goes out, as the settings page names them. */
const CHANNELS: Readonly<Record<string, PlainMessageKey>> = {
  email: "settings.deliveryChannel.email",
  sms: "settings.deliveryChannel.sms",
  "in-person": "settings.deliveryChannel.in-person",
};

/** Permission ids, each with the words the roles page uses for it. */
const PERMISSION_NAMES: Readonly<Record<string, PlainMessageKey>> =
  Object.fromEntries(
    PERMISSIONS.map((permission) => [
      permission,
      `permission.${permission}` as const,
    ]),
  );

/**
 * Fields whose values are internal hub names. Each value listed here shows
 * in the panel's words, and any other value shows as it is.
 */
const WORDED_VALUES: Readonly<
  Record<string, Readonly<Record<string, PlainMessageKey>>>
> = {
  fields: USER_FIELDS,
  permissions: PERMISSION_NAMES,
  previousPermissions: PERMISSION_NAMES,
  delivery: CHANNELS,
  channel: CHANNELS,
  notice: { ...CHANNELS, none: "users.none.value" },
};

/** Fields that contain settings by name, before and after a change. */
const SETTINGS_FIELDS: ReadonlySet<string> = new Set(["before", "after"]);

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
      value: describeValue(value, valueWords(key)),
    };
  });
}

/** Returns the words for a field's values, or for the keys of its object. */
function valueWords(key: string): Words {
  if (SETTINGS_FIELDS.has(key)) {
    return { values: {}, keys: SETTINGS };
  }
  return { values: WORDED_VALUES[key] ?? {}, keys: {} };
}

/** Panel words for a field's text values and for the keys of its objects. */
interface Words {
  readonly values: Readonly<Record<string, PlainMessageKey>>;
  readonly keys: Readonly<Record<string, PlainMessageKey>>;
}

const NO_WORDS: Words = { values: {}, keys: {} };

/** Returns the panel's words for `name` from `words`, or `name` itself. */
function wordFor(
  name: string,
  words: Readonly<Record<string, PlainMessageKey>>,
): string {
  const key = Object.hasOwn(words, name) ? words[name] : undefined;
  return key === undefined ? name : i18n.t(key);
}

/**
 * Describes a detail value in words: lists joined, objects as `key: value`
 * pairs, and internal names in `words` as the panel names them.
 */
function describeValue(value: unknown, words: Words = NO_WORDS): string {
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
    return wordFor(value, words.values);
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? "—"
      : value.map((item) => describeValue(item, words)).join(", ");
  }
  if (typeof value === "object") {
    return Object.entries(value)
      .map(
        ([key, item]) =>
          `${wordFor(key, words.keys)}: ${describeValue(item, settingWords(key, words))}`,
      )
      .join(", ");
  }
  return String(value);
}

/** Sign-in screens, as the settings page names them. */
const SIGN_IN_MODES: Readonly<Record<string, PlainMessageKey>> = {
  "user-list": "settings.signInMode.user-list",
  "employee-number": "settings.signInMode.employee-number",
};

/** Words for a setting's value: the settings with choices name them. */
function settingWords(key: string, words: Words): Words {
  if (words.keys !== SETTINGS) {
    return NO_WORDS;
  }
  if (key === "deliveryChannel") {
    return { values: CHANNELS, keys: {} };
  }
  if (key === "signInMode") {
    return { values: SIGN_IN_MODES, keys: {} };
  }
  return NO_WORDS;
}
