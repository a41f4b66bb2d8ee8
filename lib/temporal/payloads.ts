// Payloads and failures inside Temporal history events: payloads decoded (json/plain), hidden
// from readers who may not see values, deferred over the inline limit, or described (binary:
// encoding and size); failures with type, non-retryable flag, cause chain and stack trace. Pure.
import { base64Size, base64ToUtf8, isObj, type Obj } from "./proto-values";

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

export interface DecodeOptions {
  /** False for readers without `workflow:run`: structure and sizes only. */
  showValues: boolean;
  /** Inline payloads up to this many bytes (Infinity when one event is loaded on its own). */
  inlineLimit?: number;
}

export function isPayload(v: unknown): v is { metadata?: Obj; data?: string } {
  if (!isObj(v) || !isObj(v.metadata)) return false;
  const keys = Object.keys(v);
  return typeof v.metadata.encoding === "string" && keys.every((k) => k === "metadata" || k === "data" || k === "externalPayloads");
}

export function decodePayload(p: { metadata?: Obj; data?: string }, opts: DecodeOptions): DecodedPayload {
  const encB64 = typeof p.metadata?.encoding === "string" ? p.metadata.encoding : "";
  let encoding = "unknown";
  try {
    encoding = encB64 ? base64ToUtf8(encB64) : "unknown";
  } catch {
    encoding = "unknown";
  }
  const data = typeof p.data === "string" ? p.data : "";
  const size = base64Size(data);
  if (encoding === "binary/null")
    return { kind: "payload", encoding, size, state: opts.showValues ? "value" : "hidden", ...(opts.showValues ? { value: null } : {}) };
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
export function enumWords(v: unknown, prefix: string): string | null {
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
  const details =
    isObj(info.details) && Array.isArray(info.details.payloads)
      ? info.details.payloads.filter(isPayload).map((p) => decodePayload(p, opts))
      : [];
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
