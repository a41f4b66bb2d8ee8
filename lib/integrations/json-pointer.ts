/** Where one JSON value sits in its text: the value's span, and the member key's span inside an object. */
export interface JsonSpan {
  from: number;
  to: number;
  keyFrom: number | null;
  keyTo: number | null;
}

/** Map from a path (JSON-encoded segment list, see `pathKey`) to the span of the value there. */
export type JsonSpans = Map<string, JsonSpan>;

/** The map key of a path given as segments (object keys, array indexes as strings). */
export function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

/**
 * Splits a JSON Pointer (RFC 6901), bare (`/a/b`) or as a URI fragment (`#/a/%24b`, the form
 * JSON Schema validators report as `instanceLocation`), into unescaped segments.
 */
export function pointerSegments(pointer: string): string[] {
  const fragment = pointer.startsWith("#");
  const body = fragment ? pointer.slice(1) : pointer;
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((raw) => {
      let seg = raw;
      if (fragment) {
        try {
          seg = decodeURIComponent(raw);
        } catch {
          seg = raw;
        }
      }
      return seg.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

const WS = new Set([" ", "\t", "\n", "\r"]);

/**
 * Records the span of every value in a JSON text by path. Written for text that `JSON.parse`
 * accepts; on malformed text it stops and returns what it has mapped so far.
 */
export function mapJsonSpans(text: string): JsonSpans {
  const spans: JsonSpans = new Map();
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i] ?? "")) i += 1;
  };
  const readString = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const fail = () => {
    throw new Error("malformed");
  };
  const value = (path: string[], keyFrom: number | null, keyTo: number | null, depth: number): void => {
    if (depth > 512) fail();
    skip();
    const from = i;
    const c = text[i];
    if (c === "{") {
      i += 1;
      skip();
      if (text[i] === "}") i += 1;
      else {
        for (;;) {
          skip();
          if (text[i] !== '"') fail();
          const kFrom = i;
          const key = readString();
          const kTo = i;
          skip();
          if (text[i] !== ":") fail();
          i += 1;
          value([...path, key], kFrom, kTo, depth + 1);
          skip();
          if (text[i] === ",") i += 1;
          else if (text[i] === "}") {
            i += 1;
            break;
          } else fail();
        }
      }
    } else if (c === "[") {
      i += 1;
      skip();
      if (text[i] === "]") i += 1;
      else {
        for (let n = 0; ; n += 1) {
          value([...path, String(n)], null, null, depth + 1);
          skip();
          if (text[i] === ",") i += 1;
          else if (text[i] === "]") {
            i += 1;
            break;
          } else fail();
        }
      }
    } else if (c === '"') readString();
    else {
      while (i < text.length && /[-+.\w]/.test(text[i] ?? "")) i += 1;
      if (i === from) fail();
    }
    spans.set(pathKey(path), { from, to: i, keyFrom, keyTo });
  };
  try {
    value([], null, null, 0);
  } catch {
    // Partial map: callers fall back to the nearest mapped ancestor.
  }
  return spans;
}

/** 1-based line number of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let k = 0; k < end; k += 1) if (text.charCodeAt(k) === 10) line += 1;
  return line;
}

/**
 * The text range to mark for a problem at `path`: the member key when `onKey` (a property-name
 * problem) or when the value is an object or array (so a whole block is not underlined), else the
 * value itself. Walks up to the nearest mapped ancestor when the path is not in the text.
 */
export function rangeOfPath(
  text: string,
  spans: JsonSpans,
  path: readonly string[],
  onKey = false,
): { from: number; to: number; line: number } | null {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const span = spans.get(pathKey(path.slice(0, depth)));
    if (!span) continue;
    const container = text[span.from] === "{" || text[span.from] === "[";
    let from = span.from;
    let to = span.to;
    if (span.keyFrom !== null && span.keyTo !== null && (onKey || container)) {
      from = span.keyFrom;
      to = span.keyTo;
    } else if (container) to = from + 1;
    return { from, to, line: lineAt(text, from) };
  }
  return null;
}
