import { describe, expect, it } from "vitest";
import { STEP_STATUS, TIMER_STATUS, stepStatusLook } from "./step-status";

describe("step status vocabulary", () => {
  it("an open activity without a recorded start reads as in progress, never as scheduled or waiting", () => {
    expect(STEP_STATUS.scheduled).toEqual({ label: "In progress", tone: "info" });
    expect(stepStatusLook("activity", "scheduled").label).toBe("In progress");
  });

  it("looks a timer's status up in the timer table, an activity's in the step table", () => {
    expect(stepStatusLook("timer", "fired")).toBe(TIMER_STATUS.fired);
    expect(stepStatusLook("timer", "unfinished").tone).toBe("warning");
    expect(stepStatusLook("activity", "timed_out")).toEqual({ label: "Timed out", tone: "danger" });
  });

  it("gives every activity status its own words", () => {
    const labels = Object.values(STEP_STATUS).map((l) => l.label);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
