"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Time } from "@/components/executions/time";
import type { HistoryEvent } from "@/lib/schemas/history";
import { useLocationHash } from "./use-location-hash";
import { buildEventIndex, countEventTypes, filterEventIndexes } from "@/lib/timeline";
import { countOf } from "@/lib/text/count";
import { SearchField } from "@/components/ui/search-field";

const ROW_PX = 32;

/** The event id named by `#event-<id>`, or null. */
export function eventIdFromHash(hash: string): string | null {
  const m = /^#event-(\d+)$/.exec(hash);
  return m ? (m[1] ?? null) : null;
}

/**
 * Every flattened event, virtualized (51,200 rows stay fast): `Unknown` hidden by default, filter
 * by type, search, and a shareable `#event-<id>` link per row that scrolls to it.
 */
export function RawEventsView({ events }: { events: readonly HistoryEvent[] }) {
  const index = useMemo(() => buildEventIndex(events), [events]);
  const typeCounts = useMemo(() => countEventTypes(events), [events]);
  const [showUnknown, setShowUnknown] = useState(false);
  const [type, setType] = useState("");
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const visible = useMemo(
    () => filterEventIndexes(index, { hideUnknown: !showUnknown, types: type ? [type] : [], search: deferredSearch }),
    [index, showUnknown, type, deferredSearch],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
  });

  // Follow `#event-<id>` (on load and when a row link is clicked); reveal the event if filters hide it.
  const hash = useLocationHash();
  const target = eventIdFromHash(hash);
  const targetEvent = useMemo(() => (target ? events.find((e) => e.id === target) : undefined), [target, events]);
  const [revealedFor, setRevealedFor] = useState<string | null>(null);
  if (targetEvent && revealedFor !== targetEvent.id) {
    // Adjusting state while rendering (not in an effect): filters that hide the target give way.
    setRevealedFor(targetEvent.id);
    if (targetEvent.type === "Unknown") setShowUnknown(true);
    if (type && type !== targetEvent.type) setType("");
    setSearch("");
  }

  useEffect(() => {
    if (!targetEvent) return;
    const pos = visible.findIndex((i) => events[i]?.id === targetEvent.id);
    if (pos >= 0) virtualizer.scrollToIndex(pos, { align: "center" });
  }, [targetEvent, visible, events, virtualizer]);

  const unknownCount = typeCounts.find((t) => t.type === "Unknown")?.count ?? 0;
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-end gap-3 text-sm">
        <SearchField value={search} onChange={setSearch} placeholder="id, type, activity, failure" />
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-500">Type</span>
          <select
            value={type}
            onChange={(e) => setType(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">All types</option>
            {typeCounts.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type} ({t.count})
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 pb-1">
          <input type="checkbox" checked={showUnknown} onChange={(e) => setShowUnknown(e.target.checked)} />
          <span>Show {unknownCount} bookkeeping (Unknown) events</span>
        </label>
        <Button
          variant="secondary"
          size="sm"
          className="ml-auto"
          disabled={visible.length === 0}
          onClick={() => virtualizer.scrollToIndex(visible.length - 1, { align: "end" })}
        >
          Jump to last event
        </Button>
      </div>
      <p className="mb-1 text-xs text-slate-500" aria-live="polite">
        {visible.length.toLocaleString("en-US")} of {countOf(events.length, "event")}
      </p>
      <div
        ref={scrollRef}
        className="h-[60vh] overflow-auto rounded-md border border-slate-200 font-mono text-xs dark:border-slate-800"
        role="list"
        aria-label="History events"
        tabIndex={0}
      >
        {visible.length === 0 ? (
          <p className="p-4 font-sans text-sm text-slate-500">No event matches.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const e = events[visible[item.index] ?? 0] as HistoryEvent;
              return (
                <div
                  key={e.id}
                  id={`event-${e.id}`}
                  role="listitem"
                  data-testid="event-row"
                  className={cn(
                    "absolute left-0 top-0 flex w-full items-center gap-3 border-b border-slate-100 px-3 dark:border-slate-800",
                    target === e.id ? "bg-amber-50 dark:bg-amber-900/30" : "",
                  )}
                  style={{ height: ROW_PX, transform: `translateY(${item.start}px)` }}
                >
                  <a
                    href={`#event-${e.id}`}
                    className="w-16 shrink-0 text-right text-brand-700 hover:underline dark:text-brand-100"
                    aria-label={`Link to event ${e.id}`}
                  >
                    {e.id}
                  </a>
                  <span className="w-44 shrink-0 font-sans text-slate-500">
                    <Time iso={e.timestamp} />
                  </span>
                  <span
                    className={cn(
                      "shrink-0",
                      e.type.endsWith("Failed") || e.type.endsWith("TimedOut") ? "text-red-700 dark:text-red-300" : "",
                    )}
                  >
                    {e.type}
                  </span>
                  {e.activityType ? <span className="shrink-0 text-slate-600 dark:text-slate-300">{e.activityType}</span> : null}
                  {e.attempt ? <span className="shrink-0 text-slate-500">attempt {e.attempt}</span> : null}
                  {e.failure ? <span className="truncate text-red-700 dark:text-red-300">{e.failure}</span> : null}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
