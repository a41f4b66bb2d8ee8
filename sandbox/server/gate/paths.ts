/**
 * Source paths of the mapping DSL: dot-separated names, each optionally followed by array
 * positions (`DocumentationDates[0]`, `Legs[1][0].Id`); `"."` is the root itself.
 */

export type PathStep = { kind: "key"; name: string } | { kind: "index"; index: number };

const SEGMENT = /^([^.[\]]*)((?:\[\d+\])*)$/;

/** Parses a source path; returns an error message instead of throwing on bad syntax. */
export function parsePath(path: string): { steps: PathStep[] } | { error: string } {
  if (path === ".") return { steps: [] };
  if (path.length === 0) return { error: "empty path" };
  const steps: PathStep[] = [];
  for (const segment of path.split(".")) {
    const match = SEGMENT.exec(segment);
    if (!match) return { error: `bad path segment "${segment}"` };
    const name = match[1] ?? "";
    const indexes = match[2] ?? "";
    if (name === "" && indexes === "") return { error: `empty segment in "${path}"` };
    if (name !== "") steps.push({ kind: "key", name });
    for (const m of indexes.matchAll(/\[(\d+)\]/g)) steps.push({ kind: "index", index: Number(m[1]) });
  }
  return { steps };
}

/** Reads a path from a value: own properties only, `undefined` when any step is missing. */
export function readPath(root: unknown, steps: readonly PathStep[]): unknown {
  let current: unknown = root;
  for (const step of steps) {
    if (step.kind === "index") {
      if (!Array.isArray(current)) return undefined;
      current = current[step.index];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, step.name)) return undefined;
      current = (current as Record<string, unknown>)[step.name];
    }
  }
  return current;
}

/** The property names of a path with array positions dropped: `A[0].B` → `["A", "B"]`. */
export function pathKeys(steps: readonly PathStep[]): string[] {
  return steps.flatMap((s) => (s.kind === "key" ? [s.name] : []));
}
