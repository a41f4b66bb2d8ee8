import { Person } from "@/components/people/person";
import { TRIGGER_SOURCE_LABELS } from "@/lib/executions";
import type { Execution } from "@/lib/schemas/execution";

/** Who or what started a run: the person for a manual run (the API's triggeredByUserId), else the trigger kind. */
export function StartedBy({
  execution: e,
  detail = false,
}: {
  execution: Pick<Execution, "triggerSource" | "triggeredByUserId" | "triggeredByTriggerId">;
  detail?: boolean;
}) {
  if (e.triggerSource === "USER") {
    return (
      <span data-testid="started-by">
        <Person id={e.triggeredByUserId} fallback={TRIGGER_SOURCE_LABELS.USER} />
        {detail ? <span className="block text-xs text-slate-500">by hand</span> : null}
      </span>
    );
  }
  return (
    <span data-testid="started-by">
      {TRIGGER_SOURCE_LABELS[e.triggerSource]}
      {detail && e.triggeredByTriggerId ? (
        <span className="block font-mono text-xs text-slate-500">trigger {e.triggeredByTriggerId}</span>
      ) : null}
    </span>
  );
}
