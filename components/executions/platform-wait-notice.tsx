"use client";
import { isOpen, platformWait } from "@/lib/executions";
import type { Execution } from "@/lib/schemas/execution";
import { useNow } from "./use-now";

/** The page's honest word while the platform is what is slow: a pending cancel, or a cold runner (contract §4.6). */
export function PlatformWaitNotice({
  execution,
  cancelRequestedAt,
}: {
  execution: Pick<Execution, "status" | "queuedAt">;
  cancelRequestedAt: number | null;
}) {
  // Its ages tick each second; null (no ages) during the server render and hydration.
  const now = useNow(isOpen(execution.status));
  const wait = platformWait(execution, cancelRequestedAt, now);
  if (!wait) return null;
  return (
    <div
      role="status"
      data-testid="platform-wait"
      className={
        wait.kind === "cancel"
          ? "rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100"
          : "rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-100"
      }
    >
      <p className="font-semibold">{wait.title}</p>
      <p className="mt-1">{wait.detail}</p>
    </div>
  );
}
