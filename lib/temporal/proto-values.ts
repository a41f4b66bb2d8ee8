// Reading the scalar forms of Temporal's proto JSON (and of protobufjs objects before JSON):
// 64-bit integers, timestamps, durations and base64 sizes. Pure.

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

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

/** The UTF-8 text a base64 string encodes. */
export function base64ToUtf8(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
