import type { AdminUserRow } from "../../protocol";
import { i18n } from "../i18n";
import { formatDateTime } from "../ui/formatDateTime";

export function fullName(user: {
  readonly firstName: string;
  readonly lastName: string;
}): string {
  return `${user.firstName} ${user.lastName}`;
}

/** Returns the user's lock as a short text, or undefined when not locked. */
export function lockText(user: AdminUserRow): string | undefined {
  switch (user.lock.kind) {
    case "none":
      return undefined;
    case "timed":
      return i18n.t("users.lockedUntil", {
        time: formatDateTime(user.lock.until),
      });
    case "permanent":
      return i18n.t("users.lockedPermanent");
  }
}

/** Returns the user's status, with the lock where there is one. */
export function statusText(user: AdminUserRow): string {
  if (user.status === "deactivated") {
    return i18n.t("users.status.deactivated");
  }
  return lockText(user) ?? i18n.t("users.status.active");
}

export function pinStateText(user: AdminUserRow): string {
  switch (user.pin) {
    case "none":
      return i18n.t("users.pin.none");
    case "chosen":
      return i18n.t("users.pin.chosen");
    case "temporary":
      return i18n.t("users.pin.temporary");
  }
}

/**
 * Returns how a temporary PIN reaches the user, as the hub decides it: by
 * e-mail when they have an address, else by text message when they have a
 * phone, else in person.
 */
export function deliveryRoute(
  user: AdminUserRow,
): "email" | "sms" | "in-person" {
  if (user.email !== null) {
    return "email";
  }
  return user.phone === null ? "in-person" : "sms";
}
