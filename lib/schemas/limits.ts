// The console's input limits, in one place (design §8). The sandbox keeps its own copy of the same
// numbers in sandbox/server/http.ts: the two sides share only HTTP, never code.

/**
 * Deepest nesting of objects and arrays a JSON body may use, the body itself counting as level 1.
 * Far below what the Python runner can decode (it fails near 1,000 levels and Temporal then retries
 * the workflow task forever) and below what recursive code here (zod, JSON.stringify) survives.
 * Workflow inputs, trigger filters and integration mappings all fall under it.
 */
export const MAX_JSON_DEPTH = 64;

/** Largest request body the BFF reads (bytes); anything above is a 413 before any upstream call. */
export const MAX_REQUEST_BODY_BYTES = 5 * 1024 * 1024;

/** Largest bundle zip the console reads (bytes, zipped); its base64 text must fit in a request body. */
export const MAX_BUNDLE_ZIP_BYTES = 3 * 1024 * 1024;
/** Most bytes all files of a bundle may inflate to, together. */
export const MAX_BUNDLE_INFLATED_BYTES = 16 * 1024 * 1024;
/** Largest inflated/zipped size ratio a bundle entry may declare (JSON text compresses ~5–20×; zip bombs ~1,000×). */
export const MAX_BUNDLE_INFLATE_RATIO = 100;

/** "5 MB" for 5 * 1024 * 1024: limits as people read them in messages. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}

/**
 * True when the JSON text nests objects/arrays deeper than `limit` levels. Scans the raw text
 * (no recursion, no parse), so it works before JSON.parse and whatever the depth; brackets inside
 * strings are skipped. On text that is not JSON the answer is meaningless and the parse decides.
 */
export function jsonTextExceedsDepth(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      depth++;
      if (depth > limit) return true;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) depth--;
  }
  return false;
}

/** True when a parsed JSON value nests deeper than `limit` levels (iterative walk, no recursion). */
export function jsonValueExceedsDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The one message for a body over the nesting limit. */
export function tooDeepMessage(what = "Request body", limit: number = MAX_JSON_DEPTH): string {
  return `${what} nests deeper than ${limit} levels of objects and arrays (the limit is ${limit})`;
}
