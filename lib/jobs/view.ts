import type { BulkJobItemRow, BulkJobRow } from "@/lib/store/jobs";
import type { BulkJobKindView, JobView } from "./schemas";

/** How the UI names each kind. */
export const JOB_KIND_LABELS: Record<BulkJobKindView, string> = { retry: "Retry", cancel: "Cancel", "dry-run": "Re-run as dry run" };

/** A job and its items as the BFF returns them: counts and state derived from the stored rows only. */
export function toJobView(job: BulkJobRow, items: readonly BulkJobItemRow[], now = new Date()): JobView {
  const counts = { total: items.length, done: 0, failed: 0, running: 0, pending: 0, skipped: 0 };
  for (const i of items) {
    if (i.state === "done") counts.done++;
    else if (i.state === "failed") counts.failed++;
    else if (i.state === "started") counts.running++;
    else if (i.state === "skipped") counts.skipped++;
    else counts.pending++;
  }
  const paused = job.backoff_until !== null && new Date(job.backoff_until).getTime() > now.getTime();
  const state: JobView["state"] = job.finished_at
    ? job.aborted_at
      ? "aborted"
      : "finished"
    : job.aborted_at
      ? "aborting"
      : paused || job.note
        ? "paused"
        : "running";
  return {
    id: job.id,
    kind: job.kind as BulkJobKindView,
    reason: job.reason,
    source: job.source,
    createdBy: job.actor_name ?? job.actor_email ?? job.actor_sub,
    createdAt: new Date(job.created_at).toISOString(),
    state,
    note: job.finished_at ? null : job.note,
    abortedAt: job.aborted_at ? new Date(job.aborted_at).toISOString() : null,
    finishedAt: job.finished_at ? new Date(job.finished_at).toISOString() : null,
    counts,
    items: items.map((i) => ({
      workflowId: i.workflow_id,
      executionId: i.execution_id,
      state: i.state as JobView["items"][number]["state"],
      newExecutionId: i.new_execution_id,
      newStatus: i.new_status,
      code: i.code,
      message: i.message,
    })),
  };
}
