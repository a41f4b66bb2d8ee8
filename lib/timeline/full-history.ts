// The full Temporal history (lib/temporal/decode) as input for the timeline views: the same
// HistoryEvent rows the API's flattening gives, plus the ids that make pairing exact
// (`scheduledEventId` of a step's events, `startedEventId` of a fired timer).
import { HISTORY_EVENT_TYPES, type HistoryEvent } from "@/lib/schemas/history";
import type { DecodedEvent } from "@/lib/temporal/decode";

/** The 14 kinds the timeline views group (the contract's labels); every other event is bookkeeping for them. */
const TIMELINE_TYPES: ReadonlySet<string> = new Set(HISTORY_EVENT_TYPES.filter((t) => t !== "Unknown"));

/**
 * Gives every step event the name of its step: a page of history read on its own cannot know the
 * names of steps scheduled on earlier pages. One pass, in place on copies.
 */
export function linkActivityNames(events: readonly DecodedEvent[]): DecodedEvent[] {
  const names = new Map<string, string>();
  return events.map((e) => {
    if (e.type === "ActivityTaskScheduled" && e.activityType) names.set(e.id, e.activityType);
    if (!e.activityType && e.category === "activity" && e.scheduledEventId) {
      const name = names.get(e.scheduledEventId);
      if (name) return { ...e, activityType: name };
    }
    return e;
  });
}

/** Decoded events → timeline rows (types outside the 14 read as "Unknown", as in the API's flattening). */
export function toTimelineEvents(events: readonly DecodedEvent[]): HistoryEvent[] {
  const out: HistoryEvent[] = new Array<HistoryEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as DecodedEvent;
    const row: HistoryEvent = { id: e.id, type: TIMELINE_TYPES.has(e.type) ? e.type : "Unknown", timestamp: e.time };
    if (e.activityType && e.category === "activity") row.activityType = e.activityType;
    if (e.attempt) row.attempt = e.attempt;
    if (e.failure?.message) row.failure = e.failure.type ? `${e.failure.type}: ${e.failure.message}` : e.failure.message;
    if (e.scheduledEventId && e.type.startsWith("ActivityTask")) row.scheduledEventId = e.scheduledEventId;
    if (e.startedEventId && e.type === "TimerFired") row.startedEventId = e.startedEventId;
    out[i] = row;
  }
  return out;
}
