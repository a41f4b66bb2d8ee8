/**
 * Opt-in reproductions of two timing facts of the real platform (contract §4.6), off by default
 * so tests stay fast. Pure decisions here; the engine applies them.
 *
 * - Reconciler lag: the real reconciler only describes RUNNING rows older than 5 minutes, so a
 *   cancelled run reads RUNNING for minutes after the 202. With `SANDBOX_RECONCILE_DELAY_MS=N`
 *   the sandbox moves a row to CANCELLED (or FAILED for a terminated run: the outcomes the runner
 *   does not report itself) only once the row is N ms old.
 * - Runner cold start: the tenant runner idle-exits after 600 s and needs 30–60 s to start again,
 *   so a run sits QUEUED for about a minute. With `SANDBOX_RUNNER_COLD_START_MS=N` a tenant-lane
 *   run that finds the runner idle for `SANDBOX_RUNNER_IDLE_EXIT_MS` (default 600 000) stays
 *   QUEUED for N ms before it is started on Temporal.
 */

export interface PlatformTiming {
  /** 0 = off. Minimum row age before a cancelled/terminated run leaves RUNNING. */
  reconcileDelayMs: number;
  /** 0 = off. How long a cold runner keeps a run QUEUED. */
  coldStartMs: number;
  /** Idle time after which the runner is "cold" again. */
  idleExitMs: number;
}

function nonNegative(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

/** The knobs from the environment (bad values fall back to the default). */
export function readPlatformTiming(env: Record<string, string | undefined> = process.env): PlatformTiming {
  return {
    reconcileDelayMs: nonNegative(env.SANDBOX_RECONCILE_DELAY_MS, 0),
    coldStartMs: nonNegative(env.SANDBOX_RUNNER_COLD_START_MS, 0),
    idleExitMs: nonNegative(env.SANDBOX_RUNNER_IDLE_EXIT_MS, 600_000),
  };
}

/** Temporal outcomes that only the reconciler turns into a row status (the runner reports the rest). */
const RECONCILER_ONLY = new Set(["CANCELLED", "TERMINATED"]);

/**
 * Whether the reconciler must leave a RUNNING row as it is for now: the Temporal run ended in an
 * outcome only the reconciler records, and the row is younger than the configured delay.
 */
export function holdForReconcileDelay(temporalStatus: string, startedAt: string | null, nowMs: number, delayMs: number): boolean {
  if (delayMs <= 0 || !RECONCILER_ONLY.has(temporalStatus)) return false;
  const started = startedAt ? Date.parse(startedAt) : NaN;
  if (Number.isNaN(started)) return false;
  return nowMs - started < delayMs;
}

export interface RunnerActivity {
  /** Tenant-lane rows that are QUEUED or RUNNING (not counting the new one). */
  openRuns: number;
  /** Latest queued/finished instant of any tenant-lane row (ms since epoch), or null for none. */
  lastActivityMs: number | null;
  /** When a cold start already under way finishes (ms since epoch), or 0. */
  warmingUntilMs: number;
}

/**
 * How long a new tenant-lane run waits for the runner: 0 when it is warm (a run is open or one
 * was seen within the idle window), the rest of a cold start already under way, else a full
 * cold start.
 */
export function coldStartWaitMs(
  timing: Pick<PlatformTiming, "coldStartMs" | "idleExitMs">,
  activity: RunnerActivity,
  nowMs: number,
): number {
  if (timing.coldStartMs <= 0) return 0;
  if (activity.warmingUntilMs > nowMs) return activity.warmingUntilMs - nowMs;
  if (activity.openRuns > 0) return 0;
  if (activity.lastActivityMs !== null && nowMs - activity.lastActivityMs < timing.idleExitMs) return 0;
  return timing.coldStartMs;
}
