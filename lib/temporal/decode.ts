// Decoding of raw Temporal history events (proto JSON: the `temporal workflow show -o json` form,
// or the protobufjs toJSON form of a fetched history) into what the execution page shows: a named
// type with label and category, the attributes with payloads decoded (json/plain) or described
// (binary: encoding and size), failures with type, non-retryable flag, cause chain and stack
// trace. Pure: no I/O, the same code runs over captured fixtures in unit tests.
import { attributesKey, eventTypeInfo, pascalEventType, type EventCategory } from "./event-types";

/** Payloads above this size are not inlined; the page loads them on demand (issue #15). */
export const INLINE_PAYLOAD_LIMIT = 64 * 1024;

/** A JSON value as it leaves the decoder (payloads and failures replaced by the shapes below). */
export type Decoded = null | boolean | number | string | Decoded[] | { [key: string]: Decoded } | DecodedPayload | DecodedFailure;

/**
 * One payload. `state`: "value" (decoded JSON in `value`), "hidden" (the reader may not see
 * values), "deferred" (over the inline limit: load the event on its own), "binary" (not JSON).
 */
export interface DecodedPayload {
  kind: "payload";
  encoding: string;
  size: number;
  state: "value" | "hidden" | "deferred" | "binary";
  value?: Decoded;
}

/** A Temporal Failure with its cause chain. */
export interface DecodedFailure {
  kind: "failure";
  message: string;
  /** ApplicationFailure type (Python exception class, …), else the failure's kind in words. */
  type: string | null;
  /** application | timeout | canceled | activity | child-workflow | server | terminated | reset | nexus | other */
  failureKind: string;
  nonRetryable: boolean;
  source: string | null;
  stackTrace: string | null;
  timeoutType: string | null;
  retryState: string | null;
  details: DecodedPayload[];
  cause: DecodedFailure | null;
}

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

export interface DecodeOptions {
  /** False for readers without `workflow:run`: structure and sizes only. */
  showValues: boolean;
  /** Inline payloads up to this many bytes (Infinity when one event is loaded on its own). */
  inlineLimit?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A 64-bit proto integer in any of its JSON/Long forms as a decimal string. */
export function int64(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return /^-?\d+$/.test(v) ? v : null;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (isObj(v) && "low" in v && "high" in v) {
    const s = String(v as { toString(): string });
    return /^-?\d+$/.test(s) ? s : null;
  }
  return null;
}

/** Timestamp (`{seconds,nanos}` or RFC 3339) → ISO string, or null. */
export function toIsoTime(v: unknown): string | null {
  if (typeof v === "string") {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (!isObj(v)) return null;
  const seconds = Number(int64(v.seconds) ?? 0);
  const nanos = typeof v.nanos === "number" ? v.nanos : 0;
  const d = new Date(seconds * 1000 + Math.floor(nanos / 1e6));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Duration (`"10s"`, `"1.5s"` or `{seconds,nanos}`) → milliseconds, or null. */
export function toDurationMs(v: unknown): number | null {
  if (typeof v === "string") {
    const m = /^(-?\d+(?:\.\d+)?)s$/.exec(v);
    return m ? Math.round(Number(m[1]) * 1000) : null;
  }
  if (!isObj(v)) return null;
  if (v.seconds === undefined && v.nanos === undefined) return null;
  const seconds = Number(int64(v.seconds) ?? 0);
  const nanos = typeof v.nanos === "number" ? v.nanos : 0;
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

/** Bytes encoded by a base64 string, without decoding it. */
export function base64Size(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  const pad = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

function base64ToUtf8(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

function isPayload(v: unknown): v is { metadata?: Obj; data?: string } {
  if (!isObj(v) || !isObj(v.metadata)) return false;
  const keys = Object.keys(v);
  return typeof v.metadata.encoding === "string" && keys.every((k) => k === "metadata" || k === "data" || k === "externalPayloads");
}

function decodePayload(p: { metadata?: Obj; data?: string }, opts: DecodeOptions): DecodedPayload {
  const encB64 = typeof p.metadata?.encoding === "string" ? p.metadata.encoding : "";
  let encoding = "unknown";
  try {
    encoding = encB64 ? base64ToUtf8(encB64) : "unknown";
  } catch {
    encoding = "unknown";
  }
  const data = typeof p.data === "string" ? p.data : "";
  const size = base64Size(data);
  if (encoding === "binary/null") return { kind: "payload", encoding, size, state: opts.showValues ? "value" : "hidden", ...(opts.showValues ? { value: null } : {}) };
  if (encoding !== "json/plain") return { kind: "payload", encoding, size, state: "binary" };
  if (!opts.showValues) return { kind: "payload", encoding, size, state: "hidden" };
  if (size > (opts.inlineLimit ?? INLINE_PAYLOAD_LIMIT)) return { kind: "payload", encoding, size, state: "deferred" };
  try {
    return { kind: "payload", encoding, size, state: "value", value: JSON.parse(base64ToUtf8(data)) as Decoded };
  } catch {
    return { kind: "payload", encoding, size, state: "binary" };
  }
}

/** Decodes a `{payloads: […]}` wrapper (or a bare list) into payloads. */
export function decodePayloadList(v: unknown, opts: DecodeOptions): DecodedPayload[] {
  const list = Array.isArray(v) ? v : isObj(v) && Array.isArray(v.payloads) ? v.payloads : [];
  return list.filter(isPayload).map((p) => decodePayload(p, opts));
}

const FAILURE_INFO_KINDS: ReadonlyArray<readonly [string, string]> = [
  ["applicationFailureInfo", "application"],
  ["timeoutFailureInfo", "timeout"],
  ["canceledFailureInfo", "canceled"],
  ["activityFailureInfo", "activity"],
  ["childWorkflowExecutionFailureInfo", "child-workflow"],
  ["serverFailureInfo", "server"],
  ["terminatedFailureInfo", "terminated"],
  ["resetWorkflowFailureInfo", "reset"],
  ["nexusOperationExecutionFailureInfo", "nexus"],
  ["nexusHandlerFailureInfo", "nexus"],
];

const KIND_TYPE_WORDS: Record<string, string> = {
  timeout: "Timeout",
  canceled: "Cancelled",
  activity: "Step failure",
  "child-workflow": "Child run failure",
  server: "Server error",
  terminated: "Terminated",
  reset: "Reset",
  nexus: "Nexus failure",
  other: "Failure",
};

/** Enum strings in either form (`TIMEOUT_TYPE_START_TO_CLOSE` or a number) → readable words. */
function enumWords(v: unknown, prefix: string): string | null {
  if (typeof v !== "string" || !v) return null;
  const s = v.startsWith(prefix) ? v.slice(prefix.length) : v;
  return s.toLowerCase().replace(/_/g, " ");
}

/** Decodes a Temporal Failure and its causes (depth-limited against malformed input). */
export function decodeFailure(f: unknown, opts: DecodeOptions, depth = 0): DecodedFailure | null {
  if (!isObj(f) || depth > 20) return null;
  let failureKind = "other";
  let info: Obj = {};
  for (const [key, kind] of FAILURE_INFO_KINDS) {
    if (isObj(f[key])) {
      failureKind = kind;
      info = f[key];
      break;
    }
  }
  const appType = typeof info.type === "string" && info.type ? info.type : null;
  const details = isObj(info.details) && Array.isArray(info.details.payloads) ? info.details.payloads.filter(isPayload).map((p) => decodePayload(p, opts)) : [];
  return {
    kind: "failure",
    message: typeof f.message === "string" ? f.message : "",
    type: appType ?? KIND_TYPE_WORDS[failureKind] ?? null,
    failureKind,
    nonRetryable: info.nonRetryable === true,
    source: typeof f.source === "string" && f.source ? f.source : null,
    stackTrace: typeof f.stackTrace === "string" && f.stackTrace ? f.stackTrace : null,
    timeoutType: enumWords(info.timeoutType, "TIMEOUT_TYPE_"),
    retryState: enumWords(info.retryState, "RETRY_STATE_"),
    details,
    cause: decodeFailure(f.cause, opts, depth + 1),
  };
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
export function decodeEvents(raws: readonly unknown[], opts: DecodeOptions, activityNames: Map<string, string> = new Map()): DecodedEvent[] {
  return raws.map((raw) => {
    const e = decodeEvent(raw, opts, activityNames);
    if (e.type === "ActivityTaskScheduled" && e.activityType) activityNames.set(e.id, e.activityType);
    return e;
  });
}
