"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { historyQuery } from "@/lib/queries/executions";
import { fullHistoryQuery, runStateQuery, type LoadedHistory } from "@/lib/queries/temporal";
import type { HistoryEvent } from "@/lib/schemas/history";
import { groupSteps, toTimelineEvents } from "@/lib/timeline";

/** How far the full history has loaded: "x of ~y" while pages are still coming. */
export interface HistoryProgress {
  loaded: number;
  total: number | null;
  loading: boolean;
}

/**
 * The history an execution page shows: the full Temporal history (read progressively) when the
 * console has Temporal access, the API's flattened history otherwise; plus the live state.
 */
export function useExecutionHistory(workflowId: string, executionId: string, ready: boolean, open: boolean) {
  const full = useQuery({ ...fullHistoryQuery(workflowId, executionId, open), enabled: ready });
  const fullData: LoadedHistory | null = full.data?.available ? full.data : null;
  const useApiHistory = full.isError ? fullData === null : full.data?.available === false;
  const apiHistory = useQuery({ ...historyQuery(workflowId, executionId, open), enabled: ready && useApiHistory });
  const fullEvents = useMemo(() => (fullData ? toTimelineEvents(fullData.events) : null), [fullData]);
  const history: {
    data: { events: HistoryEvent[] } | undefined;
    isPending: boolean;
    isError: boolean;
    error: Error | null;
    refetch: () => unknown;
  } = fullData
    ? { data: { events: fullEvents ?? [] }, isPending: false, isError: false, error: null, refetch: full.refetch }
    : useApiHistory
      ? apiHistory
      : { data: undefined, isPending: !full.isError, isError: false, error: null, refetch: full.refetch };
  const timeline = useMemo(() => (history.data ? groupSteps(history.data.events) : null), [history.data]);
  const runState = useQuery({ ...runStateQuery(workflowId, executionId, open), enabled: ready && fullData !== null });
  const liveState = runState.data?.available ? runState.data.state : null;

  // The history stops polling when the run closes; read on once more so the last events (the
  // final step, the workflow's end) are not cut off by the poll that came just before.
  const refetchHistory = history.refetch;
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) void refetchHistory();
    wasOpen.current = open;
  }, [open, refetchHistory]);

  const progress: HistoryProgress | null = fullData
    ? { loaded: fullData.events.length, total: fullData.total, loading: fullData.reach === "more" }
    : null;
  return {
    full,
    fullData,
    /** The full history's events once every page up to the run's last event is in (stuck checks read them whole). */
    completeEvents: fullData && fullData.reach !== "more" ? fullData.events : null,
    history,
    timeline,
    liveState,
    progress,
    /** Pages stopped coming (an error part-way): the rows so far stay, a retry reads on. */
    interrupted: fullData !== null && fullData.reach === "more" && full.isError,
  };
}
