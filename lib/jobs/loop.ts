import "server-only";
import { logger } from "@/lib/observability/logger";
import { processLoop } from "@/lib/server/process-loop";
import { openBulkJobIds, storeDb } from "@/lib/store";
import { tickJob } from "./runner";

// One runner per console process. Every tick reads the open jobs from the store and advances the
// ones whose lease it holds or can take, so several console processes sharing one Postgres split
// the jobs between them and take over a job whose process stopped once its lease runs out.
/** Pause between ticks. */
export const TICK_MS = 1_000;

const runner = processLoop("jobs", TICK_MS, async (owner) => {
  const db = await storeDb();
  // Imported lazily: the service pulls in the upstream client and the session reader.
  const { jobUpstream, recordJobAction } = await import("./service");
  for (const id of await openBulkJobIds(db)) {
    try {
      await tickJob({ db, owner, upstreamFor: jobUpstream, record: recordJobAction }, id);
    } catch (error) {
      logger().error({ error: error instanceof Error ? error.message : String(error) }, `[jobs] tick of job ${id} failed`);
    }
  }
});

/** Starts this process's runner (idempotent). */
export const ensureJobRunner = runner.ensure;
/** Runs a tick now (after a job was created or aborted) rather than at the next interval. */
export const kickJobRunner = runner.kick;
