"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { Time } from "@/components/executions/time";
import { MutationError } from "@/components/ui/mutation-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { BulkJobKindView, JobSelection } from "@/lib/jobs/schemas";
import { JOB_KIND_LABELS } from "@/lib/jobs/view";
import { BffClientError } from "@/lib/queries/fetcher";
import { previewJobQuery, startJobMutation } from "@/lib/queries/jobs";

const VERB: Record<BulkJobKindView, string> = { retry: "retried", cancel: "cancelled", "dry-run": "re-run as a dry run" };

/**
 * Confirmation of a bulk action: the exact number of runs it will act on (computed by the BFF
 * now, not the group's count), the first of them, a required reason; then the server-side job.
 */
export function BulkActionDialog({ kind, selection, onClose }: { kind: BulkJobKindView; selection: JobSelection; onClose: () => void }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const preview = useQuery(previewJobQuery(kind, selection));
  const start = useMutation(startJobMutation());
  const count = preview.data?.count ?? 0;
  const changed = start.error instanceof BffClientError && start.error.code === "SELECTION_CHANGED";

  function confirm() {
    if (!preview.data) return;
    start.mutate(
      { kind, selection, expectedCount: preview.data.count, reason: reason.trim() },
      {
        onSuccess: (job) => {
          router.push(`/executions/jobs/${job.id}`);
        },
        onError: (error) => {
          if (error instanceof BffClientError && error.code === "SELECTION_CHANGED") void preview.refetch();
        },
      },
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`${JOB_KIND_LABELS[kind]} all`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button onClick={confirm} disabled={!preview.data || count === 0 || !hasReason(reason) || start.isPending || preview.isFetching}>
            {start.isPending ? "Starting…" : `${JOB_KIND_LABELS[kind]} ${count} run${count === 1 ? "" : "s"}`}
          </Button>
        </>
      }
    >
      {preview.isPending ? (
        <SkeletonRows rows={3} label="Counting the runs" />
      ) : preview.isError ? (
        <ErrorState
          title="The runs could not be counted"
          message={preview.error.message}
          code={preview.error instanceof BffClientError ? preview.error.code : null}
          requestId={preview.error instanceof BffClientError ? preview.error.requestId : null}
        />
      ) : (
        <div className="space-y-3 text-sm">
          <p>
            <strong data-testid="bulk-count">{preview.data.count}</strong> run{preview.data.count === 1 ? "" : "s"} will be {VERB[kind]},
            one each, at most 5 running at a time; the job goes on if you close the page.
          </p>
          {preview.data.excluded > 0 ? (
            <p className="text-slate-600 dark:text-slate-400">
              {preview.data.excluded} more left out: {preview.data.excludedReason}.
            </p>
          ) : null}
          {!preview.data.complete ? (
            <p role="status" className="text-amber-800 dark:text-amber-200">
              The window holds more runs than one scan reads: older runs of this group are not included. Narrow the window to reach them.
            </p>
          ) : null}
          {preview.data.first.length > 0 ? (
            <ul
              aria-label="First runs"
              className="max-h-48 space-y-1 overflow-auto rounded border border-slate-200 p-2 text-xs dark:border-slate-800"
            >
              {preview.data.first.map((r) => (
                <li key={r.executionId} className="flex flex-wrap gap-x-2">
                  <span className="font-mono">{r.executionId.slice(0, 8)}</span>
                  <span>{r.workflowName ?? "—"}</span>
                  <span className="text-slate-500">{r.status}</span>
                  <Time iso={r.queuedAt} />
                </li>
              ))}
              {preview.data.count > preview.data.first.length ? (
                <li className="text-slate-500">… and {preview.data.count - preview.data.first.length} more</li>
              ) : null}
            </ul>
          ) : null}
          <ReasonField value={reason} onChange={setReason} />
          <MutationError
            error={start.error}
            conflictHint={changed ? "The count above has been refreshed: check it and start again." : undefined}
          />
        </div>
      )}
    </Dialog>
  );
}
