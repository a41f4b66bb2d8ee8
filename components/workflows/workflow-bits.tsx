import { BILLABLE_EXPLANATION } from "@/components/envelope/billed-badge";
import { Person } from "@/components/people/person";
import { actionInfo } from "@/lib/envelope";
import type { Workflow } from "@/lib/schemas/workflow";

/**
 * Permitted-action chips in the envelope's plain words ("Send text messages to customers"), the
 * Cedar id on hover and for screen readers; billed ones say so.
 */
export function ActionChips({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return <p className="text-xs text-slate-500 dark:text-slate-400">No platform actions declared.</p>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Permitted actions">
      {[...new Set(ids)].map((id) => {
        const info = actionInfo(id);
        return (
          <li
            key={id}
            title={`${id}${info.billable ? ` — billed: ${BILLABLE_EXPLANATION}` : ""}`}
            data-action-id={id}
            className={
              info.billable
                ? "rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900 ring-1 ring-amber-200 dark:bg-amber-900/30 dark:text-amber-200 dark:ring-amber-800"
                : "rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700"
            }
          >
            {info.known ? info.explanation : id}
            {info.billable ? " · billed" : ""}
            {info.known ? <span className="sr-only"> ({id})</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "2026-06-30 14:05 UTC" from an ISO instant. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** Who published a version and when. */
export function PublishedBy({ wf }: { wf: Pick<Workflow, "createdByUserId" | "createdAt" | "visibility"> }) {
  // The contract gives only the publisher's user id; the console's store names the people it knows.
  return (
    <span>
      Published by <Person id={wf.createdByUserId} fallback={wf.visibility === "GLOBAL" ? "the platform team" : "an unknown user"} /> on{" "}
      <time dateTime={wf.createdAt}>{formatInstant(wf.createdAt)}</time>
    </span>
  );
}
