"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { isOpen } from "@/lib/executions";
import { runStateQuery } from "@/lib/queries/temporal";
import type { Execution } from "@/lib/schemas/execution";
import { findStuck } from "@/lib/temporal/stuck";

/** "Stuck" next to an open run in the executions list, from Temporal's live state (nothing without Temporal access). */
export function StuckMark({
  execution,
}: {
  execution: Pick<Execution, "workflowId" | "id" | "status" | "startedAt" | "temporalWorkflowId">;
}) {
  const open = isOpen(execution.status);
  const state = useQuery({
    ...runStateQuery(execution.workflowId, execution.id, open),
    enabled: open && execution.temporalWorkflowId !== null,
  });
  if (!open || !state.data?.available) return null;
  const findings = findStuck({ open, startedAt: execution.startedAt, state: state.data.state, now: state.dataUpdatedAt });
  if (findings.length === 0) return null;
  return (
    <span data-testid="stuck-mark" title={findings.map((f) => f.title).join("\n")}>
      <Badge tone="danger">Stuck</Badge>
    </span>
  );
}
