import type { Page } from "puppeteer";
import { clickTestId, waitForTestId } from "./e2eTablet";

/**
 * Takes a signed-in manager from home to a user's "Access to the kiosk":
 * Settings, Users, then the user's tile (steps 1 to 3 of a PIN reset).
 */
export async function openUserAccess(
  page: Page,
  employeeNumber: string,
): Promise<void> {
  await clickTestId(page, "open-settings");
  await clickTestId(page, "open-users");
  await clickTestId(page, `user-${employeeNumber}`);
  await waitForTestId(page, "kiosk-access");
}
