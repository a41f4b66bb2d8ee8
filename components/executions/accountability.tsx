"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Person } from "@/components/people/person";
import { isOpen } from "@/lib/executions";
import type { LineageLinkView } from "@/lib/people/schemas";
import { accountabilityQuery } from "@/lib/queries/people";
import type { Execution } from "@/lib/schemas/execution";
import { Time } from "./time";

function RunLink({ link }: { link: LineageLinkView }) {
  return (
    <Link
      href={`/executions/${link.workflowId}/${link.executionId}`}
      className="font-mono text-brand-700 hover:underline dark:text-brand-100"
      title={`Run ${link.executionId}`}
    >
      run {link.executionId.slice(0, 8)}
    </Link>
  );
}

/**
 * Where this run came from and what followed it (retries and re-runs started through the console),
 * and who cancelled it and why (from the console's audit trail). Renders nothing when there is neither.
 */
export function ExecutionAccountability({ execution: e }: { execution: Pick<Execution, "workflowId" | "id" | "status"> }) {
  const query = useQuery(accountabilityQuery(e.workflowId, e.id, isOpen(e.status)));
  const data = query.data;
  if (!data || (!data.retryOf && data.retriedAs.length === 0 && !data.cancellation)) return null;
  const { retryOf, retriedAs, cancellation } = data;
  return (
    <div
      className="space-y-1 rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid="execution-accountability"
    >
      {retryOf ? (
        <p data-testid="retry-of">
          {retryOf.kind === "rerun" ? "Re-run of" : "Retry of"} <RunLink link={retryOf} />, started by <Person id={retryOf.actorId} />{" "}
          <Time iso={retryOf.at} />
        </p>
      ) : null}
      {retriedAs.length ? (
        <p data-testid="retried-as">
          {retriedAs.every((l) => l.kind === "rerun") ? "Re-run as" : "Retried as"}{" "}
          {retriedAs.map((link, i) => (
            <span key={link.executionId}>
              {i > 0 ? ", " : null}
              <RunLink link={link} />
              {link.kind === "rerun" && !retriedAs.every((l) => l.kind === "rerun") ? " (re-run)" : null} by <Person id={link.actorId} />
            </span>
          ))}
        </p>
      ) : null}
      {cancellation ? (
        <p data-testid="cancelled-by">
          {e.status === "CANCELLED" ? "Cancelled" : "Cancel requested"} by{" "}
          <Person id={cancellation.actor.id} name={cancellation.actor.name} /> <Time iso={cancellation.at} />
          {cancellation.reason ? (
            <>
              : <q className="break-words">{cancellation.reason}</q>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
