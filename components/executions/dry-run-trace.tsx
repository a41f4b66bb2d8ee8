import { Badge } from "@/components/ui/badge";
import { summarizeDryRun } from "@/lib/executions";
import { JsonViewer } from "@/components/json/json-viewer";

/** The dry-run envelope in plain words: the side effects that would have happened, then each activity with its arguments and result. */
export function DryRunTrace({ result }: { result: unknown }) {
  const summary = summarizeDryRun(result);
  if (!summary)
    return (
      <p className="text-sm text-slate-500">This dry run has no trace yet (it has not finished, or it failed before reporting one).</p>
    );
  return (
    <div className="space-y-6">
      <section>
        <h3 className="mb-2 text-sm font-semibold">What would have happened</h3>
        {summary.effects.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Nothing: this run would not have changed anything outside the workflow.
          </p>
        ) : (
          <ul className="space-y-1.5 text-sm" data-testid="dry-run-effects">
            {summary.effects.map((e, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2">
                <span>{e.sentence}</span>
                <Badge>{e.capability}</Badge>
                {e.billable ? <Badge tone="warning">billable</Badge> : null}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-xs text-slate-500">None of these were performed: a dry run captures mutations instead of making them.</p>
      </section>
      <section>
        <h3 className="mb-2 text-sm font-semibold">Activities ({summary.activities.length})</h3>
        {summary.activities.length === 0 ? (
          <p className="text-sm text-slate-500">The workflow called no activities.</p>
        ) : (
          <ol className="space-y-3">
            {summary.activities.map((a, i) => (
              <li key={i} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
                <p className="mb-2 font-mono text-sm font-medium">
                  {i + 1}. {a.activity}
                </p>
                <div className="grid gap-3 lg:grid-cols-2">
                  <JsonViewer value={a.args ?? null} label="Arguments" emptyText="No arguments." />
                  <JsonViewer value={a.result ?? null} label="Result" emptyText="No result." />
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h3 className="mb-2 text-sm font-semibold">Return value</h3>
        <JsonViewer value={summary.returnValue ?? null} label="Return value" emptyText="The workflow returned nothing." />
      </section>
    </div>
  );
}
