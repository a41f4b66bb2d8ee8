import { z } from "zod";

/** The 14 labels of the contract's flattening, plus "Unknown" for every other raw event. */
export const HISTORY_EVENT_TYPES = [
  "WorkflowExecutionStarted",
  "WorkflowExecutionCompleted",
  "WorkflowExecutionFailed",
  "WorkflowExecutionTimedOut",
  "WorkflowExecutionCanceled",
  "WorkflowExecutionTerminated",
  "WorkflowExecutionContinuedAsNew",
  "ActivityTaskScheduled",
  "ActivityTaskStarted",
  "ActivityTaskCompleted",
  "ActivityTaskFailed",
  "ActivityTaskTimedOut",
  "TimerStarted",
  "TimerFired",
  "Unknown",
] as const;
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

export const historyEventSchema = z.object({
  id: z.string(),
  // Kept as a string so an upstream that adds a label does not break the timeline.
  type: z.string(),
  timestamp: z.string().nullable(),
  activityType: z.string().optional(),
  attempt: z.number().optional(),
  failure: z.string().optional(),
  // Only in the console's own rows built from the full Temporal history (lib/timeline/full-history):
  // the exact links the API's flattening lacks.
  scheduledEventId: z.string().optional(),
  startedEventId: z.string().optional(),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

export const historySchema = z.object({ events: z.array(historyEventSchema) });
export type History = z.infer<typeof historySchema>;
