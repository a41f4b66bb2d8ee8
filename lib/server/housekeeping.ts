import "server-only";
import { processLoop } from "@/lib/server/process-loop";
import { purgeExpiredRevocations, storeDb } from "@/lib/store";

// Store tidying every console process does now and then; each step is an idempotent delete, so
// several processes doing it at once is harmless. Only revocations of sessions whose cookie has
// expired go: such a session cannot be presented any more.
/** Pause between passes. */
export const HOUSEKEEPING_MS = 10 * 60_000;

const housekeeping = processLoop("housekeeping", HOUSEKEEPING_MS, async () => {
  await purgeExpiredRevocations(await storeDb());
});

/** Starts this process's housekeeping with a first pass now (a process may not live ten minutes). */
export const ensureHousekeeping = housekeeping.kick;
