"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { isOpen } from "@/lib/executions";
import { cancelExecutionMutation, retryExecutionMutation, runWorkflowMutation } from "@/lib/queries/executions";
import { BffClientError } from "@/lib/queries/fetcher";
import { usePermissions } from "@/lib/queries/use-permissions";
import { RETRYABLE_STATUSES, type Execution } from "@/lib/schemas/execution";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { hasSentence, messageFor } from "@/lib/errors/messages";

type Pending = "cancel" | "retry" | "dry-run" | null;

/** Plain words for the errors these actions can meet (lib/errors/messages.ts, by code, never by message text). */
export function explainActionError(error: unknown, action: Exclude<Pending, null>): string {
  if (!(error instanceof BffClientError)) return "The request failed. Check your connection and try again.";
  return hasSentence(error.code, action) ? messageFor(error.code, error.message, action) : `${error.message} (${error.code})`;
}

/**
 * Cancel, retry and re-run-as-dry-run for one execution, each behind its permission and a
 * confirmation. Cancel marks the run "cancel requested" (`onCancelRequested`) until it reports
 * CANCELLED; retry and dry run open the new execution.
 */
export function ExecutionActions({ execution, onCancelRequested }: { execution: Execution; onCancelRequested: () => void }) {
  const permissions = usePermissions();
  const router = useRouter();
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState("");
  const cancel = useMutation(cancelExecutionMutation());
  const retry = useMutation(retryExecutionMutation());
  const run = useMutation(runWorkflowMutation());

  const canCancel = permissions.has(PERMISSIONS.cancelExecution) && isOpen(execution.status);
  const canRetry = permissions.has(PERMISSIONS.retryExecution) && RETRYABLE_STATUSES.includes(execution.status);
  const canDryRun = permissions.has(PERMISSIONS.runWorkflow) && !isOpen(execution.status);
  const input =
    execution.input !== null && typeof execution.input === "object" && !Array.isArray(execution.input)
      ? (execution.input as Record<string, unknown>)
      : {};

  function close() {
    setPending(null);
    setReason("");
    cancel.reset();
    retry.reset();
    run.reset();
  }
  function openNew(e: Execution) {
    router.push(`/executions/${e.workflowId}/${e.id}`);
  }
  function confirm() {
    if (pending === "cancel") {
      cancel.mutate(
        { ...execution, reason },
        {
          onSuccess: () => {
            onCancelRequested();
            close();
          },
        },
      );
    } else if (pending === "retry") {
      retry.mutate({ ...execution, reason }, { onSuccess: openNew });
    } else if (pending === "dry-run") {
      run.mutate({ workflowId: execution.workflowId, input, mode: "dry_run", rerunOf: execution.id }, { onSuccess: openNew });
    }
  }
  const active = pending === "cancel" ? cancel : pending === "retry" ? retry : run;
  if (!canCancel && !canRetry && !canDryRun) return null;

  const copy = {
    cancel: {
      title: "Cancel this run?",
      body: "Temporal is asked to cancel the run. It stops at its next cancellation point; the status changes to Canceled when it does.",
      go: "Cancel run",
    },
    retry: { title: "Retry this run?", body: "A new run starts with the same input. This run stays as it is.", go: "Retry" },
    "dry-run": {
      title: "Re-run as a dry-run test?",
      body: "A new dry run starts with the same input. Nothing outside the workflow is changed: messages, events and writes are captured and listed instead.",
      go: "Start dry run",
    },
  } as const;

  return (
    <div className="flex flex-wrap gap-2">
      {canCancel ? (
        <Button variant="danger" onClick={() => setPending("cancel")}>
          Cancel run
        </Button>
      ) : null}
      {canRetry ? <Button onClick={() => setPending("retry")}>Retry</Button> : null}
      {canDryRun ? (
        <Button variant="secondary" onClick={() => setPending("dry-run")}>
          Re-run as dry run
        </Button>
      ) : null}
      <Dialog
        open={pending !== null}
        onClose={close}
        title={pending ? copy[pending].title : ""}
        footer={
          pending ? (
            <>
              <Button variant="secondary" onClick={close}>
                Keep as is
              </Button>
              <Button
                variant={pending === "cancel" ? "danger" : "primary"}
                disabled={active.isPending || (pending === "cancel" && !hasReason(reason))}
                onClick={confirm}
              >
                {active.isPending ? "Working…" : copy[pending].go}
              </Button>
            </>
          ) : null
        }
      >
        {pending ? <p className="text-sm">{copy[pending].body}</p> : null}
        {pending === "cancel" || pending === "retry" ? (
          <ReasonField value={reason} onChange={setReason} required={pending === "cancel"} disabled={active.isPending} />
        ) : null}
        {pending && active.isError ? (
          <p
            role="alert"
            className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
          >
            {explainActionError(active.error, pending)}
          </p>
        ) : null}
      </Dialog>
    </div>
  );
}
