// The raw-event view of a history: hide `Unknown`, filter by type, search text. Histories reach
// 51,200 events (Temporal's cap), so everything here is one pass; callers that filter on every
// keystroke build the index once and reuse it.
import type { HistoryEvent } from "@/lib/schemas/history";

export interface RawEventFilter {
  /** Hide `Unknown` events (default true: they are workflow-task bookkeeping). */
  hideUnknown?: boolean;
  /** Keep only these types; empty or absent keeps all. */
  types?: readonly string[];
  /** Case-insensitive text matched against id, type, activity type and failure. */
  search?: string;
}

export interface RawEventIndex {
  events: readonly HistoryEvent[];
  /** Lowercased searchable text per event, same order. */
  haystacks: string[];
}

/** Precompute the lowercase search text of every event (one pass). */
export function buildEventIndex(events: readonly HistoryEvent[]): RawEventIndex {
  const haystacks = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!e) continue;
    haystacks[i] = `${e.id}\u0000${e.type}\u0000${e.activityType ?? ""}\u0000${e.failure ?? ""}`.toLowerCase();
  }
  return { events, haystacks };
}

/** Positions (into `index.events`) of the events that pass the filter, in order; O(n). */
export function filterEventIndexes(index: RawEventIndex, filter: RawEventFilter = {}): number[] {
  const hideUnknown = filter.hideUnknown ?? true;
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null;
  const needle = (filter.search ?? "").trim().toLowerCase();
  const out: number[] = [];
  const { events, haystacks } = index;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!e) continue;
    if (hideUnknown && e.type === "Unknown") continue;
    if (types && !types.has(e.type)) continue;
    if (needle && !(haystacks[i] ?? "").includes(needle)) continue;
    out.push(i);
  }
  return out;
}

/** The events that pass the filter, in order; O(n). */
export function filterEvents(events: readonly HistoryEvent[], filter: RawEventFilter = {}): HistoryEvent[] {
  const index = buildEventIndex(events);
  const out: HistoryEvent[] = [];
  for (const i of filterEventIndexes(index, filter)) {
    const e = events[i];
    if (e) out.push(e);
  }
  return out;
}

/** How many events of each type, in first-seen order (for filter chips). */
export function countEventTypes(events: readonly HistoryEvent[]): { type: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count }));
}
