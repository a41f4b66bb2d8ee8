import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS } from "@/lib/executions";
import type { ExecutionStatus } from "@/lib/schemas/execution";

const TONES = {
  QUEUED: "neutral",
  RUNNING: "info",
  COMPLETED: "success",
  FAILED: "danger",
  TIMED_OUT: "danger",
  CANCELLED: "warning",
} as const;

/** An execution status; `cancelRequested` shows a running run whose cancellation is pending. */
export function StatusBadge({ status, cancelRequested = false }: { status: ExecutionStatus; cancelRequested?: boolean }) {
  if (cancelRequested && (status === "RUNNING" || status === "QUEUED")) {
    return <Badge tone="warning">Cancel requested</Badge>;
  }
  return (
    <Badge tone={TONES[status]}>
      {status === "RUNNING" ? (
        <span aria-hidden="true" className="mr-1 inline-block size-1.5 animate-pulse rounded-full bg-current" />
      ) : null}
      {STATUS_LABELS[status]}
    </Badge>
  );
}
