import { EmployeeNumber } from "../../protocol";
import type { HubConfig } from "../config/hubConfig";
import { issuePasskeyGrant } from "../passkeys/passkeyGrants";
import type { HubContext } from "../services/hubContext";
import { withCliContext } from "./cliContext";
import { CliError } from "./cliError";

/** Lowest role level the command line issues grants for: administrators. */
const ADMINISTRATOR_LEVEL = 4;

/**
 * `storefloor passkey grant N`: issues a one-time registration grant with
 * which administrator N registers a first passkey: the way in for an
 * administrator when no other administrator can issue one.
 */
export async function passkeyCommand(
  config: HubConfig,
  args: string[],
): Promise<number> {
  const [action, ...rest] = args;
  if (action !== "grant") {
    throw new CliError(
      'Use "npm run storefloor -- passkey grant EMPLOYEE_NUMBER".',
    );
  }
  const parsed = EmployeeNumber.safeParse(rest.length === 1 ? rest[0] : "");
  if (!parsed.success) {
    throw new CliError(
      `Give one employee number (1 to 32 letters, digits, dots, dashes or underscores): "npm run storefloor -- passkey grant EMPLOYEE_NUMBER".`,
    );
  }
  const employeeNumber = parsed.data;
  return withCliContext(config, (context) =>
    printPasskeyGrant(context, employeeNumber),
  );
}

async function printPasskeyGrant(
  context: HubContext,
  employeeNumber: string,
): Promise<number> {
  const { storage } = context;
  const user = await storage.users.getByEmployeeNumber(employeeNumber);
  const role = user ? await storage.org.getRole(user.roleId) : null;
  if (!user || !role || role.level < ADMINISTRATOR_LEVEL) {
    throw new CliError(
      `No administrator with employee number ${employeeNumber}. Check the number; managers get a grant from an administrator in the control panel.`,
    );
  }
  if (user.status !== "active") {
    throw new CliError(
      `Administrator ${employeeNumber} is deactivated. Run "admin reset --employee-number ${employeeNumber}" first to reactivate them.`,
    );
  }
  if (!context.config.passkeys.available) {
    throw new CliError(
      `Passkeys are unavailable: the relying party id ${context.config.passkeys.rpId} is an IP address, which WebAuthn rejects. Set STOREFLOOR_PUBLIC_URL to localhost or a domain name, or set STOREFLOOR_RP_ID.`,
    );
  }
  const grant = await issuePasskeyGrant(context, user, {
    actorId: null,
    via: "command line",
  });
  const panel = new URL("/admin/", context.config.publicUrl);
  console.log(
    `Passkey registration grant for ${employeeNumber}: ${grant.code}`,
  );
  console.log(
    `It works once, until ${new Date(grant.expiresAt).toISOString()}. Sign in at ${panel.href}, open "Your passkeys" from the account menu, and enter it with your password to register a passkey.`,
  );
  return 0;
}
