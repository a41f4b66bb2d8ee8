"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import { JsonViewer } from "@/components/json/json-viewer";
import { GanttView } from "@/components/timeline/gantt-view";
import { RawEventsView } from "@/components/timeline/raw-events-view";
import { StepsView } from "@/components/timeline/steps-view";
import { useLocationHash } from "@/components/timeline/use-location-hash";
import { isOpen } from "@/lib/executions";
import { executionQuery } from "@/lib/queries/executions";
import type { Execution } from "@/lib/schemas/execution";
import type { HistoryEvent } from "@/lib/schemas/history";
import { findStuck } from "@/lib/temporal/stuck";
import { FullEventsView } from "./full-events-view";
import { HistoryExportButton } from "./history-export-button";
import { HistoryProgressNote } from "./history-progress";
import { useExecutionHistory } from "./use-execution-history";
import { LiveStatePanel } from "./live-state-panel";
import { StuckBanner } from "./stuck-banner";
import { useNow } from "./use-now";
import { CopyableId, Field, LoadError } from "./detail-parts";
import { DryRunTrace } from "./dry-run-trace";
import { ExecutionActions } from "./execution-actions";
import { StatusBadge } from "./status-badge";
import { useCancelRequested } from "./use-cancel-requested";
import { LiveDuration } from "./live-duration";
import { PlatformWaitNotice } from "./platform-wait-notice";
import { ExecutionAccountability } from "./accountability";
import { StartedBy } from "./started-by";
import { Time } from "./time";
import { saveFile } from "@/components/ui/save-file";
import { ExecutionError } from "@/components/failures/execution-error";

// React Flow is heavy and only this tab uses it.
const ExecutionGraph = dynamic(() => import("@/components/timeline/execution-graph").then((m) => m.ExecutionGraph), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the graph" />,
});

// The diagram view pulls in the workflow fetch and mermaid (itself loaded on first render).
const DiagramOverlayView = dynamic(() => import("./diagram-overlay").then((m) => m.DiagramOverlayView), {
  ssr: false,
  loading: () => <SkeletonRows rows={4} label="Loading the diagram" />,
});

const VIEWS = ["steps", "gantt", "events", "graph", "diagram", "data", "trace"] as const;
type View = (typeof VIEWS)[number];
// `?view=` is the open tab: a shareable link; nuqs queues the update (no stale-params race).
const urlState = { view: parseAsStringLiteral(VIEWS) };

function downloadHistory(execution: Execution, events: readonly HistoryEvent[]) {
  const blob = new Blob([JSON.stringify({ executionId: execution.id, workflowId: execution.workflowId, events }, null, 2)], {
    type: "application/json",
  });
  saveFile(blob, `history-${execution.id}.json`);
}

/** One execution: summary, actions, timeline (steps, Gantt, raw events, graph, status on the workflow diagram), payloads, dry-run trace. */
export function ExecutionDetail({ workflowId, executionId }: { workflowId: string; executionId: string }) {
  const [{ view: requested }, setUrl] = useQueryStates(urlState, { history: "replace", scroll: false });
  const execution = useQuery(executionQuery(workflowId, executionId));
  const open = execution.data ? isOpen(execution.data.status) : false;
  // The full Temporal history when the console has Temporal access; the API's summary otherwise.
  const { full, fullData, completeEvents, history, timeline, liveState, progress, interrupted } = useExecutionHistory(
    workflowId,
    executionId,
    execution.isSuccess,
    open,
  );
  const now = useNow(open);
  const [cancelRequestedAt, markCancelRequested] = useCancelRequested(executionId);

  // A shared `#event-<id>` link opens the raw events view.
  const hash = useLocationHash();
  const view: View = requested ?? (/^#event-\d+$/.test(hash) ? "events" : "steps");
  function setView(next: string) {
    const picked = VIEWS.find((v) => v === next);
    if (picked) void setUrl({ view: picked });
  }

  if (execution.isPending) return <SkeletonRows rows={6} label="Loading the execution" />;
  if (execution.isError) {
    return (
      <Card>
        <LoadError error={execution.error} what="execution" retry={() => void execution.refetch()} />
        <CardBody>
          <Link href="/executions" className="text-sm text-brand-700 hover:underline dark:text-brand-100">
            ← All executions
          </Link>
        </CardBody>
      </Card>
    );
  }
  const e = execution.data;
  // The clock reads null until hydration; nothing below that needs it renders on the server.
  const findings = now === null ? [] : findStuck({ open, startedAt: e.startedAt, events: completeEvents, state: liveState, now });
  const events = history.data?.events ?? [];

  const historyBody = (content: (t: NonNullable<typeof timeline>) => ReactNode) => {
    if (history.isPending) return <SkeletonRows rows={8} label="Loading the history" />;
    if (history.isError && history.error) return <LoadError error={history.error} what="history" retry={() => void history.refetch()} />;
    if (!timeline || events.length === 0) {
      return (
        <EmptyState title="No Temporal history">
          The run never started on Temporal{open ? " yet" : ""}, so there are no events to show.
        </EmptyState>
      );
    }
    return content(timeline);
  };

  const tabs = [
    { id: "steps", label: "Steps", content: historyBody((t) => <StepsView timeline={t} />) },
    { id: "gantt", label: "Gantt", content: historyBody((t) => <GanttView timeline={t} live={open} />) },
    {
      id: "events",
      label: `Events${history.data ? ` (${events.length})` : ""}`,
      content: historyBody(() =>
        fullData ? (
          <FullEventsView events={fullData.events} workflowId={e.workflowId} executionId={e.id} valuesHidden={fullData.valuesHidden} />
        ) : (
          <RawEventsView events={events} />
        ),
      ),
    },
    { id: "graph", label: "Graph", content: historyBody((t) => <ExecutionGraph timeline={t} />) },
    {
      id: "diagram",
      label: "Diagram",
      content: historyBody((t) => <DiagramOverlayView workflowId={e.workflowId} timeline={t} open={open} />),
    },
    {
      id: "data",
      label: "Input & result",
      content: (
        <div className="grid gap-4 xl:grid-cols-2">
          <JsonViewer value={e.input} label="Input" emptyText="No input." />
          <JsonViewer value={e.result} label="Result" emptyText={open ? "No result yet." : "No result."} />
        </div>
      ),
    },
    ...(e.dryRun ? [{ id: "trace", label: "Dry-run trace", content: <DryRunTrace result={e.result} /> }] : []),
  ];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm">
            <Link href="/executions" className="text-brand-700 hover:underline dark:text-brand-100">
              Executions
            </Link>
            <span className="text-slate-400"> / </span>
            <span className="font-mono text-xs">{e.id}</span>
          </p>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            <Link href={`/workflows/${e.workflowId}`} className="hover:underline">
              {e.workflowName ?? "(deleted workflow)"}
            </Link>
            {e.workflowVersion ? <span className="text-base font-normal text-slate-500">v{e.workflowVersion}</span> : null}
            <span data-testid="execution-status">
              <StatusBadge status={e.status} cancelRequested={cancelRequestedAt !== null} />
            </span>
            {e.dryRun ? <Badge tone="info">Dry run</Badge> : null}
          </h1>
        </div>
        <ExecutionActions execution={e} onCancelRequested={markCancelRequested} />
      </div>

      <PlatformWaitNotice execution={e} cancelRequestedAt={cancelRequestedAt} />
      <ExecutionAccountability execution={e} />
      {now !== null ? <StuckBanner findings={findings} now={now} /> : null}
      {e.errorMessage && e.status === "CANCELLED" ? (
        <div
          role="status"
          data-testid="cancelled-note"
          className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <p className="font-semibold">Cancelled</p>
          <p className="mt-1 whitespace-pre-wrap break-words">{e.errorMessage}</p>
        </div>
      ) : (
        <ExecutionError execution={e} />
      )}

      <Card>
        <CardBody>
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field label="Started by">
              <StartedBy execution={e} detail />
            </Field>
            <Field label="Queued">
              <Time iso={e.queuedAt} />
            </Field>
            <Field label="Started">
              <Time iso={e.startedAt} fallback="not yet" />
            </Field>
            <Field label="Finished">
              <Time iso={e.finishedAt} fallback={open ? "still running" : "—"} />
            </Field>
            <Field label={e.status === "QUEUED" ? "Queued for" : open ? "Running for" : "Duration"}>
              <LiveDuration execution={e} testId="execution-duration" />
            </Field>
            <Field label="Temporal workflow id">
              <CopyableId value={e.temporalWorkflowId} what="Temporal workflow id" missing="not started on Temporal" />
            </Field>
            <Field label="Temporal run id">
              <CopyableId value={e.temporalRunId} what="Temporal run id" missing="—" />
            </Field>
            <Field label="History">
              {fullData && !fullData.valuesHidden ? (
                <HistoryExportButton workflowId={e.workflowId} executionId={e.id} />
              ) : fullData ? (
                <span className="text-slate-500">export needs permission to run workflows</span>
              ) : history.data && events.length > 0 ? (
                <Button variant="secondary" size="sm" onClick={() => downloadHistory(e, events)}>
                  Download JSON
                </Button>
              ) : (
                <span className="text-slate-500">{history.isPending ? "loading…" : "none"}</span>
              )}
            </Field>
          </dl>
        </CardBody>
      </Card>

      {full.data && !full.data.available ? (
        <p data-testid="temporal-unavailable" className="text-xs text-slate-500">
          {full.data.reason}
        </p>
      ) : null}
      {open && liveState && fullData ? (
        <Card>
          <CardBody>{now !== null ? <LiveStatePanel state={liveState} events={fullData.events} now={now} /> : null}</CardBody>
        </Card>
      ) : null}

      <Card>
        <CardBody>
          <HistoryProgressNote progress={progress} interrupted={interrupted} retry={() => void full.refetch()} />
          <Tabs label="Execution views" items={tabs} value={tabs.some((t) => t.id === view) ? view : "steps"} onChange={setView} />
        </CardBody>
      </Card>
    </div>
  );
}
