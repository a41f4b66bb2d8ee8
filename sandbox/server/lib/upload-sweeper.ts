import type { SandboxContext } from "../context";
import { pendingArtifactPath, removeQuietly, UPLOAD_TTL_SECONDS } from "./artifacts";

/** Unfinalized uploads are kept this long after their PUT URL expired, then swept. */
export const UPLOAD_RETENTION_MS = 24 * 3600 * 1000;

/** Delete upload slots (and their pending zips) that expired more than a day ago; returns how many. */
export function sweepStaleUploads(ctx: SandboxContext, now = Date.now()): number {
  const cutoff = new Date(now - UPLOAD_RETENTION_MS).toISOString();
  const stale = ctx.db.prepare("SELECT workflow_id FROM workflow_uploads WHERE expires_at < ?").all(cutoff) as Array<{
    workflow_id: string;
  }>;
  const del = ctx.db.prepare("DELETE FROM workflow_uploads WHERE workflow_id = ?");
  for (const s of stale) {
    removeQuietly(pendingArtifactPath(ctx, s.workflow_id));
    del.run(s.workflow_id);
  }
  return stale.length;
}

/** Sweep at start and then every upload TTL while the sandbox runs. */
export function installUploadSweeper(ctx: SandboxContext): void {
  let timer: NodeJS.Timeout | null = null;
  ctx.onStart.push(async () => {
    sweepStaleUploads(ctx);
    timer = setInterval(() => {
      try {
        sweepStaleUploads(ctx);
      } catch (err) {
        ctx.log("warn", "upload sweep failed", { error: err instanceof Error ? err.message : String(err) });
      }
    }, UPLOAD_TTL_SECONDS * 1000);
    timer.unref();
  });
  ctx.onStop.push(async () => {
    if (timer) clearInterval(timer);
  });
}
