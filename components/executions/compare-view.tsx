"use client";
import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { JsonViewer } from "@/components/json/json-viewer";
import { compareSteps } from "@/lib/timeline/compare";
import { executionDurationMs, formatDuration, TRIGGER_SOURCE_LABELS } from "@/lib/executions";
import { executionQuery, historyQuery } from "@/lib/queries/executions";
import type { Execution } from "@/lib/schemas/execution";
import { groupSteps } from "@/lib/timeline";
import { StatusBadge } from "./status-badge";
import { Time } from "./time";

type Ref = { workflowId: string; executionId: string };

function Summary({ e, label }: { e: Execution; label: string }) {
  return (
    <Card>
      <CardHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {label}:{" "}
            <Link href={`/executions/${e.workflowId}/${e.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
              {e.workflowName ?? "(deleted workflow)"} {e.workflowVersion ? `v${e.workflowVersion}` : ""}
            </Link>
            <StatusBadge status={e.status} />
          </span>
        }
        description={<span className="font-mono text-xs">{e.id}</span>}
      />
      <CardBody className="space-y-3 text-sm">
        <p>
          {TRIGGER_SOURCE_LABELS[e.triggerSource]}
          {e.dryRun ? " · dry run" : ""} · queued <Time iso={e.queuedAt} /> · took {formatDuration(executionDurationMs(e))}
        </p>
        {e.errorMessage ? <p className="text-red-700 dark:text-red-300">{e.errorMessage}</p> : null}
        <JsonViewer value={e.input} label={`Input of ${label}`} emptyText="No input." />
      </CardBody>
    </Card>
  );
}

/** Two executions side by side: summary, input, and per-step counts and durations. */
export function CompareView({ a, b }: { a: Ref; b: Ref }) {
  const [ea, eb, ha, hb] = useQueries({
    queries: [
      executionQuery(a.workflowId, a.executionId),
      executionQuery(b.workflowId, b.executionId),
      historyQuery(a.workflowId, a.executionId),
      historyQuery(b.workflowId, b.executionId),
    ],
  });
  const historyA = ha?.data;
  const historyB = hb?.data;
  const rows = useMemo(
    () => (historyA && historyB ? compareSteps(groupSteps(historyA.events), groupSteps(historyB.events)) : null),
    [historyA, historyB],
  );
  const failed = [ea, eb].find((q) => q?.isError);
  if (failed?.error) return <ErrorState title="An execution could not be loaded" message={failed.error.message} />;
  if (!ea?.data || !eb?.data) return <SkeletonRows rows={6} label="Loading both executions" />;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 lg:grid-cols-2">
        <Summary e={ea.data} label="A" />
        <Summary e={eb.data} label="B" />
      </div>
      <Card>
        <CardHeader title="Steps" description="How many times each activity ran, for how long in total, and how often it failed." />
        {rows === null ? (
          ha?.isError || hb?.isError ? (
            <ErrorState title="A history could not be loaded" message={(ha?.error ?? hb?.error)?.message ?? ""} />
          ) : (
            <SkeletonRows rows={4} label="Loading histories" />
          )
        ) : rows.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">Neither run has activities or timers in its history.</p>
        ) : (
          <Table aria-label="Step comparison">
            <THead>
              <tr>
                <TH>Step</TH>
                <TH>A runs</TH>
                <TH>A time</TH>
                <TH>B runs</TH>
                <TH>B time</TH>
                <TH>Difference</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((r) => {
                const diff = r.b.totalMs - r.a.totalMs;
                return (
                  <TR key={r.activityType}>
                    <TD className="font-mono">{r.activityType}</TD>
                    <TD>
                      {r.a.count}
                      {r.a.failed ? <span className="text-red-700 dark:text-red-300"> ({r.a.failed} failed)</span> : null}
                    </TD>
                    <TD>{r.a.count ? formatDuration(r.a.totalMs) : "—"}</TD>
                    <TD>
                      {r.b.count}
                      {r.b.failed ? <span className="text-red-700 dark:text-red-300"> ({r.b.failed} failed)</span> : null}
                    </TD>
                    <TD>{r.b.count ? formatDuration(r.b.totalMs) : "—"}</TD>
                    <TD className="tabular-nums">
                      {r.a.count && r.b.count
                        ? `${diff >= 0 ? "+" : "−"}${formatDuration(Math.abs(diff))}`
                        : "only in " + (r.a.count ? "A" : "B")}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
