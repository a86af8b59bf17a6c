const HOUR_MS = 3_600_000;

/** Whether the cache may serve an offline sign-in, and if not, why. */
export type CacheStatus =
  | { readonly kind: "usable" }
  | { readonly kind: "missing" }
  | { readonly kind: "expired"; readonly since: number }
  | { readonly kind: "clock-backwards" };

export interface CacheTimes {
  /** End of the last complete sync, in ms; undefined before the first. */
  readonly lastSyncAt: number | undefined;
  /** The highest clock time the tablet has seen, in ms. */
  readonly highestTimeSeen: number;
  readonly offlineWindowHours: number;
}

/**
 * Decides whether the cache may still serve offline sign-ins at `now`. It
 * expires `offlineWindowHours` after the last sync. A clock below the
 * highest time the tablet has seen counts as expired too, because winding
 * the clock back would otherwise extend the window for ever.
 */
export function cacheStatus(
  times: CacheTimes | undefined,
  now: number,
): CacheStatus {
  if (times?.lastSyncAt === undefined) {
    return { kind: "missing" };
  }
  if (now < times.highestTimeSeen || now < times.lastSyncAt) {
    return { kind: "clock-backwards" };
  }
  const expiresAt = times.lastSyncAt + times.offlineWindowHours * HOUR_MS;
  if (now >= expiresAt) {
    return { kind: "expired", since: expiresAt };
  }
  return { kind: "usable" };
}
