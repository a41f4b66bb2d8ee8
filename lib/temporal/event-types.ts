// Every Temporal history event type, with a readable label and a category. Pure and shared by the
// server (decoding) and the browser (filters, legends). The table is checked against the
// EventType enum of @temporalio/proto in a unit test, so a new server event type cannot slip
// through as "Unknown".

/** Groups the event list filters and colours by. */
export const EVENT_CATEGORIES = [
  "workflow",
  "workflow-task",
  "activity",
  "timer",
  "signal",
  "cancel",
  "marker",
  "child-workflow",
  "update",
  "search-attributes",
  "nexus",
  "properties",
  "other",
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** Words for each category (filter chips, legends). */
export const EVENT_CATEGORY_LABELS: Record<EventCategory, string> = {
  workflow: "Run",
  "workflow-task": "Workflow task",
  activity: "Step",
  timer: "Timer",
  signal: "Signal",
  cancel: "Cancellation",
  marker: "Marker",
  "child-workflow": "Child run",
  update: "Update",
  "search-attributes": "Search attributes",
  nexus: "Nexus operation",
  properties: "Properties",
  other: "Other",
};

/** PascalCase type → [label, category]. Labels are short business-ish sentences. */
export const EVENT_TYPE_INFO: Readonly<Record<string, readonly [string, EventCategory]>> = {
  WorkflowExecutionStarted: ["Run started", "workflow"],
  WorkflowExecutionCompleted: ["Run completed", "workflow"],
  WorkflowExecutionFailed: ["Run failed", "workflow"],
  WorkflowExecutionTimedOut: ["Run timed out", "workflow"],
  WorkflowExecutionCanceled: ["Run cancelled", "cancel"],
  WorkflowExecutionTerminated: ["Run terminated", "workflow"],
  WorkflowExecutionContinuedAsNew: ["Run continued as new", "workflow"],
  WorkflowExecutionCancelRequested: ["Cancel requested", "cancel"],
  WorkflowExecutionSignaled: ["Signal received", "signal"],
  WorkflowExecutionOptionsUpdated: ["Run options updated", "properties"],
  WorkflowExecutionPaused: ["Run paused", "workflow"],
  WorkflowExecutionUnpaused: ["Run resumed", "workflow"],
  WorkflowExecutionTimeSkippingTransitioned: ["Time skipping changed", "properties"],
  WorkflowTaskScheduled: ["Workflow task scheduled", "workflow-task"],
  WorkflowTaskStarted: ["Workflow task started", "workflow-task"],
  WorkflowTaskCompleted: ["Workflow task completed", "workflow-task"],
  WorkflowTaskTimedOut: ["Workflow task timed out", "workflow-task"],
  WorkflowTaskFailed: ["Workflow task failed", "workflow-task"],
  ActivityTaskScheduled: ["Step scheduled", "activity"],
  ActivityTaskStarted: ["Step started", "activity"],
  ActivityTaskCompleted: ["Step completed", "activity"],
  ActivityTaskFailed: ["Step failed", "activity"],
  ActivityTaskTimedOut: ["Step timed out", "activity"],
  ActivityTaskCancelRequested: ["Step cancel requested", "activity"],
  ActivityTaskCanceled: ["Step cancelled", "activity"],
  ActivityPropertiesModifiedExternally: ["Step options changed", "activity"],
  TimerStarted: ["Timer started", "timer"],
  TimerFired: ["Timer fired", "timer"],
  TimerCanceled: ["Timer cancelled", "timer"],
  RequestCancelExternalWorkflowExecutionInitiated: ["Cancel of another run requested", "cancel"],
  RequestCancelExternalWorkflowExecutionFailed: ["Cancel of another run failed", "cancel"],
  ExternalWorkflowExecutionCancelRequested: ["Another run was asked to cancel", "cancel"],
  MarkerRecorded: ["Marker recorded", "marker"],
  StartChildWorkflowExecutionInitiated: ["Child run requested", "child-workflow"],
  StartChildWorkflowExecutionFailed: ["Child run could not start", "child-workflow"],
  ChildWorkflowExecutionStarted: ["Child run started", "child-workflow"],
  ChildWorkflowExecutionCompleted: ["Child run completed", "child-workflow"],
  ChildWorkflowExecutionFailed: ["Child run failed", "child-workflow"],
  ChildWorkflowExecutionCanceled: ["Child run cancelled", "child-workflow"],
  ChildWorkflowExecutionTimedOut: ["Child run timed out", "child-workflow"],
  ChildWorkflowExecutionTerminated: ["Child run terminated", "child-workflow"],
  SignalExternalWorkflowExecutionInitiated: ["Signal to another run sent", "signal"],
  SignalExternalWorkflowExecutionFailed: ["Signal to another run failed", "signal"],
  ExternalWorkflowExecutionSignaled: ["Another run was signalled", "signal"],
  UpsertWorkflowSearchAttributes: ["Search attributes updated", "search-attributes"],
  WorkflowPropertiesModified: ["Run properties changed", "properties"],
  WorkflowPropertiesModifiedExternally: ["Run properties changed externally", "properties"],
  WorkflowExecutionUpdateAdmitted: ["Update admitted", "update"],
  WorkflowExecutionUpdateAccepted: ["Update accepted", "update"],
  WorkflowExecutionUpdateRejected: ["Update rejected", "update"],
  WorkflowExecutionUpdateCompleted: ["Update completed", "update"],
  NexusOperationScheduled: ["Nexus operation scheduled", "nexus"],
  NexusOperationStarted: ["Nexus operation started", "nexus"],
  NexusOperationCompleted: ["Nexus operation completed", "nexus"],
  NexusOperationFailed: ["Nexus operation failed", "nexus"],
  NexusOperationCanceled: ["Nexus operation cancelled", "nexus"],
  NexusOperationTimedOut: ["Nexus operation timed out", "nexus"],
  NexusOperationCancelRequested: ["Nexus operation cancel requested", "nexus"],
  NexusOperationCancelRequestCompleted: ["Nexus cancel request completed", "nexus"],
  NexusOperationCancelRequestFailed: ["Nexus cancel request failed", "nexus"],
};

/** `EVENT_TYPE_WORKFLOW_TASK_FAILED` (or `WorkflowTaskFailed`) → `WorkflowTaskFailed`. */
export function pascalEventType(raw: string): string {
  if (!raw.startsWith("EVENT_TYPE_")) return raw;
  return raw
    .slice("EVENT_TYPE_".length)
    .toLowerCase()
    .split("_")
    .map((w) => (w ? w[0]?.toUpperCase() + w.slice(1) : ""))
    .join("");
}

/** The attributes key of an event type: `WorkflowTaskFailed` → `workflowTaskFailedEventAttributes`. */
export function attributesKey(type: string): string {
  return `${type[0]?.toLowerCase() ?? ""}${type.slice(1)}EventAttributes`;
}

/** Label and category of a type; an unlisted type still reads as words, in "other". */
export function eventTypeInfo(type: string): { label: string; category: EventCategory } {
  const known = EVENT_TYPE_INFO[type];
  if (known) return { label: known[0], category: known[1] };
  const words = type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return { label: words ? words[0]?.toUpperCase() + words.slice(1) : "Event", category: "other" };
}
