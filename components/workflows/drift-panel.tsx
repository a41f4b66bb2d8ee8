import { Badge } from "@/components/ui/badge";
import type { DriftFinding, DriftSeverity } from "@/lib/drift";

const TONE: Record<DriftSeverity, "danger" | "warning" | "neutral"> = { high: "danger", medium: "warning", low: "neutral" };
const LABEL: Record<DriftSeverity, string> = { high: "High", medium: "Medium", low: "Low" };

/** Where the diagram, the declared envelope and recent runs disagree, most severe first. */
export function DriftPanel({ findings, note }: { findings: DriftFinding[]; note: string }) {
  return (
    <div className="px-5 py-4 text-sm" data-testid="drift">
      {findings.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">No drift found: the diagram, the declared actions and keys agree.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {findings.map((f) => (
            <li key={f.id} className="flex items-start gap-2">
              <Badge tone={TONE[f.severity]} className="mt-0.5 shrink-0">
                {LABEL[f.severity]}
              </Badge>
              <span>{f.message}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400" data-testid="drift-runs-note">
        {note}
      </p>
    </div>
  );
}
