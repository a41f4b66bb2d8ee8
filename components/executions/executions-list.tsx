"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS, TRIGGER_SOURCE_LABELS, type ExecutionFilters } from "@/lib/executions";
import { executionsListQuery } from "@/lib/queries/executions";
import { BffClientError } from "@/lib/queries/fetcher";
import { executionStatusSchema, triggerSourceSchema } from "@/lib/schemas/execution";
import { StartedBy } from "./started-by";
import { useExecutionFilters } from "./use-execution-filters";
import { StatusBadge } from "./status-badge";
import { StuckMark } from "./stuck-mark";
import { Time } from "./time";
import { WorkflowFilter } from "./workflow-filter";
import { LiveDuration } from "./live-duration";
import { ListBulkActions } from "@/components/jobs/list-bulk-actions";

/** `datetime-local` value (viewer's zone) of an ISO instant, and back. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={
        pressed
          ? "rounded-full border border-brand-600 bg-brand-600 px-2.5 py-0.5 text-xs font-medium text-white"
          : "rounded-full border border-slate-300 px-2.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
      }
    >
      {children}
    </button>
  );
}

/**
 * Executions newest first with URL filters (status, workflow, trigger source, dry run, time
 * range). With `workflowId` it lists one workflow's runs (for the workflow page) and hides the
 * workflow filter. Rows poll while any is open; rows keep their place (keyed by id).
 */
export function ExecutionsList({ workflowId, pageSize = 50 }: { workflowId?: string; pageSize?: number }) {
  const {
    parsed,
    filters: urlFilters,
    setFilters,
    clear: clearFilters,
    anyFilter,
  } = useExecutionFilters({ omitWorkflow: Boolean(workflowId) });
  const filters: ExecutionFilters = workflowId ? { ...urlFilters, workflowIds: [workflowId] } : urlFilters;

  const list = useInfiniteQuery({ ...executionsListQuery(filters, pageSize), enabled: parsed.ok });
  const rows = useMemo(() => (list.data?.pages ?? []).flatMap((p) => p.items), [list.data]);
  // Up to two rows picked for the side-by-side comparison (`workflowId/executionId`).
  const [picked, setPicked] = useState<string[]>([]);
  const togglePick = (ref: string) => setPicked((p) => (p.includes(ref) ? p.filter((x) => x !== ref) : [...p, ref].slice(-2)));

  return (
    <Card>
      <form
        aria-label="Filter executions"
        className="flex flex-wrap items-end gap-x-6 gap-y-3 border-b border-slate-200 px-5 py-4 text-sm dark:border-slate-800"
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="mb-1 text-xs font-medium text-slate-500">Status</legend>
          {executionStatusSchema.options.map((s) => (
            <Chip key={s} pressed={urlFilters.status.includes(s)} onClick={() => void setFilters((f) => ({ status: toggle(f.status, s) }))}>
              {STATUS_LABELS[s]}
            </Chip>
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="mb-1 text-xs font-medium text-slate-500">Started by</legend>
          {triggerSourceSchema.options.map((s) => (
            <Chip
              key={s}
              pressed={urlFilters.triggerSource.includes(s)}
              onClick={() => void setFilters((f) => ({ triggerSource: toggle(f.triggerSource, s) }))}
            >
              {TRIGGER_SOURCE_LABELS[s]}
            </Chip>
          ))}
        </fieldset>
        {workflowId ? null : (
          <WorkflowFilter
            value={{ workflowIds: urlFilters.workflowIds, workflowNames: urlFilters.workflowNames ?? [] }}
            onChange={(next) => void setFilters(next)}
          />
        )}
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-500">Mode</span>
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={urlFilters.dryRun === undefined ? "" : String(urlFilters.dryRun)}
            onChange={(e) => void setFilters({ dryRun: e.target.value === "" ? undefined : e.target.value === "true" })}
          >
            <option value="">Live and dry runs</option>
            <option value="false">Live runs only</option>
            <option value="true">Dry runs only</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-500">Queued from</span>
          <input
            type="datetime-local"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={toLocalInput(urlFilters.from)}
            onChange={(e) => void setFilters({ from: fromLocalInput(e.target.value) })}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-500">Queued before</span>
          <input
            type="datetime-local"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={toLocalInput(urlFilters.to)}
            onChange={(e) => void setFilters({ to: fromLocalInput(e.target.value) })}
          />
        </label>
        {anyFilter ? (
          <Button variant="ghost" size="sm" onClick={() => void clearFilters()}>
            Clear filters
          </Button>
        ) : null}
      </form>

      {!parsed.ok ? (
        <ErrorState
          title="These filters cannot be applied"
          message={`The link has a filter the console does not understand (${parsed.message}).`}
          action={
            <Button variant="secondary" size="sm" onClick={() => void clearFilters()}>
              Clear filters
            </Button>
          }
        />
      ) : list.isPending ? (
        <SkeletonRows rows={6} label="Loading executions" />
      ) : list.isError ? (
        <ErrorState
          title="Executions could not be loaded"
          message={list.error.message}
          code={list.error instanceof BffClientError ? list.error.code : null}
          requestId={list.error instanceof BffClientError ? list.error.requestId : null}
          action={
            <Button variant="secondary" size="sm" onClick={() => void list.refetch()}>
              Try again
            </Button>
          }
        />
      ) : rows.length === 0 ? (
        <EmptyState title={anyFilter ? "No executions match these filters" : "No executions yet"}>
          {anyFilter
            ? "Try fewer filters or a wider time range."
            : "Runs appear here when a workflow is started by hand, an event or a schedule."}
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Executions" stacked>
            <THead>
              <tr>
                <TH>
                  <span className="sr-only">Compare</span>
                </TH>
                <TH>Status</TH>
                {workflowId ? null : <TH>Workflow</TH>}
                <TH>Started by</TH>
                <TH>Queued</TH>
                <TH>Duration</TH>
                <TH>
                  <span className="sr-only">Open</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((e) => {
                const href = `/executions/${e.workflowId}/${e.id}`;
                return (
                  <TR key={e.id}>
                    <TD className="w-8 max-sm:order-1">
                      <input
                        type="checkbox"
                        aria-label={`Pick ${e.workflowName ?? "execution"} run ${e.id} to compare`}
                        checked={picked.includes(`${e.workflowId}/${e.id}`)}
                        onChange={() => togglePick(`${e.workflowId}/${e.id}`)}
                      />
                    </TD>
                    <TD className="max-sm:order-2">
                      <span className="flex items-center gap-1.5">
                        <StatusBadge status={e.status} />
                        <StuckMark execution={e} />
                        {e.dryRun ? <Badge tone="info">Dry run</Badge> : null}
                      </span>
                    </TD>
                    {workflowId ? null : (
                      <TD className="max-sm:order-3 max-sm:basis-full max-sm:break-words">
                        <span className="font-medium">{e.workflowName ?? "(deleted workflow)"}</span>
                        <span className="text-slate-500">{e.workflowVersion ? `@${e.workflowVersion}` : ""}</span>
                      </TD>
                    )}
                    <TD className="max-sm:order-6 max-sm:text-xs max-sm:text-slate-500">
                      <StartedBy execution={e} />
                    </TD>
                    <TD className="whitespace-nowrap max-sm:order-4">
                      <Time iso={e.queuedAt} />
                    </TD>
                    <TD className="whitespace-nowrap tabular-nums max-sm:order-5">
                      <LiveDuration execution={e} />
                    </TD>
                    <TD className="max-sm:order-7 max-sm:ml-auto">
                      <Link
                        href={href}
                        className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100"
                        aria-label={`Open execution ${e.id}`}
                      >
                        Open
                      </Link>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <span aria-live="polite">
              {rows.length} execution{rows.length === 1 ? "" : "s"} shown{list.hasNextPage ? "" : " — that is all"}
            </span>
            <ListBulkActions rows={rows} />
            <span className="ml-auto flex items-center gap-2">
              {picked.length === 2 ? (
                <Link
                  href={`/executions/compare?a=${picked[0]}&b=${picked[1]}`}
                  className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800"
                >
                  Compare the 2 picked runs
                </Link>
              ) : picked.length === 1 ? (
                <span>Pick one more run to compare</span>
              ) : null}
            </span>
            {list.hasNextPage ? (
              <Button variant="secondary" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            ) : null}
          </div>
        </>
      )}
    </Card>
  );
}
