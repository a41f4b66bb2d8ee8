"use client";
import { Badge } from "@/components/ui/badge";
import { partOfStage, type EditorPart } from "@/lib/integrations/locate";
import type { GateReport } from "@/lib/schemas/integration";

const STAGE_ORDER = ["mapping-format", "mapping", "rules-format", "rules", "external-mapping-format", "external-shape", "external-mapping"];
const STAGE_LABEL: Record<string, string> = {
  "mapping-format": "Mapping format",
  mapping: "Mapping analysis",
  "rules-format": "Rules format",
  rules: "Rule analysis",
  "external-mapping-format": "External mapping format",
  "external-shape": "External shape",
  "external-mapping": "External mapping",
};

function compact(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "object" && value !== null) {
    const rec = value as Record<string, unknown>;
    const parts: string[] = [];
    if ("valid" in rec) parts.push(rec.valid ? "accepted" : "rejected");
    if (Array.isArray(rec.ruleIds)) parts.push(rec.ruleIds.length ? `rules ${rec.ruleIds.join(", ")}` : "no rules fired");
    if (rec.degraded === true) parts.push("degraded");
    if (parts.length) return parts.join(" · ");
  }
  return JSON.stringify(value);
}

/**
 * The gate report by stage: each problem names its stage and place, with a link into the editor;
 * corpus failures show expected against actual.
 */
export function GateReportView({
  report,
  onLocate,
  onLocateCase,
}: {
  report: GateReport;
  onLocate?: (part: EditorPart, where: string) => void;
  onLocateCase?: (name: string) => void;
}) {
  const stages = [...new Set([...STAGE_ORDER, ...report.problems.map((p) => p.stage)])].filter((s) =>
    report.problems.some((p) => p.stage === s),
  );
  return (
    <section aria-label="Gate report" className="space-y-3" data-testid="gate-report">
      <p
        role="status"
        className={report.ok ? "font-medium text-emerald-700 dark:text-emerald-300" : "font-medium text-red-700 dark:text-red-300"}
      >
        {report.ok
          ? `Gate passed — ${report.corpus.passed}/${report.corpus.total} corpus cases`
          : `Gate failed — ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}, ${report.corpus.passed}/${report.corpus.total} corpus cases passed`}
      </p>
      {stages.map((stage) => (
        <div key={stage}>
          <h4 className="text-sm font-semibold">
            {STAGE_LABEL[stage] ?? stage} <span className="font-mono text-xs text-slate-500">[{stage}]</span>
          </h4>
          <ul className="mt-1 space-y-1 text-sm">
            {report.problems
              .filter((p) => p.stage === stage)
              .map((p, i) => (
                <li key={i} className="flex flex-wrap items-baseline gap-2">
                  <span className="font-mono text-xs">{p.where}</span>
                  <span>{p.problem}</span>
                  {onLocate ? (
                    <button
                      type="button"
                      className="text-xs text-brand-700 underline dark:text-brand-100"
                      onClick={() => onLocate(partOfStage(stage), p.where)}
                    >
                      Show in editor
                    </button>
                  ) : null}
                </li>
              ))}
          </ul>
        </div>
      ))}
      {report.corpus.failures.length ? (
        <div>
          <h4 className="text-sm font-semibold">Corpus failures</h4>
          <div className="mt-1 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className="py-1 pr-3">Case</th>
                  <th className="py-1 pr-3">Why</th>
                  <th className="py-1 pr-3">Expected</th>
                  <th className="py-1 pr-3">Actual</th>
                </tr>
              </thead>
              <tbody>
                {report.corpus.failures.map((f, i) => (
                  <tr key={i} className="border-t border-slate-200 align-top dark:border-slate-800">
                    <td className="py-1 pr-3">
                      {onLocateCase ? (
                        <button
                          type="button"
                          className="text-left text-brand-700 underline dark:text-brand-100"
                          onClick={() => onLocateCase(f.name)}
                        >
                          {f.name}
                        </button>
                      ) : (
                        f.name
                      )}
                    </td>
                    <td className="py-1 pr-3">
                      <Badge tone={f.reason === "structural" ? "warning" : "danger"}>{f.reason}</Badge>
                      <div className="mt-1 max-w-md break-words text-xs">
                        {typeof f.detail === "string" ? f.detail : JSON.stringify(f.detail)}
                      </div>
                    </td>
                    <td className="py-1 pr-3 text-xs">{compact(f.expected)}</td>
                    <td className="py-1 pr-3 text-xs">{compact(f.actual)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
