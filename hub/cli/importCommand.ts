import fs from "node:fs";
import { parseArgs } from "node:util";
import type { HubConfig } from "../config/hubConfig";
import { applyRosterImport } from "../roster/applyRosterImport";
import { countBadRows } from "../roster/countBadRows";
import { parseRoster } from "../roster/parseRoster";
import { planRosterImport } from "../roster/planRosterImport";
import { withCliContext } from "./cliContext";
import { CliError } from "./cliError";

/**
 * `storefloor import FILE`: reads a roster CSV, reports each bad row with
 * its line number, and imports nothing while any row is bad unless told to
 * skip bad rows. Users missing from the file are deactivated only with
 * `--deactivate-missing`.
 */
export async function importCommand(
  config: HubConfig,
  args: string[],
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "skip-bad-rows": { type: "boolean", default: false },
      "deactivate-missing": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
    },
    strict: true,
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    throw new CliError("Name one roster CSV file: storefloor import FILE");
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }

  return withCliContext(config, async (context) => {
    const { storage } = context;
    const parsed = parseRoster(text, {
      stores: await storage.org.listStores(),
      roles: await storage.org.listRoles(),
    });
    for (const error of parsed.errors) {
      const column = error.column ?? error.field;
      const prefix = column === undefined ? "" : ` ${column}:`;
      console.error(`line ${error.line}:${prefix} ${error.message}`);
    }
    if (parsed.errors.length > 0 && !values["skip-bad-rows"]) {
      console.error(
        describeBadRows(
          countBadRows(parsed.errors),
          parsed.errors.length,
          parsed.rows.length,
        ),
      );
      return 1;
    }

    // People whose row failed to parse, and administrators, who are managed
    // with "admin create" rather than by HR's file, are never deactivated.
    const users = await storage.users.list();
    const roles = new Map(
      (await storage.org.listRoles()).map((role) => [role.id, role.level]),
    );
    const administrators = users
      .filter((user) => (roles.get(user.roleId) ?? 0) >= 4)
      .map((user) => user.employeeNumber);
    const plan = planRosterImport(parsed.rows, users, {
      deactivateMissing: values["deactivate-missing"],
      rejectedEmployeeNumbers: [
        ...parsed.errors.flatMap((error) => error.employeeNumber ?? []),
        ...administrators,
      ],
    });
    console.log(
      `Plan: ${plan.create.length} to create, ${plan.update.length} to update, ${plan.deactivate.length} to deactivate, ${plan.unchanged} unchanged.`,
    );
    if (values["dry-run"]) {
      console.log("Dry run: nothing was imported.");
      return 0;
    }

    const result = await applyRosterImport(context, plan, { source: file });
    console.log(
      `Imported: ${result.created.length} created, ${result.updated} updated, ${result.deactivated} deactivated.`,
    );
    const inPerson = result.created.filter(
      (user) => user.temporaryPin !== undefined,
    );
    if (inPerson.length > 0) {
      console.log(
        "These new users have neither e-mail nor phone; hand them their temporary PIN in person:",
      );
      for (const user of inPerson) {
        console.log(
          `  ${user.employeeNumber}  ${user.name}  ${user.temporaryPin}`,
        );
      }
    }
    return 0;
  });
}

/**
 * Returns the summary printed when bad rows stop the import, such as
 * "1 bad row (4 problems); nothing was imported. Fix it, or run again with
 * --skip-bad-rows to import the 1 good row."
 */
function describeBadRows(
  badRows: number,
  problems: number,
  goodRows: number,
): string {
  const rowWord = badRows === 1 ? "row" : "rows";
  const problemWord = problems === 1 ? "problem" : "problems";
  const fixWord = badRows === 1 ? "it" : "them";
  const summary = `${badRows} bad ${rowWord} (${problems} ${problemWord}); nothing was imported.`;
  if (goodRows === 0) {
    return `${summary} Fix ${fixWord} and run again.`;
  }
  const goodWord = goodRows === 1 ? "row" : "rows";
  return `${summary} Fix ${fixWord}, or run again with --skip-bad-rows to import the ${goodRows} good ${goodWord}.`;
}
