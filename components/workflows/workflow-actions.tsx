"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { BffClientError } from "@/lib/queries/fetcher";
import { downloadWorkflowMutation, forkWorkflowMutation, retireWorkflowMutation } from "@/lib/queries/workflows";
import { workflowInUseSchema, type Workflow } from "@/lib/schemas/workflow";
import { ErrorReference } from "@/components/ui/error-reference";

function ErrorBox({ error, workflowId }: { error: Error; workflowId: string }) {
  const bff = error instanceof BffClientError ? error : null;
  const inUse = bff?.code === "WORKFLOW_IN_USE" ? workflowInUseSchema.safeParse(bff.extras) : null;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      {inUse?.success ? (
        <>
          <p className="font-semibold">This version is still in use, so nothing was retired.</p>
          {inUse.data.enabledTriggers.length > 0 ? (
            <p className="mt-1">
              {inUse.data.enabledTriggers.length} enabled trigger{inUse.data.enabledTriggers.length === 1 ? "" : "s"} start
              {inUse.data.enabledTriggers.length === 1 ? "s" : ""} it
              {inUse.data.enabledTriggers.some((t) => t.workflowId === workflowId)
                ? " — disable or delete them on the Triggers tab"
                : ""}: <span className="font-mono text-xs">{inUse.data.enabledTriggers.map((t) => t.id).join(", ")}</span>
            </p>
          ) : null}
          {inUse.data.openExecutions.length > 0 ? (
            <p className="mt-1">
              {inUse.data.openExecutions.length} run{inUse.data.openExecutions.length === 1 ? " is" : "s are"} still open; wait for{" "}
              {inUse.data.openExecutions.length === 1 ? "it" : "them"} or cancel:{" "}
              {inUse.data.openExecutions.map((e, i) => (
                <span key={e.id}>
                  {i > 0 ? ", " : null}
                  <Link className="underline" href={`/executions/${encodeURIComponent(e.workflowId)}/${encodeURIComponent(e.id)}`}>
                    {e.id.slice(0, 8)}
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
        </>
      ) : (
        <p>{bff?.code === "CONFLICT" ? "Your tenant already has a workflow with this name and version." : error.message}</p>
      )}
      {bff ? <ErrorReference code={bff.code} requestId={bff.requestId} /> : null}
    </div>
  );
}

/** Download (anyone who can read), fork (GLOBAL rows, with workflow:upload) and retire (own rows, with workflow:upload). */
export function WorkflowActions({ workflow, canUpload }: { workflow: Workflow; canUpload: boolean }) {
  const router = useRouter();
  const [confirmRetire, setConfirmRetire] = useState(false);
  const [retired, setRetired] = useState<string | null>(null);
  const download = useMutation({
    ...downloadWorkflowMutation(workflow.id),
    onSuccess: ({ downloadUrl }) => {
      window.location.assign(downloadUrl);
    },
  });
  const fork = useMutation(forkWorkflowMutation(workflow.id));
  const retire = useMutation(retireWorkflowMutation(workflow.id));
  const startFork = () => fork.mutate(undefined, { onSuccess: (created) => router.push(`/workflows/${created.id}`) });
  const startRetire = () =>
    retire.mutate(undefined, {
      onSuccess: (result) => {
        setConfirmRetire(false);
        const n = result.retired.length + result.alreadyRetired.length;
        setRetired(
          `Retired ${workflow.name} v${workflow.version}${n > 1 ? ` and ${n - 1} more` : ""}.${result.forkCount > 0 ? ` ${result.forkCount} fork${result.forkCount === 1 ? "" : "s"} in other tenants keep running.` : ""}`,
        );
      },
    });

  const error = download.error ?? fork.error;
  // A retired version cannot be forked, downloaded or retired again (contract §3.5).
  const isRetired = workflow.status === "RETIRED";
  const canFork = canUpload && workflow.visibility === "GLOBAL" && !isRetired;
  const canRetire = canUpload && workflow.visibility === "TENANT" && !isRetired;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2" hidden={retired !== null || isRetired}>
        <Button variant="secondary" size="sm" onClick={() => download.mutate()} disabled={download.isPending}>
          {download.isPending ? "Preparing…" : "Download source"}
        </Button>
        {canFork ? (
          <Button size="sm" onClick={startFork} disabled={fork.isPending}>
            {fork.isPending ? "Forking…" : "Fork into my tenant"}
          </Button>
        ) : null}
        {canRetire && !retired ? (
          <Button
            variant="danger"
            size="sm"
            onClick={() => {
              retire.reset();
              setConfirmRetire(true);
            }}
          >
            Retire this version
          </Button>
        ) : null}
      </div>
      {error ? <ErrorBox error={error} workflowId={workflow.id} /> : null}
      {retired ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {retired}{" "}
          <Link href="/workflows" className="underline">
            Back to all workflows
          </Link>
        </p>
      ) : null}
      <Dialog
        open={confirmRetire}
        onClose={() => setConfirmRetire(false)}
        title={`Retire ${workflow.name} v${workflow.version}?`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmRetire(false)}>
              Keep it
            </Button>
            <Button variant="danger" onClick={startRetire} disabled={retire.isPending}>
              {retire.isPending ? "Retiring…" : "Retire version"}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3 text-sm">
          <p>
            A retired version can no longer be run, triggered, forked or downloaded, and the same name and version can never be published
            again. There is no undo.
          </p>
          {retire.error ? <ErrorBox error={retire.error} workflowId={workflow.id} /> : null}
        </div>
      </Dialog>
    </div>
  );
}
