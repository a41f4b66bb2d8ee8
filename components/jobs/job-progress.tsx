"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Time } from "@/components/executions/time";
import { MutationError } from "@/components/ui/mutation-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { JobView } from "@/lib/jobs/schemas";
import { JOB_KIND_LABELS } from "@/lib/jobs/view";
import { BffClientError } from "@/lib/queries/fetcher";
import { abortJobMutation, jobQuery } from "@/lib/queries/jobs";
import { usePermissions } from "@/lib/queries/use-permissions";
import { PERMISSIONS } from "@/lib/schemas/permissions";

const STATE_TEXT: Record<JobView["state"], string> = {
  running: "Running",
  paused: "Paused",
  aborting: "Aborting",
  aborted: "Aborted",
  finished: "Finished",
};
const STATE_TONE = { running: "info", paused: "warning", aborting: "warning", aborted: "neutral", finished: "success" } as const;
const ITEM_TEXT: Record<JobView["items"][number]["state"], string> = {
  pending: "Waiting",
  claimed: "Starting",
  started: "Running",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped (aborted)",
};
const ABORT_NEEDS = { retry: PERMISSIONS.retryExecution, cancel: PERMISSIONS.cancelExecution, "dry-run": PERMISSIONS.runWorkflow } as const;

/** A bulk job's progress and the result per run, polled from the store (a reload shows the same). */
export function JobProgress({ jobId }: { jobId: string }) {
  const job = useQuery(jobQuery(jobId));
  const permissions = usePermissions();
  const abort = useMutation(abortJobMutation());
  const [confirming, setConfirming] = useState(false);

  if (job.isPending) return <SkeletonRows rows={4} label="Loading the job" />;
  if (job.isError) {
    return (
      <ErrorState
        title={job.error instanceof BffClientError && job.error.status === 404 ? "No such job" : "The job could not be loaded"}
        message={job.error.message}
        code={job.error instanceof BffClientError ? job.error.code : null}
        requestId={job.error instanceof BffClientError ? job.error.requestId : null}
      />
    );
  }
  const j = job.data;
  const ended = j.state === "finished" || j.state === "aborted";
  const canAbort = !ended && j.state !== "aborting" && permissions.has(ABORT_NEEDS[j.kind]);
  return (
    <Card>
      <div className="flex flex-wrap items-start gap-4 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
        <div className="min-w-0 flex-1 space-y-1 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{JOB_KIND_LABELS[j.kind]}</span>
            <Badge tone={STATE_TONE[j.state]}>
              <span data-testid="job-state">{STATE_TEXT[j.state]}</span>
            </Badge>
            <span data-testid="job-progress" aria-live="polite">
              {j.counts.done}/{j.counts.total} done
            </span>
            {j.counts.failed > 0 ? <Badge tone="danger">{j.counts.failed} failed</Badge> : null}
            {j.counts.running > 0 ? <Badge tone="info">{j.counts.running} running</Badge> : null}
            {j.counts.pending > 0 ? <Badge>{j.counts.pending} waiting</Badge> : null}
            {j.counts.skipped > 0 ? <Badge>{j.counts.skipped} skipped</Badge> : null}
          </p>
          <p className="text-slate-600 dark:text-slate-400">
            {j.source} · started by {j.createdBy} <Time iso={j.createdAt} />
            {j.finishedAt ? (
              <>
                {" "}
                · ended <Time iso={j.finishedAt} />
              </>
            ) : null}
          </p>
          <p>
            Reason: <span data-testid="job-reason">{j.reason}</span>
          </p>
          {j.note ? (
            <p role="status" className="text-amber-800 dark:text-amber-200">
              {j.note}
            </p>
          ) : null}
        </div>
        {canAbort ? (
          <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
            Abort
          </Button>
        ) : null}
      </div>
      <Table stacked aria-label="Runs of this job">
        <THead>
          <TR>
            <TH>Run</TH>
            <TH>State</TH>
            <TH>New run</TH>
            <TH>Result</TH>
          </TR>
        </THead>
        <TBody>
          {j.items.map((i) => (
            <TR key={i.executionId} data-state={i.state}>
              <TD>
                <Link
                  href={`/executions/${i.workflowId}/${i.executionId}`}
                  className="font-mono text-brand-700 hover:underline dark:text-brand-100"
                >
                  {i.executionId.slice(0, 8)}
                </Link>
              </TD>
              <TD>{ITEM_TEXT[i.state]}</TD>
              <TD>
                {i.newExecutionId ? (
                  <Link
                    href={`/executions/${i.workflowId}/${i.newExecutionId}`}
                    className="font-mono text-brand-700 hover:underline dark:text-brand-100"
                  >
                    {i.newExecutionId.slice(0, 8)}
                  </Link>
                ) : (
                  "—"
                )}
              </TD>
              <TD className="break-words">{i.code ? `${i.code}: ${i.message ?? ""}` : (i.newStatus ?? "—")}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {confirming ? (
        <Dialog
          open
          onClose={() => setConfirming(false)}
          title="Abort this job?"
          footer={
            <>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Keep going
              </Button>
              <Button
                variant="danger"
                disabled={abort.isPending}
                onClick={() =>
                  abort.mutate(j.id, {
                    onSuccess: () => setConfirming(false),
                  })
                }
              >
                Abort
              </Button>
            </>
          }
        >
          <p className="text-sm">Runs not started yet are skipped. Runs already started keep running and their results still show here.</p>
          <MutationError error={abort.error} />
        </Dialog>
      ) : null}
    </Card>
  );
}
