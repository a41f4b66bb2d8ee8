"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { assembleEnvelope, diffEnvelopes, type EnvelopeChange } from "@/lib/envelope";
import { workflowTriggersQuery } from "@/lib/queries/workflows";
import type { RequirementsSummary, Workflow } from "@/lib/schemas/workflow";
import { ActionChips, formatInstant } from "./workflow-bits";

const MermaidDiagram = dynamic(() => import("@/components/diagram/mermaid-diagram").then((m) => m.MermaidDiagram), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Loading the diagram viewer…</p>,
});

const AREA_LABEL: Record<EnvelopeChange["area"], string> = {
  actions: "Permission",
  secrets: "Secret",
  configs: "Config",
  triggers: "Trigger",
  timeout: "Time limit",
};

function ChangeList({ changes, loading }: { changes: EnvelopeChange[]; loading: boolean }) {
  if (loading) return <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">Comparing the envelopes…</p>;
  if (changes.length === 0)
    return <p className="px-5 py-4 text-sm">The two versions have the same envelope: same permissions, keys, triggers and time limit.</p>;
  return (
    <ul className="flex flex-col gap-2 px-5 py-4 text-sm" data-testid="envelope-diff">
      {changes.map((c) => (
        <li key={`${c.area}:${c.change}:${c.subject}`} className="flex flex-wrap items-start gap-2">
          <Badge
            tone={c.change === "added" ? (c.attention ? "warning" : "success") : c.change === "removed" ? "neutral" : "info"}
            className="shrink-0"
          >
            {AREA_LABEL[c.area]} {c.change}
          </Badge>
          <span>{c.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** Every version of one workflow name, and a side-by-side compare of any two (diagrams + envelope diff). */
export function VersionsCompare({
  versions,
  currentId,
  a,
  b,
  onPick,
  summary,
}: {
  versions: Workflow[];
  currentId: string;
  a: string | null;
  b: string | null;
  onPick: (a: string | null, b: string | null) => void;
  summary: RequirementsSummary | null;
}) {
  // Default pair: the next older version against the one on screen.
  const currentIndex = versions.findIndex((v) => v.id === currentId);
  const defaultA = versions[currentIndex + 1]?.id ?? versions[1]?.id ?? null;
  const left = versions.find((v) => v.id === (a ?? defaultA)) ?? null;
  const right = versions.find((v) => v.id === (b ?? currentId)) ?? null;
  const tLeft = useQuery({ ...workflowTriggersQuery(left?.id ?? ""), enabled: left !== null });
  const tRight = useQuery({ ...workflowTriggersQuery(right?.id ?? ""), enabled: right !== null });
  const now = useMemo(() => new Date(), []);
  const changes = useMemo(() => {
    if (!left || !right || !tLeft.data || !tRight.data) return [];
    return diffEnvelopes(assembleEnvelope(left, tLeft.data, summary, { now }), assembleEnvelope(right, tRight.data, summary, { now }));
  }, [left, right, tLeft.data, tRight.data, summary, now]);

  const select = (label: string, value: string | null, onChange: (id: string) => void) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <select
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal dark:border-slate-700 dark:bg-slate-900"
      >
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="All versions"
          description={`${versions.length} version${versions.length === 1 ? "" : "s"} of this workflow, newest first.`}
        />
        <Table aria-label="Versions">
          <THead>
            <tr>
              <TH>Version</TH>
              <TH>Published</TH>
              <TH>Permitted actions</TH>
            </tr>
          </THead>
          <TBody>
            {versions.map((v) => (
              <TR key={v.id}>
                <TD>
                  {v.id === currentId ? (
                    <span className="font-mono text-xs font-semibold">v{v.version} (this page)</span>
                  ) : (
                    <Link
                      href={`/workflows/${v.id}`}
                      className="font-mono text-xs text-brand-700 underline-offset-2 hover:underline dark:text-brand-100"
                    >
                      v{v.version}
                    </Link>
                  )}
                </TD>
                <TD>
                  <span className="text-xs">{formatInstant(v.createdAt)}</span>
                </TD>
                <TD>
                  <ActionChips ids={v.manifest.requiredActions} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
      {versions.length < 2 ? (
        <Card>
          <p className="px-5 py-4 text-sm">There is only one version, so there is nothing to compare yet.</p>
        </Card>
      ) : (
        <Card>
          <CardHeader
            title="Compare versions"
            description="Pick any two versions: their diagrams side by side, then what changes in the envelope, permissions first."
            actions={
              <div className="flex flex-wrap gap-3">
                {select("From", left?.id ?? null, (id) => onPick(id, right?.id ?? null))}
                {select("To", right?.id ?? null, (id) => onPick(left?.id ?? null, id))}
              </div>
            }
          />
          <h3 className="px-5 pt-4 text-sm font-semibold">Envelope changes</h3>
          {tLeft.isError || tRight.isError ? (
            <p role="alert" className="px-5 py-4 text-sm text-red-800 dark:text-red-300">
              The triggers of one version could not be loaded: {(tLeft.error ?? tRight.error)?.message}
            </p>
          ) : (
            <ChangeList changes={changes} loading={tLeft.isPending || tRight.isPending} />
          )}
          <div className="grid gap-4 border-t border-slate-200 px-5 py-4 md:grid-cols-2 dark:border-slate-800">
            {[left, right].map((v, i) =>
              v ? (
                <div key={`${i}-${v.id}`} className="min-w-0">
                  <h3 className="mb-2 text-sm font-semibold">
                    {i === 0 ? "From" : "To"} v{v.version}
                  </h3>
                  <MermaidDiagram source={v.manifest.diagram} name={v.name} version={v.version} heightClass="h-80" />
                </div>
              ) : null,
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
