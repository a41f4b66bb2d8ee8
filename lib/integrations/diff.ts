import { stableStringify } from "./body";

/** The parts of a config compared side by side, in display order. */
export const DIFF_PARTS = [
  "mapping",
  "rules",
  "corpus",
  "floor",
  "displayName",
  "externalShape",
  "externalMapping",
  "inbound",
  "requiredSecrets",
  "requiredConfigs",
] as const;
export type DiffPart = (typeof DIFF_PARTS)[number];

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface PartDiff {
  part: DiffPart;
  changed: boolean;
  added: number;
  removed: number;
  lines: DiffLine[];
}

/** Line diff (longest common subsequence) of two texts; fine for configs of a few thousand lines. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  // Trim the common head and tail first: edits are usually small and local.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = table[i] as Uint32Array;
    const below = table[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j -= 1) row[j] = midA[i] === midB[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
  }
  const lines: DiffLine[] = a.slice(0, head).map((text) => ({ kind: "same", text }));
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      lines.push({ kind: "same", text: midA[i] ?? "" });
      i += 1;
      j += 1;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) {
      lines.push({ kind: "removed", text: midA[i] ?? "" });
      i += 1;
    } else {
      lines.push({ kind: "added", text: midB[j] ?? "" });
      j += 1;
    }
  }
  for (; i < n; i += 1) lines.push({ kind: "removed", text: midA[i] ?? "" });
  for (; j < m; j += 1) lines.push({ kind: "added", text: midB[j] ?? "" });
  for (const text of a.slice(a.length - tail)) lines.push({ kind: "same", text });
  return lines;
}

function partText(value: unknown): string {
  return value === undefined || value === null ? "(not set)" : stableStringify(value);
}

/** Part-by-part diff of two configs (older first); unchanged parts are listed with changed=false. */
export function diffConfigs(before: Partial<Record<DiffPart, unknown>>, after: Partial<Record<DiffPart, unknown>>): PartDiff[] {
  return DIFF_PARTS.map((part) => {
    const lines = diffLines(partText(before[part]), partText(after[part]));
    const added = lines.filter((l) => l.kind === "added").length;
    const removed = lines.filter((l) => l.kind === "removed").length;
    return { part, changed: added + removed > 0, added, removed, lines };
  });
}

/** Keeps changed lines with `context` lines around them; runs of unchanged lines become one gap marker (null). */
export function collapseContext(lines: DiffLine[], context = 3): Array<DiffLine | null> {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k += 1) keep[k] = true;
  });
  const out: Array<DiffLine | null> = [];
  lines.forEach((line, index) => {
    if (keep[index]) out.push(line);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}
