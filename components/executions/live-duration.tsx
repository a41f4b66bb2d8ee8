"use client";
import { executionDurationMs, formatDuration } from "@/lib/executions";
import type { Execution } from "@/lib/schemas/execution";
import { useNow } from "./use-now";

/**
 * How long a run took, or has been going so far, ticking each second while it is open. Only this
 * leaf re-renders on the tick. Open runs read "—" on the server and during hydration.
 */
export function LiveDuration({
  execution,
  testId,
}: {
  execution: Pick<Execution, "queuedAt" | "startedAt" | "finishedAt">;
  testId?: string;
}) {
  const open = !execution.finishedAt;
  const now = useNow(open);
  const ms = executionDurationMs(execution, open && now !== null ? new Date(now) : undefined);
  return <span data-testid={testId}>{formatDuration(ms)}</span>;
}
