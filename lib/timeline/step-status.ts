// The one vocabulary for the status of a step of a run (an activity invocation or a timer wait),
// read by the Steps list, the Gantt chart, the step graph and the diagram overlay alike. Why an
// open activity without a recorded start is "In progress" rather than "Waiting" or "Scheduled":
// see the header of group-steps.ts.

/** An activity step's status. */
export type StepStatus = "scheduled" | "running" | "completed" | "failed" | "timed_out" | "unfinished";

/** A timer wait's status. */
export type TimerStatus = "waiting" | "fired" | "unfinished";

/** What a status means for colour: the names of the badge tones, which every view maps to its own. */
export type StatusTone = "neutral" | "info" | "success" | "warning" | "danger";

export interface StatusLook {
  label: string;
  tone: StatusTone;
}

export const STEP_STATUS: Record<StepStatus, StatusLook> = {
  scheduled: { label: "In progress", tone: "info" },
  running: { label: "Running", tone: "info" },
  completed: { label: "Completed", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  timed_out: { label: "Timed out", tone: "danger" },
  unfinished: { label: "Did not finish", tone: "warning" },
};

export const TIMER_STATUS: Record<TimerStatus, StatusLook> = {
  waiting: { label: "Waiting", tone: "info" },
  fired: { label: "Done waiting", tone: "success" },
  unfinished: { label: "Did not finish", tone: "warning" },
};

/** The look of a step's status, whichever kind of step it is. */
export function stepStatusLook(kind: "activity" | "timer", status: StepStatus | TimerStatus): StatusLook {
  if (kind === "timer") return TIMER_STATUS[status as TimerStatus] ?? STEP_STATUS.unfinished;
  return STEP_STATUS[status as StepStatus] ?? STEP_STATUS.unfinished;
}
