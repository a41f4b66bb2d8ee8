"use client";
import { useQuery } from "@tanstack/react-query";
import { classifyFailure, type MissingRequirement } from "@/lib/failures";
import { requirementsQuery } from "@/lib/queries/secrets";
import type { Execution } from "@/lib/schemas/execution";
import { CauseView } from "./cause-view";

/** The execution page's error banner: the raw message plus its cause from the failure catalog. */
export function ExecutionError({ execution: e }: { execution: Execution }) {
  // Names an unset key the message does not name; the page works without it (null side, or an error).
  const requirements = useQuery({ ...requirementsQuery(), enabled: e.errorMessage !== null });
  if (!e.errorMessage) return null;
  const wf = requirements.data?.workflows?.workflows.find((w) => w.workflowId === e.workflowId);
  const missing: MissingRequirement[] = (wf?.requirements ?? [])
    .filter((r) => !r.present)
    .map(({ kind, key, group }) => ({ kind, key, group }));
  const cause = classifyFailure({ status: e.status, message: e.errorMessage, missing });
  return (
    <div
      role="alert"
      aria-label="Error"
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <p className="font-semibold">Error</p>
      <p className="mt-1 whitespace-pre-wrap break-words">{e.errorMessage}</p>
      {cause.rule !== "unknown" ? (
        <div className="mt-3 border-t border-red-200 pt-3 dark:border-red-900" data-testid="failure-cause">
          <CauseView cause={cause} />
        </div>
      ) : null}
    </div>
  );
}
