"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Time } from "@/components/executions/time";
import { BulkActionDialog } from "@/components/jobs/bulk-action-dialog";
import { Button } from "@/components/ui/button";
import type { FailureGroupView } from "@/lib/failures/schemas";
import type { BulkJobKindView, JobSelection } from "@/lib/jobs/schemas";
import { ackFailureMutation, reopenFailureMutation } from "@/lib/queries/jobs";
import { usePermissions } from "@/lib/queries/use-permissions";
import { PERMISSIONS } from "@/lib/schemas/permissions";

/** True when the group is acknowledged and no run has failed the same way since. */
export function isAcknowledged(g: FailureGroupView): boolean {
  return Boolean(g.ack && !g.ack.reopened);
}

/** Bulk actions of one failure group (each behind the single action's permission) and its acknowledgement. */
export function GroupActions({ group: g, since, workflowIds }: { group: FailureGroupView; since: string; workflowIds: readonly string[] }) {
  const permissions = usePermissions();
  const [kind, setKind] = useState<BulkJobKindView | null>(null);
  const ack = useMutation(ackFailureMutation());
  const reopen = useMutation(reopenFailureMutation());
  const selection: JobSelection = { type: "group", fingerprint: g.fingerprint, since, workflow: [...workflowIds] };
  const canSupport = permissions.has(PERMISSIONS.retryExecution);
  const actions: Array<{ kind: BulkJobKindView; label: string; allowed: boolean }> =
    g.status === "STUCK"
      ? [{ kind: "cancel", label: "Cancel all", allowed: permissions.has(PERMISSIONS.cancelExecution) }]
      : [
          { kind: "retry", label: "Retry all", allowed: permissions.has(PERMISSIONS.retryExecution) },
          { kind: "dry-run", label: "Re-run all as dry run", allowed: permissions.has(PERMISSIONS.runWorkflow) },
        ];
  const error = ack.error ?? reopen.error;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      {actions
        .filter((a) => a.allowed)
        .map((a) => (
          <Button key={a.kind} size="sm" variant={a.kind === "cancel" ? "danger" : "secondary"} onClick={() => setKind(a.kind)}>
            {a.label}
          </Button>
        ))}
      {canSupport && !isAcknowledged(g) ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={ack.isPending}
          onClick={() => ack.mutate({ fingerprint: g.fingerprint, lastSeen: g.lastSeen })}
        >
          Acknowledge
        </Button>
      ) : null}
      {canSupport && g.ack ? (
        <Button size="sm" variant="ghost" disabled={reopen.isPending} onClick={() => reopen.mutate(g.fingerprint)}>
          {g.ack.reopened ? "Clear acknowledgement" : "Re-open"}
        </Button>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error.message}
        </span>
      ) : null}
      {kind ? <BulkActionDialog kind={kind} selection={selection} onClose={() => setKind(null)} /> : null}
    </div>
  );
}

/** Who acknowledged the group and when; or that it re-opened because it happened again. */
export function AckNote({ group: g }: { group: FailureGroupView }) {
  if (!g.ack) return null;
  return (
    <p data-testid="ack-note" className="text-xs text-slate-600 dark:text-slate-400">
      {g.ack.reopened ? (
        <>
          <strong className="text-amber-800 dark:text-amber-200">Re-opened:</strong> failed again after {g.ack.by} acknowledged it{" "}
          <Time iso={g.ack.at} />
        </>
      ) : (
        <>
          Acknowledged by {g.ack.by} <Time iso={g.ack.at} />
        </>
      )}
    </p>
  );
}
