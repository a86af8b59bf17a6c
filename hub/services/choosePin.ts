import { checkPinPolicy, type PinPolicyViolation } from "../../protocol";
import type { UserRecord } from "../storage/records";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";

/**
 * Checks a PIN a user wants to keep: the policy rules, then the user's last
 * PINs and their current one (a temporary PIN that someone else chose must
 * not become the user's own). Throws PIN_POLICY_VIOLATION listing every rule
 * broken.
 */
export async function assertPinAcceptable(
  context: HubContext,
  user: UserRecord,
  pin: string,
): Promise<void> {
  const settings = await context.storage.org.getSettings();
  const violations: PinPolicyViolation[] = checkPinPolicy({
    pin,
    minLength: settings.pinMinLength,
    employeeNumber: user.employeeNumber,
  });
  if (violations.length === 0 && (await isRecentlyUsed(context, user, pin))) {
    violations.push("recently-used");
  }
  if (violations.length > 0) {
    throw new HubError(
      "PIN_POLICY_VIOLATION",
      { violations: violations.join(", ") },
      { details: { violations } },
    );
  }
}

async function isRecentlyUsed(
  context: HubContext,
  user: UserRecord,
  pin: string,
): Promise<boolean> {
  const hashes = await context.storage.credentials.pinHistory(user.id);
  const current = await context.storage.credentials.getPin(user.id);
  if (current) {
    hashes.push(current.hash);
  }
  for (const hash of new Set(hashes)) {
    if (await context.hasher.verify(hash, pin)) {
      return true;
    }
  }
  return false;
}
