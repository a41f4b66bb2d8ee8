import { describe, expect, it } from "vitest";
import type { TemporalHistoryPage } from "@/lib/schemas/temporal";
import type { DecodedEvent } from "@/lib/temporal/decode";
import { addHistoryPage, nextRead, type FullHistory } from "./full-history-pages";

function ev(id: number, type: string, extra: Partial<DecodedEvent> = {}): DecodedEvent {
  const category = type.startsWith("ActivityTask") ? "activity" : "workflow";
  return {
    id: String(id),
    type,
    label: type,
    category,
    time: null,
    summary: null,
    payloadBytes: 0,
    hasDeferred: false,
    attributes: {},
    ...extra,
  } as DecodedEvent;
}

function page(
  events: DecodedEvent[],
  nextPageToken: string | null,
  extra: { tail?: boolean; total?: number | null } = {},
): TemporalHistoryPage {
  return { available: true, events, nextPageToken, valuesHidden: false, ...extra };
}

describe("addHistoryPage", () => {
  it("starts from the first page and keeps the reported total", () => {
    const h = addHistoryPage(undefined, page([ev(1, "WorkflowExecutionStarted")], "t1", { total: 5000 }), false);
    expect(h).toMatchObject({ available: true, cursor: "t1", reach: "more", total: 5000, follow: false });
    expect(h.available && h.events.map((e) => e.id)).toEqual(["1"]);
  });

  it("appends later pages, links activity names across pages and ends on a null token", () => {
    let h: FullHistory = addHistoryPage(
      undefined,
      page([ev(1, "WorkflowExecutionStarted"), ev(2, "ActivityTaskScheduled", { activityType: "charge" })], "t1", { total: 3 }),
      false,
    );
    h = addHistoryPage(h, page([ev(3, "ActivityTaskCompleted", { scheduledEventId: "2" })], null), false);
    expect(h).toMatchObject({ reach: "end", cursor: null, total: 3 });
    expect(h.available && h.events.map((e) => [e.id, e.activityType])).toEqual([
      ["1", undefined],
      ["2", "charge"],
      ["3", "charge"],
    ]);
  });

  it("marks a follow page that reached the run's last event as the tail, and grows the total past the estimate", () => {
    let h: FullHistory = addHistoryPage(
      undefined,
      page([ev(1, "WorkflowExecutionStarted"), ev(2, "WorkflowTaskScheduled")], "tail-1", { tail: true, total: 2 }),
      true,
    );
    expect(h).toMatchObject({ reach: "tail", cursor: "tail-1", follow: true });
    // a poll with nothing new keeps the events and takes the fresh token
    const same = addHistoryPage(h, page([], "tail-2", { tail: true }), true);
    expect(same.available && same.events).toBe(h.available && h.events);
    expect(same).toMatchObject({ cursor: "tail-2", reach: "tail" });
    h = addHistoryPage(same, page([ev(3, "WorkflowTaskStarted")], "tail-3", { tail: true }), true);
    expect(h).toMatchObject({ total: 3, cursor: "tail-3" });
    expect(h.available && h.events).toHaveLength(3);
  });

  it("never holds an event twice: a page that re-reads the tail replaces it from its first id on", () => {
    let h: FullHistory = addHistoryPage(
      undefined,
      page([ev(1, "WorkflowExecutionStarted"), ev(2, "WorkflowTaskScheduled"), ev(3, "WorkflowTaskStarted")], "t", { tail: true }),
      true,
    );
    h = addHistoryPage(h, page([ev(3, "WorkflowTaskFailed"), ev(4, "WorkflowExecutionCancelRequested")], "t2", { tail: true }), true);
    expect(h.available && h.events.map((e) => `${e.id}:${e.type}`)).toEqual([
      "1:WorkflowExecutionStarted",
      "2:WorkflowTaskScheduled",
      "3:WorkflowTaskFailed",
      "4:WorkflowExecutionCancelRequested",
    ]);
  });

  it("takes an unavailable answer as it is", () => {
    expect(addHistoryPage(undefined, { available: false, reason: "no Temporal" }, false)).toEqual({
      available: false,
      reason: "no Temporal",
    });
  });
});

describe("nextRead", () => {
  it("reads from the start when nothing (or nothing usable) is held", () => {
    expect(nextRead(undefined)).toEqual({ from: null, follow: false });
    expect(nextRead({ available: false, reason: "x" })).toEqual({ from: null, follow: false });
  });

  it("reads on from the cursor in the mode the history was read in, and never past the end", () => {
    const tail = addHistoryPage(undefined, page([ev(1, "WorkflowExecutionStarted")], "tail", { tail: true }), true);
    expect(nextRead(tail)).toEqual({ from: "tail", follow: true });
    const partial = addHistoryPage(undefined, page([ev(1, "WorkflowExecutionStarted")], "p2"), false);
    expect(nextRead(partial)).toEqual({ from: "p2", follow: false });
    const done = addHistoryPage(partial, page([ev(2, "WorkflowExecutionCompleted")], null), false);
    expect(nextRead(done)).toBe("none");
  });
});
