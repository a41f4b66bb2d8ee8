// Fingerprints of failed runs. In production one cause fails hundreds of runs whose messages
// differ only in ids, amounts, phone numbers or quoted values (pegasus-api.md §4.6); those parts
// are replaced by placeholders so the runs fall into one group. Pure: no I/O, browser-safe.

/** Longest normalised message kept in a fingerprint (the rest never tells causes apart). */
export const MAX_SIGNATURE_LENGTH = 300;

const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  // correlation ids the SDK appends to 5xx errors
  [/correlationId=\S+/g, "correlationId=<id>"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "<email>"],
  // quoted values: "…", '…', `…`, “…”
  [/"(?:[^"\\]|\\.)*"/g, '"<value>"'],
  [/'(?:[^'\\\n]|\\.)*'/g, "'<value>'"],
  [/`[^`\n]*`/g, "`<value>`"],
  [/“[^”\n]*”/g, "“<value>”"],
  // phone numbers: E.164, (555) 010-0100, 555-010-0100, 555-0100
  [/\+\d{7,15}\b/g, "<phone>"],
  [/(?<![\w-])\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\w-])/g, "<phone>"],
  [/(?<![\w-])\d{3}-\d{4}(?![\w-])/g, "<phone>"],
  // business ids such as C-4001, M-2003, q-1, case-C-4001, EMAIL-…: a word, a dash or underscore, a digit
  [/\b[A-Za-z][A-Za-z]{0,15}[-_](?=[\w-]*\d)[\w-]+/g, "<id>"],
  // long hex runs (hashes, run ids)
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi, "<id>"],
  // numbers, amounts ($25,000.00), durations (30s)
  [/\d+(?:[.,]\d+)*/g, "<n>"],
];

/** The message with ids, numbers, phone numbers, e-mails, UUIDs and quoted values replaced by placeholders. */
export function normalizeFailureMessage(message: string | null | undefined): string {
  let text = (message ?? "").trim();
  for (const [pattern, replacement] of REPLACEMENTS) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, " ").trim();
  return text.length > MAX_SIGNATURE_LENGTH ? text.slice(0, MAX_SIGNATURE_LENGTH) : text;
}

/** An API error as the Python SDK prints it: `HTTP 404 — NOT_FOUND — Secret not found` (api.py `PegasusApiError.__str__`). */
export interface SdkApiError {
  status: number;
  code: string | null;
  message: string | null;
}

/** The API error inside a run's message, when the run failed on a Pegasus API call. */
export function parseSdkApiError(message: string | null | undefined): SdkApiError | null {
  const m = /HTTP (\d{3})(?: — ([A-Z][A-Z0-9_]+))?(?: — ([^\n]*?))?(?: — correlationId=\S+)?\s*$/m.exec(message ?? "");
  if (!m) return null;
  return { status: Number(m[1]), code: m[2] ?? null, message: m[3] ?? null };
}

/**
 * The error code of a failure: the API's code when the run failed on an API call (or a run was
 * refused), else the exception type the tenant runner reports (`CoverageLimitExceeded: …`), else
 * the terminal status (`TIMED_OUT`, `STUCK`, `FAILED`).
 */
export function failureCode(args: { status: string; code?: string | null; message: string | null }): string {
  if (args.code) return args.code;
  const api = parseSdkApiError(args.message);
  if (api) return api.code ?? `HTTP_${api.status}`;
  const type = /^([A-Z][A-Za-z0-9_.]*)(?=: )/.exec(args.message ?? "");
  if (type?.[1]) return type[1];
  return args.status;
}

// FNV-1a over UTF-16 code units, two 32-bit lanes with different offsets: 16 hex characters,
// stable across processes and browsers (no crypto API needed, no collisions in practice at this size).
function fnv(text: string, offset: number): string {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The fingerprint of a failure: workflow name + error code + normalised message, hashed to 16 hex characters. */
export function failureFingerprint(args: { workflowName: string | null; code: string; signature: string }): string {
  const text = `${args.workflowName ?? ""}\u0000${args.code}\u0000${args.signature}`;
  return fnv(text, 0x811c9dc5) + fnv(text, 0x01234567);
}
