import type { HubContext } from "../services/hubContext";

/** How often the hub runs its housekeeping. */
export const MAINTENANCE_INTERVAL_MS = 10 * 60_000;

const DAY_MS = 24 * 3_600_000;

/**
 * Housekeeping: drops log entries past the retention, expires temporary PINs
 * waiting in the demo's local outbox, and deletes ended kiosk and control
 * panel sessions, old one-time password codes and WebAuthn challenges.
 */
export async function runMaintenance(context: HubContext): Promise<void> {
  const now = context.now();
  const settings = await context.storage.org.getSettings();
  const pruned = await context.storage.log.deleteOlderThan(
    now - settings.retentionDays * DAY_MS,
  );
  // The delivery worker expires (and audits) messages it sends; only the
  // demo's local outbox, which nothing sends, is expired here.
  const expired = context.config.delivery.local
    ? await context.storage.outbox.expire(now)
    : 0;
  const sessions = await context.storage.sessions.deleteExpired(now);
  const adminSessions = await context.storage.adminSessions.deleteExpired(now);
  // Kept a day past use or expiry, so a late attempt is audited as such.
  const passwordCodes = await context.storage.passwordCodes.deleteOld(
    now - DAY_MS,
  );
  const challenges = await context.storage.passkeys.deleteOldChallenges(
    now - DAY_MS,
  );
  if (
    pruned + expired + sessions + adminSessions + passwordCodes + challenges >
    0
  ) {
    context.logger.info(
      { pruned, expired, sessions, adminSessions, passwordCodes, challenges },
      "maintenance done",
    );
  }
}

/** Runs maintenance now and then every interval until the returned stop is called. */
export function scheduleMaintenance(context: HubContext): () => void {
  const run = () => {
    runMaintenance(context).catch((error: unknown) => {
      context.logger.error({ err: error }, "maintenance failed");
    });
  };
  run();
  const timer = setInterval(run, MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
