// Retry policy of webhook deliveries. Pure.

/** Attempts per message, the first included. */
export const MAX_ATTEMPTS = 5;
/** Pause before the second attempt; each later pause doubles (1 s, 2 s, 4 s, 8 s). */
export const FIRST_BACKOFF_MS = 1_000;

/** Pause after failed attempt number `attempt` (1-based) before the next one. */
export function backoffDelayMs(attempt: number): number {
  return FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1);
}

/** The whole schedule: pauses between the MAX_ATTEMPTS attempts. */
export function backoffSchedule(): number[] {
  return Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffDelayMs(i + 1));
}

/** What an attempt's outcome means: `null` status is a network error or timeout. */
export function attemptOutcome(status: number | null): "delivered" | "retry" | "final" {
  if (status !== null && status >= 200 && status < 300) return "delivered";
  if (status === null || status === 429 || status >= 500) return "retry";
  return "final";
}
