// Proto3 canonical JSON of Temporal messages, the form `temporal workflow show -o json` writes and
// the SDKs' `WorkflowHistory.from_json` / `historyFromJSON` read: int64 as strings, enums by name,
// bytes as base64, Timestamps as RFC 3339, Durations as "1.5s". protobufjs's toObject does all but
// the two well-known types; Temporal names every Timestamp field `…Time` and every Duration field
// `…Timeout`/`…Interval`/`…Backoff`/`…Duration`/`…Delay`, which is what the second pass relies on.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const TIMESTAMP_KEY = /Time$/;
const DURATION_KEY = /(Timeout|Interval|Backoff|Duration|Delay)$/;

function isSecondsNanos(v: Obj): boolean {
  const keys = Object.keys(v);
  return keys.every((k) => k === "seconds" || k === "nanos");
}

function nanosText(nanos: number): string {
  if (!nanos) return "";
  return `.${String(nanos).padStart(9, "0").replace(/0+$/, "")}`;
}

/** `{seconds, nanos}` → RFC 3339 with the nanoseconds kept. */
export function timestampJson(v: Obj): string {
  const seconds = Number(v.seconds ?? 0);
  const nanos = Number(v.nanos ?? 0);
  const base = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "");
  return `${base}${nanosText(nanos)}Z`;
}

/** `{seconds, nanos}` → `"12.5s"`. */
export function durationJson(v: Obj): string {
  const seconds = Number(v.seconds ?? 0);
  const nanos = Number(v.nanos ?? 0);
  return `${seconds}${nanosText(Math.abs(nanos))}s`;
}

/** Rewrites Timestamp and Duration objects (by field name) into their JSON strings. */
export function wellKnownToJson(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v.map((x) => wellKnownToJson(x, key));
  if (!isObj(v)) return v;
  if (isSecondsNanos(v)) {
    if (TIMESTAMP_KEY.test(key)) return timestampJson(v);
    if (DURATION_KEY.test(key)) return durationJson(v);
  }
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) out[k] = wellKnownToJson(x, k);
  return out;
}

interface ToObjectType {
  toObject: unknown;
}

/** A decoded proto message → canonical JSON value. */
export function toCanonicalJson(type: ToObjectType, message: unknown, key: string): unknown {
  // reflection-backed proto types: toObject is there at run time, its typing is not usable here
  const toObject = type.toObject as (m: unknown, o: Record<string, unknown>) => unknown;
  return wellKnownToJson(toObject(message, { longs: String, enums: String, bytes: String, defaults: false }), key);
}
