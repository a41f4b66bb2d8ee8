"use client";
import { ExecutionDetail } from "@/components/executions/execution-detail";

/** Client body of /executions/:workflowId/:executionId. */
export function ExecutionPageClient({ workflowId, executionId }: { workflowId: string; executionId: string }) {
  return <ExecutionDetail workflowId={workflowId} executionId={executionId} />;
}
