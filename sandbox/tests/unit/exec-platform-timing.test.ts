import { describe, expect, it } from "vitest";
import { coldStartWaitMs, holdForReconcileDelay, readPlatformTiming } from "../../server/temporal/platform-timing";

describe("readPlatformTiming", () => {
  it("is off by default with the platform's 600 s idle exit", () => {
    expect(readPlatformTiming({})).toEqual({ reconcileDelayMs: 0, coldStartMs: 0, idleExitMs: 600_000 });
  });
  it("reads the knobs and ignores bad values", () => {
    expect(
      readPlatformTiming({ SANDBOX_RECONCILE_DELAY_MS: "8000", SANDBOX_RUNNER_COLD_START_MS: "6000", SANDBOX_RUNNER_IDLE_EXIT_MS: "0" }),
    ).toEqual({
      reconcileDelayMs: 8000,
      coldStartMs: 6000,
      idleExitMs: 0,
    });
    expect(readPlatformTiming({ SANDBOX_RECONCILE_DELAY_MS: "-1", SANDBOX_RUNNER_COLD_START_MS: "soon" })).toMatchObject({
      reconcileDelayMs: 0,
      coldStartMs: 0,
    });
  });
});

describe("holdForReconcileDelay", () => {
  const started = "2026-12-02T10:00:00.000Z";
  const t0 = Date.parse(started);
  it("holds a cancelled run younger than the delay, releases it after", () => {
    expect(holdForReconcileDelay("CANCELLED", started, t0 + 3_000, 8_000)).toBe(true);
    expect(holdForReconcileDelay("TERMINATED", started, t0 + 3_000, 8_000)).toBe(true);
    expect(holdForReconcileDelay("CANCELLED", started, t0 + 8_000, 8_000)).toBe(false);
  });
  it("never holds outcomes the runner reports, or when off", () => {
    for (const s of ["COMPLETED", "FAILED", "TIMED_OUT", "RUNNING"]) expect(holdForReconcileDelay(s, started, t0 + 1, 8_000)).toBe(false);
    expect(holdForReconcileDelay("CANCELLED", started, t0 + 1, 0)).toBe(false);
    expect(holdForReconcileDelay("CANCELLED", null, t0 + 1, 8_000)).toBe(false);
  });
});

describe("coldStartWaitMs", () => {
  const timing = { coldStartMs: 6_000, idleExitMs: 10_000 };
  const now = 1_000_000;
  it("waits a full cold start when the runner has been idle (or never ran)", () => {
    expect(coldStartWaitMs(timing, { openRuns: 0, lastActivityMs: null, warmingUntilMs: 0 }, now)).toBe(6_000);
    expect(coldStartWaitMs(timing, { openRuns: 0, lastActivityMs: now - 10_000, warmingUntilMs: 0 }, now)).toBe(6_000);
  });
  it("does not wait while the runner is warm", () => {
    expect(coldStartWaitMs(timing, { openRuns: 1, lastActivityMs: now - 60_000, warmingUntilMs: 0 }, now)).toBe(0);
    expect(coldStartWaitMs(timing, { openRuns: 0, lastActivityMs: now - 9_999, warmingUntilMs: 0 }, now)).toBe(0);
  });
  it("joins a cold start already under way", () => {
    expect(coldStartWaitMs(timing, { openRuns: 1, lastActivityMs: now, warmingUntilMs: now + 2_500 }, now)).toBe(2_500);
  });
  it("is off at 0", () => {
    expect(coldStartWaitMs({ coldStartMs: 0, idleExitMs: 10_000 }, { openRuns: 0, lastActivityMs: null, warmingUntilMs: 0 }, now)).toBe(0);
  });
});
