import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer";

/** Chromium to drive: PUPPETEER_EXECUTABLE_PATH, else Debian's package. */
export const CHROMIUM_PATH =
  process.env.PUPPETEER_EXECUTABLE_PATH ?? "/usr/bin/chromium";

/**
 * Whether the browser tests can run here. Under CI they must, so a missing
 * Chromium fails there instead of skipping.
 */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) {
    return true;
  }
  if (process.env.CI === "true") {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}, and CI=true requires the browser tests. Install it with "apt-get install -y chromium" or set PUPPETEER_EXECUTABLE_PATH.`,
    );
  }
  console.warn(
    `Skipping browser tests: no Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" or set PUPPETEER_EXECUTABLE_PATH.`,
  );
  return false;
}

/** A headless Chromium with a fresh profile that is deleted on close. */
export interface TestBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh user-data-dir. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(
    path.join(os.tmpdir(), "storefloor-chromium-"),
  );
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir: profile,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
