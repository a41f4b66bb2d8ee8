import type { TemporalHistoryPage } from "@/lib/schemas/temporal";
import type { DecodedEvent } from "@/lib/temporal/decode";
import { linkActivityNames } from "@/lib/timeline/full-history";

/**
 * The full Temporal history as far as the browser has read it. `cursor` is the BFF page token to
 * read on from; `reach` says how far the events go:
 * - "more": pages are still to be read (first load under way, or it was interrupted);
 * - "tail": every event up to the run's current last one (open run; `cursor` reads what comes next);
 * - "end": the whole history of a closed run (nothing more will come).
 */
export interface LoadedHistory {
  available: true;
  events: DecodedEvent[];
  valuesHidden: boolean;
  cursor: string | null;
  reach: "more" | "tail" | "end";
  /** Read in follow mode (the run was open): the cursor is a follow token. */
  follow: boolean;
  /** The history length Temporal reported with the first page; grows with the events read. */
  total: number | null;
}

export type FullHistory = LoadedHistory | { available: false; reason: string };

/**
 * Appends `incoming` to `held`. A page that starts at or before the last held event (a re-read of
 * the tail) replaces the held events from its first id on, so no event is held twice.
 */
function mergeEvents(held: DecodedEvent[], incoming: readonly DecodedEvent[]): DecodedEvent[] {
  const first = incoming[0];
  if (!first) return held;
  const last = held[held.length - 1];
  if (!last || Number(first.id) > Number(last.id)) return [...held, ...incoming];
  const cut = held.findIndex((e) => Number(e.id) >= Number(first.id));
  return [...held.slice(0, cut), ...incoming];
}

/**
 * Adds a BFF page to what was read so far (the reducer of the progressive full-history query);
 * `acc` undefined starts afresh. `follow`: the page was read in follow mode.
 */
export function addHistoryPage(acc: FullHistory | undefined, page: TemporalHistoryPage, follow: boolean): FullHistory {
  if (!page.available) return page;
  const prev = acc?.available ? acc : null;
  const events = prev
    ? page.events.length > 0
      ? linkActivityNames(mergeEvents(prev.events, page.events))
      : prev.events
    : linkActivityNames(page.events);
  const reach = page.nextPageToken === null ? "end" : page.tail ? "tail" : "more";
  const reported = prev ? prev.total : (page.total ?? null);
  return {
    available: true,
    events,
    valuesHidden: page.valuesHidden,
    cursor: page.nextPageToken,
    reach,
    follow,
    total: reported === null ? null : Math.max(reported, events.length),
  };
}

/**
 * Where the next read starts: null to read from the first page, the cursor to read on, or "none"
 * when the history is complete. A follow read goes on from its tail; a history read while the run
 * was closed has nothing after its end.
 */
export function nextRead(prev: FullHistory | undefined): { from: string | null; follow: boolean } | "none" {
  if (!prev || !prev.available) return { from: null, follow: false };
  if (prev.reach === "end") return "none";
  return { from: prev.cursor, follow: prev.follow };
}
