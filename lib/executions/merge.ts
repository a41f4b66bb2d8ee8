// The cross-workflow executions list (the gap in pegasus-api.md §13.4 item 1). The upstream only
// lists one workflow's executions, newest first by (queuedAt desc, id desc), in keyset pages
// whose `before` is the id of the previous page's last row (§4.4). A merged page is built by
// fetching the next rows of every workflow still in play and consuming them in that same global
// order; each workflow's `before` becomes the last row consumed from it. Rows fetched but not
// consumed are simply fetched again next time, so the cursor is all the state there is:
// base64url JSON of per-workflow `before` ids and exhausted flags, plus the filter key it was
// made for. The workflow set is fixed by the first page: a workflow created while paging shows
// up when the list is opened again from the top.
import { z } from "zod";
import type { Execution } from "@/lib/schemas/execution";
import { filterKey, matchesExecutionFilters, type ExecutionFilters } from "./filters";

/** Upstream page size bounds (contract §4.4). */
export const MAX_UPSTREAM_LIMIT = 200;

const cursorSchema = z.object({
  v: z.literal(1),
  /** Filter key the cursor belongs to. */
  f: z.string(),
  /** Per workflow: `b` = before id (absent: start from the newest), `x` = exhausted. */
  w: z.record(z.string(), z.object({ b: z.string().optional(), x: z.literal(1).optional() })),
});
export type ExecutionCursor = z.infer<typeof cursorSchema>;

// btoa/atob over UTF-8 bytes, so the same code runs in the browser and on Node 20.
function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Encode a cursor as base64url JSON. */
export function encodeCursor(cursor: ExecutionCursor): string {
  return toBase64Url(JSON.stringify(cursor));
}

/** Decode and check a cursor; null when it is malformed or was made for other filters. */
export function decodeCursor(text: string, filters: Partial<ExecutionFilters> = {}): ExecutionCursor | null {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
    const parsed = cursorSchema.safeParse(JSON.parse(fromBase64Url(text)));
    if (!parsed.success || parsed.data.f !== filterKey(filters)) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** The upstream order: queuedAt descending, then id descending. Negative when `a` comes first. */
export function compareExecutions(a: Pick<Execution, "queuedAt" | "id">, b: Pick<Execution, "queuedAt" | "id">): number {
  const qa = Date.parse(a.queuedAt);
  const qb = Date.parse(b.queuedAt);
  if (qa !== qb) return qb - qa;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

export interface UpstreamPageRequest {
  workflowId: string;
  before?: string;
  limit: number;
}

/** The starting cursor for a set of workflows (all from the top). */
export function initialCursor(workflowIds: readonly string[], filters: Partial<ExecutionFilters> = {}): ExecutionCursor {
  const w: ExecutionCursor["w"] = {};
  for (const id of [...new Set(workflowIds)].sort()) w[id] = {};
  return { v: 1, f: filterKey(filters), w };
}

export interface MergedPage {
  items: Execution[];
  /** Rows read to fill this page (matching or not) and the queuedAt of the oldest: what a search covered. */
  scanned: { runs: number; oldest: string | null };
  /** The cursor after this page; null when every workflow is exhausted. */
  cursor: ExecutionCursor | null;
}

/** Rows asked of every workflow in the first round: its share of the page, with some slack. */
export function firstFetchLimit(limit: number, workflows: number, filtered: boolean): number {
  const share = Math.ceil(limit / Math.max(1, workflows));
  // Filtered pages drop most rows, so start bigger; either way later rounds grow per workflow.
  const want = filtered ? Math.max(4 * share, 20) : Math.max(2 * share, 5);
  return Math.max(1, Math.min(MAX_UPSTREAM_LIMIT, limit, want));
}

/**
 * Fill one merged page of `limit` rows. Each workflow still in play is asked for a small first
 * batch (its share of the page), and only the workflows whose fetched rows run out while they may
 * have more are asked again, for more rows each time, until the page is full, every workflow is
 * exhausted, or (filtered pages only) `maxRounds` rounds were made (default 10; the page may then be
 * short, with a non-null cursor). An unfiltered refill asks for every row the page can still take,
 * so no workflow runs dry twice and the rounds are bounded by the workflow count; workflows about to
 * run dry are topped up in the same round. `fetchLimit` fixes the batch size instead. `fetchPage`
 * performs one upstream list call; refills continue from the last row fetched, in upstream order.
 */
export async function collectExecutionsPage(args: {
  cursor: ExecutionCursor;
  limit: number;
  fetchLimit?: number;
  filters?: Partial<ExecutionFilters>;
  maxRounds?: number;
  fetchPage: (request: UpstreamPageRequest) => Promise<readonly Execution[]>;
}): Promise<MergedPage> {
  const { cursor, limit, fetchPage } = args;
  const filters = args.filters ?? {};
  const filtered = filterKey(filters) !== "";
  const maxRounds = args.maxRounds ?? 10;
  const fromMs = filters.from ? Date.parse(filters.from) : null;
  const fixed = args.fetchLimit === undefined ? null : Math.max(1, Math.min(MAX_UPSTREAM_LIMIT, Math.floor(args.fetchLimit)));

  interface Lane {
    id: string;
    /** Fetched rows in upstream order; `pos` is the next one to consume. */
    rows: Execution[];
    pos: number;
    /** Id of the last row fetched: where the next upstream call continues. */
    fetchedUpTo?: string;
    /** The upstream has nothing after the fetched rows. */
    lastPage: boolean;
    /** Size of the previous call (0 before the first). */
    lastAsked: number;
  }
  const next: ExecutionCursor = { v: 1, f: cursor.f, w: {} };
  const lanes: Lane[] = [];
  for (const [id, state] of Object.entries(cursor.w)) {
    next.w[id] = { ...state };
    if (!state.x) lanes.push({ id, rows: [], pos: 0, fetchedUpTo: state.b, lastPage: false, lastAsked: 0 });
  }
  const first = fixed ?? firstFetchLimit(limit, lanes.length, filtered);
  const items: Execution[] = [];
  const scanned: MergedPage["scanned"] = { runs: 0, oldest: null };

  const sizeFor = (lane: Lane): number => {
    if (fixed !== null) return fixed;
    if (lane.lastAsked === 0) return first;
    // Unfiltered, one workflow can give at most what the page still lacks; filtered, grow.
    const grown = filtered ? lane.lastAsked * 4 : limit - items.length;
    return Math.max(1, Math.min(MAX_UPSTREAM_LIMIT, Math.max(grown, lane.lastAsked)));
  };
  const refill = async (dry: Lane[]): Promise<void> => {
    await Promise.all(
      dry.map(async (lane) => {
        const size = sizeFor(lane);
        const rows = await fetchPage(
          lane.fetchedUpTo ? { workflowId: lane.id, before: lane.fetchedUpTo, limit: size } : { workflowId: lane.id, limit: size },
        );
        lane.rows = lane.rows.slice(lane.pos).concat(rows);
        lane.pos = 0;
        lane.lastAsked = size;
        lane.lastPage = rows.length < size;
        const last = rows[rows.length - 1];
        if (last) lane.fetchedUpTo = last.id;
      }),
    );
  };

  let rounds = 0;
  if (limit > 0 && lanes.length > 0 && maxRounds > 0) {
    await refill(lanes);
    rounds = 1;
  }
  while (rounds > 0 && items.length < limit) {
    // The lane whose head comes first; a lane with no fetched rows left that may have more
    // upstream blocks everything (its next rows could come first): fetch more for such lanes.
    let best: Lane | null = null;
    const dry: Lane[] = [];
    for (const lane of lanes) {
      const head = lane.rows[lane.pos];
      if (!head) {
        if (!lane.lastPage) dry.push(lane);
        continue;
      }
      if (!best || compareExecutions(head, best.rows[best.pos] as Execution) < 0) best = lane;
    }
    if (dry.length > 0) {
      if (filtered && rounds >= maxRounds) break;
      // Top up the lanes that are about to run dry too, so they do not each cost a round later.
      const low = Math.ceil(first / 2);
      await refill(lanes.filter((lane) => !lane.lastPage && lane.rows.length - lane.pos < low));
      rounds++;
      continue;
    }
    if (!best) break;
    const row = best.rows[best.pos] as Execution;
    // Everything after this row is older than the range: this workflow is done for the query.
    if (fromMs !== null && Date.parse(row.queuedAt) < fromMs) {
      best.pos = best.rows.length;
      best.lastPage = true;
      continue;
    }
    best.pos++;
    next.w[best.id] = { b: row.id };
    scanned.runs++;
    scanned.oldest = row.queuedAt;
    if (matchesExecutionFilters(row, filters)) items.push(row);
  }
  // No workflow left in play (none selected, e.g. a name with no visible version): nothing more to page.
  if (rounds === 0) return { items, cursor: lanes.length === 0 ? null : cursor, scanned };
  for (const lane of lanes) {
    if (lane.lastPage && lane.pos >= lane.rows.length) next.w[lane.id] = { x: 1 };
  }
  const done = Object.values(next.w).every((st) => st.x);
  return { items, cursor: done ? null : next, scanned };
}
