"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { parseAsNumberLiteral, parseAsString, useQueryStates } from "nuqs";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Time } from "@/components/executions/time";
import type { FailureGroupView } from "@/lib/failures/schemas";
import { failuresQuery } from "@/lib/queries/failures";
import { BffClientError } from "@/lib/queries/fetcher";
import { workflowsQuery } from "@/lib/queries/workflows";
import { CauseView } from "./cause-view";
import { AckNote, GroupActions, isAcknowledged } from "./group-actions";
import { Trend } from "./trend";

/** Windows the page offers, in days (URL `?days=`). */
export const WINDOW_DAYS = [1, 3, 7, 14, 30] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const STATUS_TEXT: Record<FailureGroupView["status"], string> = { FAILED: "Failed", TIMED_OUT: "Timed out", STUCK: "Stuck" };

/** The page's URL state: `?days=` (one of WINDOW_DAYS, else 1) and `?workflow=` (a name). */
const urlState = { days: parseAsNumberLiteral(WINDOW_DAYS).withDefault(1), workflow: parseAsString.withDefault("") };

/** The needs-attention page body: failure groups of the window, filtered by workflow, in the URL. */
export function FailureGroups() {
  const [{ days, workflow: workflowName }, setUrl] = useQueryStates(urlState, { history: "replace", scroll: false });
  // A workflow by name: every version of it (each version is its own workflow row).
  // Fixed per window (rounded to the minute) so the query key is stable across renders.
  const [anchor] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const since = new Date(anchor - days * DAY_MS).toISOString();
  const workflows = useQuery(workflowsQuery({ includeRetired: true }));
  const names = [...new Set((workflows.data ?? []).map((w) => w.name))].sort();
  const workflowIds = workflowName ? (workflows.data ?? []).filter((w) => w.name === workflowName).map((w) => w.id) : [];
  const scan = useQuery({ ...failuresQuery({ since, workflowIds }), enabled: !workflowName || workflows.isSuccess });

  return (
    <Card>
      <div className="flex flex-wrap items-end gap-4 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Window</span>
          <select
            value={String(days)}
            onChange={(ev) => void setUrl({ days: Number(ev.target.value) as (typeof WINDOW_DAYS)[number] })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            {WINDOW_DAYS.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? "Last 24 hours" : `Last ${d} days`}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Workflow</span>
          <select
            value={workflowName}
            onChange={(ev) => void setUrl({ workflow: ev.target.value })}
            className="max-w-[16rem] rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">All workflows</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            {workflowName && !names.includes(workflowName) ? <option value={workflowName}>{workflowName}</option> : null}
          </select>
        </label>
        <p className="ml-auto text-sm">
          <Link href="/executions?status=FAILED,TIMED_OUT" className="text-brand-700 hover:underline dark:text-brand-100">
            All failed runs, one by one
          </Link>
        </p>
      </div>
      {workflowName && workflows.isSuccess && workflowIds.length === 0 ? (
        <EmptyState title={`No workflow named ${workflowName}`}>Pick another workflow, or all of them.</EmptyState>
      ) : workflows.isError && workflowName ? (
        <ErrorState
          title="The workflow filter could not be applied"
          message={workflows.error.message}
          code={workflows.error instanceof BffClientError ? workflows.error.code : null}
          requestId={workflows.error instanceof BffClientError ? workflows.error.requestId : null}
        />
      ) : scan.isPending ? (
        <SkeletonRows rows={5} label="Grouping failed runs" />
      ) : scan.isError ? (
        <ErrorState
          title="Failure groups could not be loaded"
          message={scan.error.message}
          code={scan.error instanceof BffClientError ? scan.error.code : null}
          requestId={scan.error instanceof BffClientError ? scan.error.requestId : null}
          action={
            <Button variant="secondary" size="sm" onClick={() => void scan.refetch()}>
              Try again
            </Button>
          }
        />
      ) : (
        <>
          <p
            className="border-b border-slate-200 px-5 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400"
            data-testid="scan-window"
          >
            {scan.data.complete ? (
              <>
                {scan.data.scanned} run{scan.data.scanned === 1 ? "" : "s"} since <Time iso={scan.data.since} /> read.
              </>
            ) : (
              <>
                Window cut: the newest {scan.data.scanned} runs were read, back to <Time iso={scan.data.oldestScanned} />; older runs since{" "}
                <Time iso={scan.data.since} /> are not in these groups. Narrow the window or pick a workflow.
              </>
            )}
          </p>
          {scan.data.groups.length === 0 ? (
            <EmptyState title="Nothing needs attention">No failed, timed-out or stuck runs in this window.</EmptyState>
          ) : (
            <ul aria-label="Failure groups" className="divide-y divide-slate-200 dark:divide-slate-800">
              {/* Acknowledged groups go last, dimmed and collapsed; a re-opened one is back among the others. */}
              {[...scan.data.groups.filter((g) => !isAcknowledged(g)), ...scan.data.groups.filter(isAcknowledged)].map((g) => (
                <GroupRow key={g.fingerprint} group={g} since={since} workflowIds={workflowIds} />
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}

function GroupRow({ group: g, since, workflowIds }: { group: FailureGroupView; since: string; workflowIds: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const acknowledged = isAcknowledged(g);
  const [expanded, setExpanded] = useState(false);
  const panelId = `group-${g.fingerprint}`;
  const label = `${g.workflowName ?? "unknown workflow"}: ${g.cause.title}`;
  if (acknowledged && !expanded) {
    return (
      <li
        aria-label={label}
        data-fingerprint={g.fingerprint}
        data-acknowledged="true"
        className="flex flex-wrap items-center gap-3 px-5 py-2 opacity-60"
      >
        <span className="font-mono text-sm">{g.workflowName ?? "(workflow removed)"}</span>
        <span className="text-sm">{g.cause.title}</span>
        <Badge>
          <span data-testid="group-count">{g.count}</span>&nbsp;run{g.count === 1 ? "" : "s"}
        </Badge>
        <AckNote group={g} />
        <button
          type="button"
          aria-expanded={false}
          onClick={() => setExpanded(true)}
          className="ml-auto text-xs font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          Show
        </button>
      </li>
    );
  }
  return (
    <li
      aria-label={label}
      data-fingerprint={g.fingerprint}
      data-acknowledged={acknowledged ? "true" : undefined}
      className={acknowledged ? "px-5 py-4 opacity-80" : "px-5 py-4"}
    >
      <div className="flex flex-col gap-3 md:flex-row md:items-start">
        <div className="flex shrink-0 flex-col gap-1 md:w-56">
          <span className="font-mono text-sm font-semibold break-all">{g.workflowName ?? "(workflow removed)"}</span>
          <span className="flex flex-wrap items-center gap-1.5">
            <Badge tone="danger">
              <span data-testid="group-count">{g.count}</span>&nbsp;run{g.count === 1 ? "" : "s"}
            </Badge>
            <Badge tone={g.status === "STUCK" ? "warning" : "neutral"}>{STATUS_TEXT[g.status]}</Badge>
          </span>
          <span className="text-xs text-slate-600 dark:text-slate-400">versions {g.versions.length > 0 ? g.versions.join(", ") : "—"}</span>
          <Trend perDay={g.perDay} since={since} />
        </div>
        <div className="min-w-0 flex-1 text-sm">
          <CauseView cause={g.cause} />
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            First <Time iso={g.firstSeen} /> · last <Time iso={g.lastSeen} /> · code <span className="font-mono">{g.code}</span>
          </p>
          <AckNote group={g} />
          <GroupActions group={g} since={since} workflowIds={workflowIds} />
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((v) => !v)}
            className="mt-2 text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 dark:text-brand-100"
          >
            {open ? "Hide" : "Show"} sample runs ({g.sampleExecutionIds.length})
          </button>
          {open ? (
            <div id={panelId} className="mt-2 space-y-2">
              {g.cause.rule !== "unknown" && g.message ? (
                <p className="break-words font-mono text-xs text-slate-600 dark:text-slate-400">Newest error: {g.message}</p>
              ) : null}
              <ul className="space-y-1">
                {g.samples.map((s) => (
                  <li key={s.id} className="text-xs">
                    <Link
                      href={`/executions/${s.workflowId}/${s.id}`}
                      className="font-mono text-brand-700 hover:underline dark:text-brand-100"
                    >
                      {s.id}
                    </Link>
                    {s.version ? <span className="ml-2 text-slate-500">v{s.version}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
    </li>
  );
}
