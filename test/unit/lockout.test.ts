import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SETTINGS, isLocked, lockAfterFailure } from "../../protocol";
import type { LockState, LockoutSettings } from "../../protocol";

const FAILED_AT_MS = Date.UTC(2025, 2, 1, 9, 0, 0);

const CUSTOM_SETTINGS: LockoutSettings = {
  lockoutThreshold: 3,
  lockoutBaseSeconds: 10,
  lockoutPermanentAt: 6,
};

/** The factory schedule: 5 → 30 s, doubling, 10 → permanent. */
const DEFAULT_SCHEDULE: ScheduleCase[] = [
  { failures: 1, expected: { kind: "none" } },
  { failures: 2, expected: { kind: "none" } },
  { failures: 3, expected: { kind: "none" } },
  { failures: 4, expected: { kind: "none" } },
  { failures: 5, expected: { kind: "timed", until: FAILED_AT_MS + 30_000 } },
  { failures: 6, expected: { kind: "timed", until: FAILED_AT_MS + 60_000 } },
  { failures: 7, expected: { kind: "timed", until: FAILED_AT_MS + 120_000 } },
  { failures: 8, expected: { kind: "timed", until: FAILED_AT_MS + 240_000 } },
  { failures: 9, expected: { kind: "timed", until: FAILED_AT_MS + 480_000 } },
  { failures: 10, expected: { kind: "permanent" } },
  { failures: 11, expected: { kind: "permanent" } },
];

const CUSTOM_SCHEDULE: ScheduleCase[] = [
  { failures: 2, expected: { kind: "none" } },
  { failures: 3, expected: { kind: "timed", until: FAILED_AT_MS + 10_000 } },
  { failures: 4, expected: { kind: "timed", until: FAILED_AT_MS + 20_000 } },
  { failures: 5, expected: { kind: "timed", until: FAILED_AT_MS + 40_000 } },
  { failures: 6, expected: { kind: "permanent" } },
];

describe("lockAfterFailure", () => {
  it("reads the factory settings", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      lockoutThreshold: 5,
      lockoutBaseSeconds: 30,
      lockoutPermanentAt: 10,
    });
  });

  it.each(DEFAULT_SCHEDULE)("default, failure $failures", (row) => {
    const lock = lockAfterFailure(row.failures, FAILED_AT_MS, DEFAULT_SETTINGS);
    expect(lock).toEqual(row.expected);
  });

  it.each(CUSTOM_SCHEDULE)("custom, failure $failures", (row) => {
    const lock = lockAfterFailure(row.failures, FAILED_AT_MS, CUSTOM_SETTINGS);
    expect(lock).toEqual(row.expected);
  });

  it("no lock before any failure", () => {
    const lock = lockAfterFailure(0, FAILED_AT_MS, DEFAULT_SETTINGS);
    expect(lock).toEqual({ kind: "none" });
  });
});

describe("isLocked", () => {
  const timed: LockState = { kind: "timed", until: FAILED_AT_MS + 30_000 };

  it("none never locks", () => {
    expect(isLocked({ kind: "none" }, FAILED_AT_MS)).toBe(false);
  });

  it("permanent locks years later", () => {
    const tenYearsMs = 10 * 365 * 24 * 3600 * 1000;
    expect(isLocked({ kind: "permanent" }, FAILED_AT_MS + tenYearsMs)).toBe(
      true,
    );
  });

  it("timed locks 1 ms before its end", () => {
    expect(isLocked(timed, FAILED_AT_MS + 29_999)).toBe(true);
  });

  it("timed ends at its end", () => {
    expect(isLocked(timed, FAILED_AT_MS + 30_000)).toBe(false);
  });

  it("timed stays ended afterwards", () => {
    expect(isLocked(timed, FAILED_AT_MS + 30_001)).toBe(false);
  });
});

describe("lockout over time", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fifth failure ends after 30 s", () => {
    vi.useFakeTimers();
    vi.setSystemTime(FAILED_AT_MS);
    const lock = lockAfterFailure(5, Date.now(), DEFAULT_SETTINGS);

    expect(isLocked(lock, Date.now())).toBe(true);
    vi.advanceTimersByTime(29_999);
    expect(isLocked(lock, Date.now())).toBe(true);
    vi.advanceTimersByTime(1);
    expect(isLocked(lock, Date.now())).toBe(false);
  });

  it("sixth failure ends after 60 s", () => {
    vi.useFakeTimers();
    vi.setSystemTime(FAILED_AT_MS);
    const lock = lockAfterFailure(6, Date.now(), DEFAULT_SETTINGS);

    vi.advanceTimersByTime(59_999);
    expect(isLocked(lock, Date.now())).toBe(true);
    vi.advanceTimersByTime(1);
    expect(isLocked(lock, Date.now())).toBe(false);
  });

  it("tenth failure never ends", () => {
    vi.useFakeTimers();
    vi.setSystemTime(FAILED_AT_MS);
    const lock = lockAfterFailure(10, Date.now(), DEFAULT_SETTINGS);

    vi.advanceTimersByTime(7 * 24 * 3600 * 1000);
    expect(isLocked(lock, Date.now())).toBe(true);
  });

  it("timer fires at lock end", () => {
    vi.useFakeTimers();
    vi.setSystemTime(FAILED_AT_MS);
    const lock = lockAfterFailure(5, Date.now(), DEFAULT_SETTINGS);
    const onUnlock = vi.fn(() => isLocked(lock, Date.now()));
    if (lock.kind === "timed") {
      setTimeout(onUnlock, lock.until - Date.now());
    }

    vi.advanceTimersByTime(29_999);
    expect(onUnlock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onUnlock).toHaveReturnedWith(false);
  });
});

interface ScheduleCase {
  readonly failures: number;
  readonly expected: LockState;
}
