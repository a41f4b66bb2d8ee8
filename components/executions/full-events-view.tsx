"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useLocationHash } from "@/components/timeline/use-location-hash";
import { eventIdFromHash } from "@/components/timeline/raw-events-view";
import type { DecodedEvent } from "@/lib/temporal/decode";
import { EVENT_CATEGORY_LABELS, type EventCategory } from "@/lib/temporal/event-types";
import { EventAttributes, formatBytes } from "./event-attributes";
import { Time } from "./time";
import { countOf } from "@/lib/text/count";
import { SearchField } from "@/components/ui/search-field";

const ROW_PX = 34;

function isBad(e: DecodedEvent): boolean {
  return /Failed$|TimedOut$|Terminated$/.test(e.type);
}

/**
 * Every Temporal event of the run, named (workflow tasks, signals, markers, cancel requests…),
 * virtualized for 51,200 rows; a row opens its attributes below the list (`#event-<id>` links).
 */
export function FullEventsView({
  events,
  workflowId,
  executionId,
  valuesHidden,
}: {
  events: readonly DecodedEvent[];
  workflowId: string;
  executionId: string;
  valuesHidden: boolean;
}) {
  const [category, setCategory] = useState<EventCategory | "">("");
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim().toLowerCase());
  const categories = useMemo(() => {
    const counts = new Map<EventCategory, number>();
    for (const e of events) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    return [...counts];
  }, [events]);
  const haystacks = useMemo(
    () => events.map((e) => `${e.id}\u0000${e.type}\u0000${e.label}\u0000${e.summary ?? ""}`.toLowerCase()),
    [events],
  );
  const visible = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as DecodedEvent;
      if (category && e.category !== category) continue;
      if (deferred && !(haystacks[i] ?? "").includes(deferred)) continue;
      out.push(i);
    }
    return out;
  }, [events, haystacks, category, deferred]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
  });
  const hash = useLocationHash();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const fromHash = eventIdFromHash(hash);
  const [hashSeen, setHashSeen] = useState<string | null>(null);
  if (fromHash && hashSeen !== fromHash) {
    setHashSeen(fromHash);
    setSelectedId(fromHash);
    setCategory("");
    setSearch("");
  }
  useEffect(() => {
    if (!fromHash) return;
    const pos = visible.findIndex((i) => events[i]?.id === fromHash);
    if (pos >= 0) virtualizer.scrollToIndex(pos, { align: "center" });
  }, [fromHash, visible, events, virtualizer]);
  const selected = selectedId ? events.find((e) => e.id === selectedId) : undefined;

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-end gap-3 text-sm">
        <SearchField value={search} onChange={setSearch} placeholder="id, event, step, failure" />
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-500">Kind</span>
          <select
            value={category}
            onChange={(e) => setCategory(e.target.value as EventCategory | "")}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">All kinds</option>
            {categories.map(([c, n]) => (
              <option key={c} value={c}>
                {EVENT_CATEGORY_LABELS[c]} ({n})
              </option>
            ))}
          </select>
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
        {visible.length.toLocaleString("en-US")} of {countOf(events.length, "event")} (full Temporal history)
        {valuesHidden ? " · payload values hidden for your role" : ""}
      </p>
      <div
        ref={scrollRef}
        className="h-[55vh] overflow-auto rounded-md border border-slate-200 text-xs dark:border-slate-800"
        role="list"
        aria-label="Temporal history events"
        tabIndex={0}
      >
        {visible.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">No event matches.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const e = events[visible[item.index] ?? 0] as DecodedEvent;
              const open = selectedId === e.id;
              return (
                <div
                  key={e.id}
                  id={`event-${e.id}`}
                  role="listitem"
                  data-testid="full-event-row"
                  data-event-type={e.type}
                  className={cn(
                    "absolute left-0 top-0 flex w-full items-center gap-2 border-b border-slate-100 px-2 dark:border-slate-800",
                    open ? "bg-brand-50 dark:bg-slate-800" : "",
                  )}
                  style={{ height: ROW_PX, transform: `translateY(${item.start}px)` }}
                >
                  <a
                    href={`#event-${e.id}`}
                    className="w-12 shrink-0 text-right font-mono text-brand-700 hover:underline dark:text-brand-100"
                    aria-label={`Link to event ${e.id}`}
                  >
                    {e.id}
                  </a>
                  <button
                    type="button"
                    aria-expanded={open}
                    aria-controls="event-details"
                    onClick={() => setSelectedId(open ? null : e.id)}
                    className="flex min-w-0 flex-1 items-center gap-2 text-left hover:underline"
                  >
                    <span className="hidden w-40 shrink-0 text-slate-500 sm:inline">
                      <Time iso={e.time} />
                    </span>
                    <span className={cn("shrink-0 font-medium", isBad(e) ? "text-red-700 dark:text-red-300" : "")}>{e.label}</span>
                    <span className="hidden shrink-0 text-slate-400 md:inline">{EVENT_CATEGORY_LABELS[e.category]}</span>
                    {e.summary ? <span className="truncate text-slate-600 dark:text-slate-300">{e.summary}</span> : null}
                    {e.payloadBytes ? <span className="ml-auto shrink-0 text-slate-400">{formatBytes(e.payloadBytes)}</span> : null}
                  </button>
                </div>
              );
            })}
          </div>
        )}
      </div>
      <section id="event-details" aria-label="Event details" className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
        {selected ? (
          <>
            <h3 className="mb-2 text-sm font-semibold">
              {selected.label} <span className="font-normal text-slate-500">(event {selected.id})</span>
            </h3>
            <EventAttributes key={selected.id} event={selected} workflowId={workflowId} executionId={executionId} />
          </>
        ) : (
          <p className="text-sm text-slate-500">
            Select an event to see its attributes: payloads, failure with cause chain and stack trace, retry policy, timeouts, task queue
            and worker.
          </p>
        )}
      </section>
    </div>
  );
}
