import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { openBulkJobIds, storeDb } from "@/lib/store";
import { tickJob } from "./runner";
import { logger } from "@/lib/observability/logger";

// One runner per console process. It keeps nothing that matters in memory: every tick reads the
// open jobs from the store and advances the ones whose lease it holds or can take, so several
// console processes sharing one Postgres split the jobs between them and take over a job whose
// process stopped once its lease runs out.
const SLOT = Symbol.for("pegasus.console.jobRunner");
/** Pause between ticks. */
export const TICK_MS = 1_000;

interface RunnerState {
  owner: string;
  timer: NodeJS.Timeout | null;
  busy: boolean;
  again: boolean;
}

type Holder = typeof globalThis & { [SLOT]?: RunnerState };

function state(): RunnerState {
  const holder = globalThis as Holder;
  holder[SLOT] ??= { owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, timer: null, busy: false, again: false };
  return holder[SLOT];
}

async function tickAll(s: RunnerState): Promise<void> {
  if (s.busy) {
    s.again = true;
    return;
  }
  s.busy = true;
  try {
    do {
      s.again = false;
      const db = await storeDb();
      // Imported lazily: the service pulls in the upstream client and the session reader.
      const { jobUpstream, recordJobAction } = await import("./service");
      for (const id of await openBulkJobIds(db)) {
        try {
          await tickJob({ db, owner: s.owner, upstreamFor: jobUpstream, record: recordJobAction }, id);
        } catch (error) {
          logger().error({ error: error instanceof Error ? error.message : String(error) }, `[jobs] tick of job ${id} failed`);
        }
      }
    } while (s.again);
  } catch (error) {
    logger().error({ error: error instanceof Error ? error.message : String(error) }, "[jobs] runner tick failed");
  } finally {
    s.busy = false;
  }
}

/** Starts this process's runner (idempotent). */
export function ensureJobRunner(): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void tickAll(s), TICK_MS);
  s.timer.unref();
}

/** Runs a tick now (after a job was created or aborted) rather than at the next interval. */
export function kickJobRunner(): void {
  void tickAll(state());
}
