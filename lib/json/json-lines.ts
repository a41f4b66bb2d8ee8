// A JSON value as display lines, so a viewer can virtualize it: a megabyte payload is thousands
// of lines, and only the visible ones become DOM. Collapsed containers contribute one line.

export interface JsonLine {
  /** JSON-pointer-like path of the value ("" is the root); the collapse key of containers. */
  path: string;
  depth: number;
  /** Object key or array index label, null at the root and on closing lines. */
  label: string | null;
  kind: "open" | "close" | "leaf" | "collapsed";
  /** Rendered text of a leaf, or the bracket of a container line. */
  text: string;
  /** Leaf type for colouring. */
  type: "string" | "number" | "boolean" | "null" | "object" | "array";
  /** Children of a container. */
  size: number;
  /** A comma follows (not the last member). */
  comma: boolean;
  /** The full string was shortened for display. */
  truncated: boolean;
  /** The container itself on open/collapsed lines (a reference, for expanding one level). */
  value?: unknown;
}

/** Longest string shown in full on one line; longer ones are cut (copy gives the whole value). */
export const MAX_STRING_CHARS = 400;

function leafText(value: unknown): { text: string; type: JsonLine["type"]; truncated: boolean } {
  if (value === null || value === undefined) return { text: "null", type: "null", truncated: false };
  if (typeof value === "string") {
    const cut = value.length > MAX_STRING_CHARS;
    const shown = cut ? `${value.slice(0, MAX_STRING_CHARS)}…` : value;
    return { text: JSON.stringify(shown), type: "string", truncated: cut };
  }
  if (typeof value === "number") return { text: Number.isFinite(value) ? String(value) : "null", type: "number", truncated: false };
  if (typeof value === "boolean") return { text: String(value), type: "boolean", truncated: false };
  return { text: JSON.stringify(value) ?? "null", type: "string", truncated: false };
}

function childPath(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/**
 * Flatten a JSON value into lines, skipping the inside of collapsed paths. Iterative (an explicit
 * stack), so deep nesting cannot overflow the call stack; linear in the lines produced.
 */
export function jsonLines(value: unknown, collapsed: ReadonlySet<string>): JsonLine[] {
  const out: JsonLine[] = [];
  type Frame = { value: unknown; path: string; depth: number; label: string | null; comma: boolean } | { close: JsonLine };
  const stack: Frame[] = [{ value, path: "", depth: 0, label: null, comma: false }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if ("close" in frame) {
      out.push(frame.close);
      continue;
    }
    const { path, depth, label, comma } = frame;
    const v = frame.value;
    if (v !== null && typeof v === "object") {
      const isArray = Array.isArray(v);
      const entries: [string, unknown][] = isArray
        ? v.map((x, i) => [String(i), x] as [string, unknown])
        : Object.entries(v as Record<string, unknown>);
      const type = isArray ? "array" : "object";
      const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
      if (entries.length === 0 || collapsed.has(path)) {
        out.push({
          path,
          depth,
          label,
          kind: entries.length === 0 ? "leaf" : "collapsed",
          text: entries.length === 0 ? `${open}${close}` : `${open}…${close}`,
          type,
          size: entries.length,
          comma,
          truncated: false,
          value: v,
        });
        continue;
      }
      out.push({ path, depth, label, kind: "open", text: open, type, size: entries.length, comma: false, truncated: false, value: v });
      stack.push({ close: { path, depth, label: null, kind: "close", text: close, type, size: entries.length, comma, truncated: false } });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({
          value: child,
          path: childPath(path, key),
          depth: depth + 1,
          label: isArray ? null : key,
          comma: i < entries.length - 1,
        });
      }
      continue;
    }
    const leaf = leafText(v);
    out.push({ path, depth, label, kind: "leaf", text: leaf.text, type: leaf.type, size: 0, comma, truncated: leaf.truncated });
  }
  return out;
}

/** Paths of containers deeper than `depth` (collapsed by default so big payloads open small). */
export function containersBelow(value: unknown, depth: number, limit = 100_000): Set<string> {
  const out = new Set<string>();
  const stack: { v: unknown; path: string; d: number }[] = [{ v: value, path: "", d: 0 }];
  let seen = 0;
  while (stack.length > 0 && seen++ < limit) {
    const { v, path, d } = stack.pop() as { v: unknown; path: string; d: number };
    if (v === null || typeof v !== "object") continue;
    if (d >= depth) {
      out.add(path);
      continue; // nothing below a collapsed container is visible
    }
    const entries: [string, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [String(i), x] as [string, unknown])
      : Object.entries(v as Record<string, unknown>);
    for (const [k, child] of entries) stack.push({ v: child, path: childPath(path, k), d: d + 1 });
  }
  return out;
}

/** Paths of the direct children of the container at `path` that are themselves non-empty containers. */
export function childContainers(container: unknown, path: string): string[] {
  if (container === null || typeof container !== "object") return [];
  const entries: [string, unknown][] = Array.isArray(container)
    ? container.map((x, i) => [String(i), x] as [string, unknown])
    : Object.entries(container as Record<string, unknown>);
  return entries.filter(([, v]) => v !== null && typeof v === "object" && Object.keys(v).length > 0).map(([k]) => childPath(path, k));
}
