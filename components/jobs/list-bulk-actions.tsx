"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MAX_EXPLICIT_ITEMS, type BulkJobKindView, type JobSelection } from "@/lib/jobs/schemas";
import { usePermissions } from "@/lib/queries/use-permissions";
import type { Execution } from "@/lib/schemas/execution";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { BulkActionDialog } from "./bulk-action-dialog";

const OPEN = new Set(["QUEUED", "RUNNING"]);
const ELIGIBLE: Record<BulkJobKindView, (status: string) => boolean> = {
  retry: (s) => s === "FAILED" || s === "TIMED_OUT" || s === "CANCELLED",
  cancel: (s) => OPEN.has(s),
  "dry-run": (s) => !OPEN.has(s),
};
const LABEL: Record<BulkJobKindView, string> = { retry: "Retry", cancel: "Cancel", "dry-run": "Re-run as dry run" };

/**
 * Bulk actions over the runs the filtered list shows (its loaded pages, at most 200 per job): each
 * behind the single action's permission; the dialog counts again on the server before anything starts.
 */
export function ListBulkActions({ rows }: { rows: readonly Pick<Execution, "id" | "workflowId" | "status">[] }) {
  const permissions = usePermissions();
  const [open, setOpen] = useState<{ kind: BulkJobKindView; selection: JobSelection } | null>(null);
  const allowed: Record<BulkJobKindView, boolean> = {
    retry: permissions.has(PERMISSIONS.retryExecution),
    cancel: permissions.has(PERMISSIONS.cancelExecution),
    "dry-run": permissions.has(PERMISSIONS.runWorkflow),
  };
  const kinds = (Object.keys(LABEL) as BulkJobKindView[]).filter((k) => allowed[k]);
  if (kinds.length === 0) return null;
  return (
    <span className="flex flex-wrap items-center gap-2" aria-label="Bulk actions on the runs shown" role="group">
      {kinds.map((kind) => {
        const eligible = rows.filter((r) => ELIGIBLE[kind](r.status)).slice(0, MAX_EXPLICIT_ITEMS);
        if (eligible.length === 0) return null;
        return (
          <Button
            key={kind}
            size="sm"
            variant={kind === "cancel" ? "danger" : "secondary"}
            onClick={() =>
              setOpen({
                kind,
                selection: { type: "executions", executions: eligible.map((r) => ({ workflowId: r.workflowId, executionId: r.id })) },
              })
            }
          >
            {LABEL[kind]} shown ({eligible.length})
          </Button>
        );
      })}
      {open ? <BulkActionDialog kind={open.kind} selection={open.selection} onClose={() => setOpen(null)} /> : null}
    </span>
  );
}
