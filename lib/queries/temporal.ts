import { queryOptions } from "@tanstack/react-query";
import { temporalEventSchema, temporalHistoryPageSchema, temporalStateSchema } from "@/lib/schemas/temporal";
import type { DecodedEvent } from "@/lib/temporal/decode";
import { linkActivityNames } from "@/lib/timeline/full-history";
import { executionsKeys, POLL_OPEN_MS } from "./executions";
import { bffFetch } from "./fetcher";

/** Events per BFF page: 51,200 events (Temporal's cap) load in 26 requests. */
export const FULL_HISTORY_PAGE_SIZE = 2000;

export type FullHistory = { available: true; events: DecodedEvent[]; valuesHidden: boolean } | { available: false; reason: string };

function base(workflowId: string, executionId: string): string {
  return `/api/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(executionId)}`;
}

export const temporalKeys = {
  full: (workflowId: string, executionId: string) => [...executionsKeys.detail(workflowId, executionId), "temporal", "history"] as const,
  state: (workflowId: string, executionId: string) => [...executionsKeys.detail(workflowId, executionId), "temporal", "state"] as const,
  event: (workflowId: string, executionId: string, eventId: string) => [...executionsKeys.detail(workflowId, executionId), "temporal", "event", eventId] as const,
};

/** Reads every page of the full Temporal history (BFF GET …/temporal/history). */
export async function fetchFullHistory(workflowId: string, executionId: string, pageSize = FULL_HISTORY_PAGE_SIZE): Promise<FullHistory> {
  const events: DecodedEvent[] = [];
  let token: string | null = null;
  let valuesHidden = false;
  do {
    const q = new URLSearchParams({ pageSize: String(pageSize) });
    if (token) q.set("pageToken", token);
    const page = await bffFetch(`${base(workflowId, executionId)}/temporal/history?${q.toString()}`, temporalHistoryPageSchema);
    if (!page.available) return page;
    for (const e of page.events) events.push(e);
    valuesHidden = page.valuesHidden;
    token = page.nextPageToken;
  } while (token);
  return { available: true, events: linkActivityNames(events), valuesHidden };
}

/** The full Temporal history; `live` polls it while the run is open. */
export function fullHistoryQuery(workflowId: string, executionId: string, live = false) {
  return queryOptions({
    queryKey: temporalKeys.full(workflowId, executionId),
    queryFn: () => fetchFullHistory(workflowId, executionId),
    refetchInterval: live ? POLL_OPEN_MS : false,
    staleTime: live ? 0 : 30_000,
  });
}

/** Live state from Temporal's describe call; polls while the run is open. */
export function runStateQuery(workflowId: string, executionId: string, live = false) {
  return queryOptions({
    queryKey: temporalKeys.state(workflowId, executionId),
    queryFn: () => bffFetch(`${base(workflowId, executionId)}/temporal/state`, temporalStateSchema),
    refetchInterval: live ? POLL_OPEN_MS : false,
  });
}

/** One event with every payload inline (the on-demand load of large payloads). */
export function temporalEventQuery(workflowId: string, executionId: string, eventId: string) {
  return queryOptions({
    queryKey: temporalKeys.event(workflowId, executionId, eventId),
    queryFn: () => bffFetch(`${base(workflowId, executionId)}/temporal/events/${encodeURIComponent(eventId)}`, temporalEventSchema),
    staleTime: Infinity,
  });
}

/** The export URL (Temporal's JSON history with x-content-sha256). */
export function historyExportUrl(workflowId: string, executionId: string): string {
  return `${base(workflowId, executionId)}/history/export`;
}
