import { randomUUID } from "node:crypto";
import { NO_LOCKOUT } from "../storage/credentialRepository";
import { preparePin, storePin } from "../services/storePin";
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  ADMIN_PASSWORD_MIN_LENGTH,
  EmployeeNumber,
  type RoleId,
  type StoreId,
  type UserId,
} from "../../protocol";
import type { HubConfig } from "../config/hubConfig";
import { issuePasswordCode } from "../admin/passwordCodes";
import { recordUserChange } from "../domain/userChanges";
import { generateRandomPin } from "../security/randomPin";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { withCliContext } from "./cliContext";
import { CliError } from "./cliError";
import { parseCliOptions } from "./parseCliOptions";

const ADMINISTRATOR_ROLE = "administrator" as RoleId;
const TEMPORARY_PIN_LENGTH = 8;

const CreateOptions = z.object({
  "employee-number": EmployeeNumber,
  "first-name": z.string().trim().min(1).max(100),
  "last-name": z.string().trim().min(1).max(100),
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{7,20}$/, "must be a phone number")
    .optional(),
});

const ResetOptions = z.object({
  "employee-number": EmployeeNumber,
});

/**
 * `storefloor admin create|reset|password-code`: the way to make the first
 * administrator and the way back in when every administrator is locked out
 * of the tablets or the control panel. Only someone with access to the
 * hub's data directory can run it.
 */
export async function adminCommand(
  config: HubConfig,
  args: string[],
): Promise<number> {
  const [action, ...rest] = args;
  if (action === "password-code") {
    const parsed = EmployeeNumber.safeParse(rest.length === 1 ? rest[0] : "");
    if (!parsed.success) {
      throw new CliError(
        `Give one employee number (1 to 32 letters, digits, dots, dashes or underscores): "npm run storefloor -- admin password-code EMPLOYEE_NUMBER".`,
      );
    }
    const employeeNumber = parsed.data;
    return withCliContext(config, (context) =>
      printPasswordCode(context, employeeNumber),
    );
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      "employee-number": { type: "string" },
      "first-name": { type: "string" },
      "last-name": { type: "string" },
      email: { type: "string" },
      phone: { type: "string" },
    },
    strict: true,
  });
  if (action === "create") {
    const options = parseCliOptions(CreateOptions, values);
    return withCliContext(config, (context) =>
      createAdministrator(context, options),
    );
  }
  if (action === "reset") {
    const options = parseCliOptions(ResetOptions, values);
    return withCliContext(config, (context) =>
      resetAdministrator(context, options["employee-number"]),
    );
  }
  throw new CliError(
    'Use "npm run storefloor -- admin create", "… admin reset" or "… admin password-code EMPLOYEE_NUMBER".',
  );
}

async function createAdministrator(
  context: HubContext,
  options: z.infer<typeof CreateOptions>,
): Promise<number> {
  const { storage } = context;
  const employeeNumber = options["employee-number"];
  if (await storage.users.getByEmployeeNumber(employeeNumber)) {
    throw new CliError(
      `Employee number ${employeeNumber} is taken. Choose another, or use "admin reset" for an existing administrator.`,
    );
  }
  const settings = await storage.org.getSettings();
  const pin = generateRandomPin(TEMPORARY_PIN_LENGTH, employeeNumber);
  const id = randomUUID() as UserId;
  const material = await preparePin(context, id, pin);
  const now = context.now();
  const storeIds = (await storage.org.listStores()).map(
    (store) => store.id as StoreId,
  );
  await storage.transaction(async (tx) => {
    await tx.users.create(
      {
        id,
        employeeNumber,
        firstName: options["first-name"],
        lastName: options["last-name"],
        email: options.email ?? null,
        phone: options.phone ?? null,
        roleId: ADMINISTRATOR_ROLE,
        orgWide: true,
        storeIds,
        groupIds: [],
      },
      now,
    );
    await storePin(tx, material, {
      temporary: true,
      expiresAt: now + settings.temporaryPinTtlHours * 3_600_000,
      now,
    });
    await audit(
      tx,
      {
        kind: "admin.create",
        outcome: "success",
        targetId: id,
        reason: "command line",
      },
      now,
    );
    const user = await tx.users.get(id);
    if (user) {
      await recordUserChange(tx, user, now);
    }
  });
  printTemporaryPin(
    `Administrator ${employeeNumber} created.`,
    pin,
    settings.temporaryPinTtlHours,
  );
  return 0;
}

async function resetAdministrator(
  context: HubContext,
  employeeNumber: string,
): Promise<number> {
  const { storage } = context;
  const user = await storage.users.getByEmployeeNumber(employeeNumber);
  const role = user ? await storage.org.getRole(user.roleId) : null;
  if (!user || !role || role.level < 4) {
    throw new CliError(
      `No administrator with employee number ${employeeNumber}. Check the number, or create one with "admin create".`,
    );
  }
  const settings = await storage.org.getSettings();
  const pin = generateRandomPin(TEMPORARY_PIN_LENGTH, employeeNumber);
  const material = await preparePin(context, user.id, pin);
  const now = context.now();
  await storage.transaction(async (tx) => {
    await storePin(tx, material, {
      temporary: true,
      expiresAt: now + settings.temporaryPinTtlHours * 3_600_000,
      now,
    });
    await tx.credentials.saveLockout(user.id, NO_LOCKOUT);
    await tx.sessions.deleteAllOfUser(user.id);
    const updated = await tx.users.update(user.id, { status: "active" }, now);
    await audit(
      tx,
      {
        kind: "admin.reset",
        outcome: "success",
        targetId: user.id,
        reason: "command line",
      },
      now,
    );
    await recordUserChange(tx, updated, now);
  });
  printTemporaryPin(
    `Administrator ${employeeNumber} reset and unlocked.`,
    pin,
    settings.temporaryPinTtlHours,
  );
  return 0;
}

/**
 * Issues a one-time code with which an administrator sets their control
 * panel password, and prints it to the terminal only. Managers get their
 * codes from an administrator in the panel.
 */
async function printPasswordCode(
  context: HubContext,
  employeeNumber: string,
): Promise<number> {
  const { storage } = context;
  const user = await storage.users.getByEmployeeNumber(employeeNumber);
  const role = user ? await storage.org.getRole(user.roleId) : null;
  if (!user || !role || role.level < 4) {
    throw new CliError(
      `No administrator with employee number ${employeeNumber}. Check the number; managers get a code from an administrator in the control panel.`,
    );
  }
  if (user.status !== "active") {
    throw new CliError(
      `Administrator ${employeeNumber} is deactivated. Run "admin reset --employee-number ${employeeNumber}" first to reactivate them.`,
    );
  }
  const issued = await issuePasswordCode(context, user, {
    actorId: null,
    via: "command line",
  });
  const link = new URL("/admin/#/set-password", context.config.publicUrl);
  console.log(`One-time password code for ${employeeNumber}: ${issued.code}`);
  console.log(
    `It works once, until ${new Date(issued.expiresAt).toISOString()}. Enter it at ${link.href} with a password of at least ${ADMIN_PASSWORD_MIN_LENGTH} characters.`,
  );
  if (issued.emailed) {
    console.log("The code was also queued for e-mail to the administrator.");
  }
  return 0;
}

/** Prints a temporary PIN to the terminal only; it is never logged. */
function printTemporaryPin(
  headline: string,
  pin: string,
  ttlHours: number,
): void {
  console.log(headline);
  console.log(`Temporary PIN: ${pin}`);
  console.log(
    `It works once, within ${ttlHours} hours, and must be replaced at the first sign-in at a tablet.`,
  );
}
