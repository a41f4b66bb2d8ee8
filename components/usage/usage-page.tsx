"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { QueryFailure } from "@/components/ui/query-failure";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { BffClientError } from "@/lib/queries/fetcher";
import { usageSummaryQuery } from "@/lib/queries/usage";
import type { UsageSummary } from "@/lib/schemas/usage";
import { countOf } from "@/lib/text/count";
import { dollars, termLabel, usageActionLabel, usageOverview } from "@/lib/usage/model";

const PACE_TONE = { "on-track": "success", ahead: "warning", over: "danger", "no-pool": "neutral" } as const;
const PACE_LABEL = { "on-track": "Within the pool", ahead: "Ahead of the pool", over: "Past the pool", "no-pool": "No pool" } as const;

/** Client body of /usage: the term's billable actions against the plan's pool, by month, action and automation. */
export function UsagePage({ year }: { year?: number }) {
  const query = useQuery(usageSummaryQuery(year));
  if (query.isPending) {
    return (
      <Card>
        <SkeletonRows rows={5} label="Loading usage" />
      </Card>
    );
  }
  if (query.isError) {
    if (query.error instanceof BffClientError && query.error.status === 403) {
      return (
        <Card>
          <EmptyState title="Usage requires the tenant admin role">
            The Pegasus API shows billable usage to tenant admins only. Ask one if you need these figures.
          </EmptyState>
        </Card>
      );
    }
    return <QueryFailure title="Usage could not be loaded" error={query.error} retry={() => void query.refetch()} />;
  }
  return <UsageReport summary={query.data} />;
}

function TermNav({ summary }: { summary: UsageSummary }) {
  const startYear = Number(summary.termStart.slice(0, 4));
  const currentYear = new Date(summary.asOf).getUTCFullYear();
  return (
    <nav aria-label="Terms" className="flex items-center gap-3 text-sm">
      <Link className="text-brand-700 underline dark:text-brand-100" href={`/usage?year=${startYear - 1}`}>
        ← Term of {startYear - 1}
      </Link>
      {startYear < currentYear ? (
        <Link className="text-brand-700 underline dark:text-brand-100" href={`/usage?year=${startYear + 1}`}>
          Term of {startYear + 1} →
        </Link>
      ) : null}
    </nav>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
      {note ? <dd className="text-xs text-slate-500 dark:text-slate-400">{note}</dd> : null}
    </div>
  );
}

function UsageReport({ summary }: { summary: UsageSummary }) {
  const overview = usageOverview(summary);
  const monthMax = Math.max(1, ...summary.byMonth.map((m) => m.actions));
  const price = summary.plan?.overageCentsPerAction;
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader
          title={`Term ${termLabel(summary)}`}
          description={
            summary.plan ? `${summary.plan.name} plan · ${dollars(summary.plan.monthlyPriceCents)} a month` : "No plan on record"
          }
          actions={<Badge tone={PACE_TONE[overview.pace]}>{PACE_LABEL[overview.pace]}</Badge>}
        />
        <CardBody className="space-y-4">
          <p data-testid="usage-headline">{overview.headline}</p>
          <TermNav summary={summary} />
          {overview.usedShare !== null ? (
            <div>
              <div
                role="meter"
                aria-label="Pool used"
                aria-valuemin={0}
                aria-valuemax={summary.pool ?? 0}
                aria-valuenow={Math.min(summary.usedTermToDate, summary.pool ?? 0)}
                aria-valuetext={`${countOf(summary.usedTermToDate, "action")} of ${countOf(summary.pool ?? 0, "action")}`}
                className="relative h-3 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
              >
                <div
                  className={overview.pace === "over" ? "h-full bg-red-600" : "h-full bg-brand-600"}
                  style={{ width: `${Math.min(overview.usedShare, 1) * 100}%` }}
                />
                <div
                  className="absolute inset-y-0 w-0.5 bg-slate-900 dark:bg-slate-100"
                  style={{ left: `${overview.elapsedShare * 100}%` }}
                  aria-hidden
                />
              </div>
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                The bar is the pool used; the mark is how far into the term we are ({Math.round(overview.elapsedShare * 100)}%).
              </p>
            </div>
          ) : null}
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
            <Figure label="Used this term" value={summary.usedTermToDate.toLocaleString("en-US")} />
            <Figure label="Pool" value={summary.pool === null ? "—" : summary.pool.toLocaleString("en-US")} />
            <Figure label="Left" value={summary.remaining === null ? "—" : summary.remaining.toLocaleString("en-US")} />
            <Figure
              label="Projected at term end"
              value={summary.projectedAtTermEnd === null ? "—" : summary.projectedAtTermEnd.toLocaleString("en-US")}
              note={overview.projectedOverageCents > 0 ? `≈ ${dollars(overview.projectedOverageCents)} over the pool` : undefined}
            />
            <Figure
              label="Overage so far"
              value={summary.overageActions.toLocaleString("en-US")}
              note={price !== undefined ? `${dollars(overview.overageCents)} at ${dollars(price)} each` : undefined}
            />
          </dl>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Billed: texts and e-mails sent, texts changed, tasks closed, deliveries a partner accepted and calls that change a
            partner&apos;s data. Free: reads, runs themselves, dry runs, events emitted, failed calls and repeats of the same call. Figures
            as of {summary.asOf.slice(0, 16).replace("T", " ")} UTC.
          </p>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="By month" />
        <Table aria-label="Billable actions by month">
          <THead>
            <TR>
              <TH>Month</TH>
              <TH className="text-right">Actions</TH>
              <TH className="w-1/2">
                <span className="sr-only">Share</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {summary.byMonth.map((m) => (
              <TR key={m.month}>
                <TD className="tabular-nums">{m.month}</TD>
                <TD className="text-right tabular-nums">{m.actions.toLocaleString("en-US")}</TD>
                <TD>
                  <div className="h-2 rounded bg-brand-600" style={{ width: `${(m.actions / monthMax) * 100}%` }} aria-hidden />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Breakdown
          title="By action"
          description="What the automations did that is billed."
          column="Action"
          empty="No billable actions this term"
          rows={summary.byAction.map((row) => {
            const { label, id } = usageActionLabel(row.action);
            return {
              key: row.action,
              actions: row.actions,
              name: (
                <>
                  {label}
                  {label !== id ? <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{id}</span> : null}
                </>
              ),
            };
          })}
        />
        <Breakdown
          title="By automation"
          description="Which workflows used the pool."
          column="Automation"
          empty="No automation used the pool this term"
          rows={summary.byWorkflow.map((row) => ({
            key: row.workflowId ?? "none",
            actions: row.actions,
            name: row.workflowId ? (
              <Link className="text-brand-700 underline dark:text-brand-100" href={`/workflows/${encodeURIComponent(row.workflowId)}`}>
                {row.workflowName ?? row.workflowId}
              </Link>
            ) : (
              <span className="text-slate-500 dark:text-slate-400">Not tied to an automation</span>
            ),
          }))}
        />
      </div>
    </div>
  );
}

/** One "by …" card: a name column and a count column, or a sentence when there is nothing. */
function Breakdown({
  title,
  description,
  column,
  empty,
  rows,
}: {
  title: string;
  description: string;
  column: string;
  empty: string;
  rows: Array<{ key: string; name: ReactNode; actions: number }>;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <Table aria-label={`Billable actions ${title.toLowerCase()}`}>
          <THead>
            <TR>
              <TH>{column}</TH>
              <TH className="text-right">Count</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((row) => (
              <TR key={row.key}>
                <TD>{row.name}</TD>
                <TD className="text-right tabular-nums">{row.actions.toLocaleString("en-US")}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
