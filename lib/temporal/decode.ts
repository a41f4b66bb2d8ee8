// Decoding of raw Temporal history events (proto JSON: the `temporal workflow show -o json` form,
// or the protobufjs toJSON form of a fetched history) into what the execution page shows: a named
// type with label and category, the attributes with payloads decoded (json/plain) or described
// (binary: encoding and size), failures with type, non-retryable flag, cause chain and stack
// trace. Pure: no I/O, the same code runs over captured fixtures in unit tests.
import { attributesKey, eventTypeInfo, pascalEventType, type EventCategory } from "./event-types";
import { decodeFailure, decodePayload, enumWords, isPayload, type Decoded, type DecodedFailure, type DecodeOptions } from "./payloads";
import { int64, isObj, toDurationMs, toIsoTime, type Obj } from "./proto-values";

export type { Decoded, DecodedFailure, DecodedPayload, DecodeOptions } from "./payloads";

/** One decoded event: the list row fields plus the expandable attributes. */
export interface DecodedEvent {
  id: string;
  type: string;
  label: string;
  category: EventCategory;
  time: string | null;
  /** One line for the row: step name, signal name, failure message… */
  summary: string | null;
  activityType?: string;
  activityId?: string;
  scheduledEventId?: string;
  startedEventId?: string;
  attempt?: number;
  timerId?: string;
  taskQueue?: string;
  identity?: string;
  failure?: DecodedFailure;
  /** Sum of the sizes of all payloads in the event, in bytes. */
  payloadBytes: number;
  /** True when at least one payload was left out for size (load the event on its own). */
  hasDeferred: boolean;
  attributes: { [key: string]: Decoded };
}

interface Walk {
  bytes: number;
  deferred: boolean;
}

function walk(v: unknown, key: string, opts: DecodeOptions, acc: Walk): Decoded {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, key, opts, acc));
  if (!isObj(v)) return null;
  if (isPayload(v)) {
    const p = decodePayload(v, opts);
    acc.bytes += p.size;
    if (p.state === "deferred") acc.deferred = true;
    return p;
  }
  if ((key === "failure" || key === "lastFailure" || key === "cause") && typeof v.message === "string") {
    const f = decodeFailure(v, opts);
    if (f) {
      const countDetails = (x: DecodedFailure | null): void => {
        for (; x; x = x.cause) for (const d of x.details) acc.bytes += d.size;
      };
      countDetails(f);
      return f;
    }
  }
  // 64-bit Long objects (a fetched history before JSON) read as decimal strings
  const long = "low" in v && "high" in v ? int64(v) : null;
  if (long !== null) return long;
  // Payloads wrappers read as their list
  if (Array.isArray(v.payloads) && Object.keys(v).length === 1) return v.payloads.map((x) => walk(x, key, opts, acc));
  // timestamps / durations in object form read as their JSON string form
  const keys = Object.keys(v);
  if (keys.length > 0 && keys.every((k) => k === "seconds" || k === "nanos")) {
    if (/time$/i.test(key)) return toIsoTime(v);
    const ms = toDurationMs(v);
    return ms === null ? null : `${ms / 1000}s`;
  }
  const out: { [k: string]: Decoded } = {};
  for (const [k, x] of Object.entries(v)) out[k] = walk(x, k, opts, acc);
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** The event's type in PascalCase, from `eventType` or, failing that, from its attributes key. */
export function eventTypeOf(raw: Obj): string {
  const t = raw.eventType;
  if (typeof t === "string" && t && t !== "EVENT_TYPE_UNSPECIFIED") return pascalEventType(t);
  const key = Object.keys(raw).find((k) => k.endsWith("EventAttributes") && isObj(raw[k]));
  if (key) {
    const base = key.slice(0, -"EventAttributes".length);
    return base[0]?.toUpperCase() + base.slice(1);
  }
  return "Unknown";
}

/**
 * Decodes one raw event. `activityNames` maps scheduled event ids to step names, so a step's
 * started/completed/failed events carry the name of the step they belong to.
 */
export function decodeEvent(raw: unknown, opts: DecodeOptions, activityNames?: ReadonlyMap<string, string>): DecodedEvent {
  const ev = isObj(raw) ? raw : {};
  const type = eventTypeOf(ev);
  const { label, category } = eventTypeInfo(type);
  const attrsRaw = ev[attributesKey(type)];
  const a: Obj = isObj(attrsRaw) ? attrsRaw : {};
  const acc: Walk = { bytes: 0, deferred: false };
  const attributes = walk(a, "", opts, acc) as { [key: string]: Decoded };
  const out: DecodedEvent = {
    id: int64(ev.eventId) ?? "",
    type,
    label,
    category,
    time: toIsoTime(ev.eventTime),
    summary: null,
    payloadBytes: acc.bytes,
    hasDeferred: acc.deferred,
    attributes: isObj(attributes) ? attributes : {},
  };
  const activityType = isObj(a.activityType) ? str(a.activityType.name) : undefined;
  const scheduledEventId = int64(a.scheduledEventId);
  const startedEventId = int64(a.startedEventId);
  const name = activityType ?? (scheduledEventId !== null ? activityNames?.get(scheduledEventId) : undefined);
  if (name && category === "activity") out.activityType = name;
  if (str(a.activityId)) out.activityId = str(a.activityId);
  if (scheduledEventId !== null && scheduledEventId !== "0") out.scheduledEventId = scheduledEventId;
  if (startedEventId !== null && startedEventId !== "0") out.startedEventId = startedEventId;
  const attempt = Number(int64(a.attempt) ?? 0);
  if (attempt > 0) out.attempt = attempt;
  if (str(a.timerId)) out.timerId = str(a.timerId);
  if (isObj(a.taskQueue) && str(a.taskQueue.name)) out.taskQueue = str(a.taskQueue.name);
  if (str(a.identity)) out.identity = str(a.identity);
  const failure = decodeFailure(a.failure, opts);
  if (failure) out.failure = failure;
  out.summary = summaryOf(type, a, out);
  return out;
}

function summaryOf(type: string, a: Obj, e: DecodedEvent): string | null {
  const parts: string[] = [];
  if (e.activityType) parts.push(e.activityType);
  if (type === "WorkflowExecutionStarted" && isObj(a.workflowType) && str(a.workflowType.name)) parts.push(String(a.workflowType.name));
  if (type === "WorkflowExecutionSignaled" && str(a.signalName)) parts.push(`signal ${String(a.signalName)}`);
  if (type === "MarkerRecorded" && str(a.markerName)) parts.push(`marker ${String(a.markerName)}`);
  if (e.timerId) parts.push(`timer ${e.timerId}`);
  if (type === "WorkflowTaskFailed" && str(a.cause)) parts.push(enumWords(a.cause, "WORKFLOW_TASK_FAILED_CAUSE_") ?? "");
  if (type === "WorkflowTaskTimedOut" && str(a.timeoutType)) parts.push(enumWords(a.timeoutType, "TIMEOUT_TYPE_") ?? "");
  if (type === "ActivityTaskTimedOut" && e.failure?.timeoutType) parts.push(e.failure.timeoutType);
  if (e.attempt && e.attempt > 1) parts.push(`attempt ${e.attempt}`);
  if (e.failure?.message) parts.push(e.failure.message);
  if (type === "WorkflowExecutionCancelRequested" && str(a.cause)) parts.push(String(a.cause));
  const s = parts.filter(Boolean).join(" · ");
  return s || null;
}

/** Decodes a page of raw events; `activityNames` is filled as scheduled events are met, across pages. */
export function decodeEvents(
  raws: readonly unknown[],
  opts: DecodeOptions,
  activityNames: Map<string, string> = new Map(),
): DecodedEvent[] {
  return raws.map((raw) => {
    const e = decodeEvent(raw, opts, activityNames);
    if (e.type === "ActivityTaskScheduled" && e.activityType) activityNames.set(e.id, e.activityType);
    return e;
  });
}
