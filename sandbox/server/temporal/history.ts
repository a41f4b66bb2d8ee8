/**
 * Flattening of a raw Temporal history into the contract's `WorkflowHistoryEvent[]` (§5.2).
 * Pure: works on the `fetchHistory()` message (64-bit fields as Long objects) and on its JSON
 * form (the same fields as strings), so a captured fixture and a live history flatten alike.
 */

/** One flattened event, exactly the contract's fields. */
export interface WorkflowHistoryEvent {
  id: string;
  type: string;
  timestamp: string | null;
  activityType?: string;
  attempt?: number;
  failure?: string;
}

/** The fixed list of attribute keys and their labels, in the contract's order. */
export const HISTORY_ATTRIBUTE_LABELS: ReadonlyArray<readonly [string, string]> = [
  ["workflowExecutionStartedEventAttributes", "WorkflowExecutionStarted"],
  ["workflowExecutionCompletedEventAttributes", "WorkflowExecutionCompleted"],
  ["workflowExecutionFailedEventAttributes", "WorkflowExecutionFailed"],
  ["workflowExecutionTimedOutEventAttributes", "WorkflowExecutionTimedOut"],
  ["workflowExecutionCanceledEventAttributes", "WorkflowExecutionCanceled"],
  ["workflowExecutionTerminatedEventAttributes", "WorkflowExecutionTerminated"],
  ["workflowExecutionContinuedAsNewEventAttributes", "WorkflowExecutionContinuedAsNew"],
  ["activityTaskScheduledEventAttributes", "ActivityTaskScheduled"],
  ["activityTaskStartedEventAttributes", "ActivityTaskStarted"],
  ["activityTaskCompletedEventAttributes", "ActivityTaskCompleted"],
  ["activityTaskFailedEventAttributes", "ActivityTaskFailed"],
  ["activityTaskTimedOutEventAttributes", "ActivityTaskTimedOut"],
  ["timerStartedEventAttributes", "TimerStarted"],
  ["timerFiredEventAttributes", "TimerFired"],
];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null;
}

/** A 64-bit proto integer (Long, string or number) as a decimal string; null when absent. */
function int64(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (isObj(v) && typeof v.toString === "function") {
    const s = String(v as { toString(): string });
    if (/^-?\d+$/.test(s)) return s;
  }
  return null;
}

function toNumber(v: unknown): number | null {
  const s = int64(v);
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** proto Timestamp `{seconds, nanos}` (or an RFC 3339 string) → ISO with millisecond precision. */
export function protoTimeToIso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (v instanceof Date) return v.toISOString();
  if (!isObj(v)) return null;
  const seconds = toNumber(v.seconds) ?? 0;
  const nanos = typeof v.nanos === "number" ? v.nanos : 0;
  const ms = seconds * 1000 + Math.floor(nanos / 1_000_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function attrsOf(event: Obj): { key: string; label: string; attrs: Obj } | null {
  for (const [key, label] of HISTORY_ATTRIBUTE_LABELS) {
    const attrs = event[key];
    if (isObj(attrs)) return { key, label, attrs };
  }
  return null;
}

/**
 * `summarizeWorkflowHistory`: every raw event becomes one row, in Temporal's order; events
 * outside the 14 known kinds are kept as `{id, timestamp, type: "Unknown"}`.
 */
export function summarizeWorkflowHistory(history: unknown): WorkflowHistoryEvent[] {
  const events = isObj(history) && Array.isArray(history.events) ? (history.events as unknown[]) : [];
  // First pass: scheduledEventId → activity name.
  const activityNames = new Map<string, string>();
  for (const raw of events) {
    if (!isObj(raw)) continue;
    const attrs = raw.activityTaskScheduledEventAttributes;
    const id = int64(raw.eventId);
    if (id !== null && isObj(attrs) && isObj(attrs.activityType) && typeof attrs.activityType.name === "string") {
      activityNames.set(id, attrs.activityType.name);
    }
  }
  const out: WorkflowHistoryEvent[] = [];
  for (const raw of events) {
    if (!isObj(raw)) continue;
    const id = int64(raw.eventId) ?? "";
    const timestamp = protoTimeToIso(raw.eventTime);
    const found = attrsOf(raw);
    if (!found) {
      out.push({ id, type: "Unknown", timestamp });
      continue;
    }
    const { key, label, attrs } = found;
    const row: WorkflowHistoryEvent = { id, type: label, timestamp };
    if (key.startsWith("activityTask")) {
      if (key === "activityTaskScheduledEventAttributes") {
        if (isObj(attrs.activityType) && typeof attrs.activityType.name === "string") row.activityType = attrs.activityType.name;
      } else {
        const scheduledId = int64(attrs.scheduledEventId);
        const name = scheduledId !== null ? activityNames.get(scheduledId) : undefined;
        if (name !== undefined) row.activityType = name;
      }
    }
    const attempt = toNumber(attrs.attempt);
    if (attempt !== null && attempt > 0) row.attempt = attempt;
    if (isObj(attrs.failure) && typeof attrs.failure.message === "string") row.failure = attrs.failure.message;
    out.push(row);
  }
  return out;
}
