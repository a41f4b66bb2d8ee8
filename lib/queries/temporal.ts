import { queryOptions } from "@tanstack/react-query";
import { temporalEventSchema, temporalHistoryPageSchema, temporalStateSchema, type TemporalHistoryPage } from "@/lib/schemas/temporal";
import { addHistoryPage, nextRead, type FullHistory } from "./full-history-pages";
import { executionsKeys, POLL_OPEN_MS } from "./executions";
import { bffFetch } from "./fetcher";

/** Events per BFF page after the first: 51,200 events (Temporal's cap) load in 26 requests. */
export const FULL_HISTORY_PAGE_SIZE = 2000;
/** The first page is smaller, so the first rows show as soon as possible. */
export const FIRST_PAGE_SIZE = 500;

export type { FullHistory, LoadedHistory } from "./full-history-pages";

function base(workflowId: string, executionId: string): string {
  return `/api/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(executionId)}`;
}

export const temporalKeys = {
  full: (workflowId: string, executionId: string) => [...executionsKeys.detail(workflowId, executionId), "temporal", "history"] as const,
  state: (workflowId: string, executionId: string) => [...executionsKeys.detail(workflowId, executionId), "temporal", "state"] as const,
  event: (workflowId: string, executionId: string, eventId: string) =>
    [...executionsKeys.detail(workflowId, executionId), "temporal", "event", eventId] as const,
};

/**
 * Reads BFF history pages from `from` on (null: the first page), yielding each as it arrives, until
 * the history ends (closed run) or, in follow mode, reaches the run's current last event.
 */
export async function* historyPages(
  workflowId: string,
  executionId: string,
  from: string | null,
  follow: boolean,
  signal?: AbortSignal,
): AsyncGenerator<TemporalHistoryPage> {
  let token = from;
  let first = from === null;
  for (;;) {
    const q = new URLSearchParams({ pageSize: String(first ? FIRST_PAGE_SIZE : FULL_HISTORY_PAGE_SIZE) });
    if (token) q.set("pageToken", token);
    if (follow) q.set("follow", "1");
    const page = await bffFetch(`${base(workflowId, executionId)}/temporal/history?${q.toString()}`, temporalHistoryPageSchema, { signal });
    yield page;
    if (!page.available || page.nextPageToken === null || page.tail) return;
    token = page.nextPageToken;
    first = false;
  }
}

/**
 * The full Temporal history, read progressively: each page lands in the cache as it arrives, so
 * the first rows show while the rest loads. A refetch (the poll while the run is open, a refocus,
 * an invalidation) reads on from the last page's token only: the events added since, never the
 * pages already held. A complete history of a closed run is not read again.
 */
export function fullHistoryQuery(workflowId: string, executionId: string, live = false) {
  return queryOptions({
    queryKey: temporalKeys.full(workflowId, executionId),
    queryFn: async ({ client, queryKey, signal }): Promise<FullHistory> => {
      const prev = client.getQueryData<FullHistory>(queryKey);
      const read = nextRead(prev);
      if (read === "none") return prev as FullHistory;
      const fresh = read.from === null;
      const follow = fresh ? live : read.follow;
      let acc = fresh ? undefined : prev;
      for await (const page of historyPages(workflowId, executionId, read.from, follow, signal)) {
        acc = addHistoryPage(acc, page, follow);
        client.setQueryData(queryKey, acc);
      }
      if (!acc) throw new Error("The history read returned no page");
      return acc;
    },
    refetchInterval: live ? POLL_OPEN_MS : false,
    staleTime: live ? 0 : 30_000,
    // 51,200 events: a deep compare of every page against the last buys nothing
    structuralSharing: false,
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
