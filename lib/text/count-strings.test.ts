// Guards "1 workflows shown" and its kind: a count rendered straight before a plural noun in the
// UI's source, without going through countOf (or an explicit `=== 1` choice), fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRS = ["app", "components"];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(full);
  }
  return out;
}

// `{rows.length} rows`, `{total} events`, `${count} keys`: a number-ish expression, then a plural word.
const COUNT_THEN_PLURAL = /(?:\{|\$\{)[^{}]*\b(?:length|count|[A-Za-z]*Count|size|total|omitted)\}\s+(?!of\b)[a-z]*[a-rtv-z]s\b/g;

describe("count strings in the UI", () => {
  it("never put a bare count before a plural noun", () => {
    const files = DIRS.flatMap((d) => sources(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const m of line.matchAll(COUNT_THEN_PLURAL)) offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${m[0]}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("would catch the strings it guards against", () => {
    for (const bad of [
      "{tenantRows.length + platformRows.length} workflows shown",
      "{events.length} events",
      "`${missingCount} keys`",
      "{graph.omitted} steps",
    ]) {
      expect(bad.match(COUNT_THEN_PLURAL)).not.toBeNull();
    }
    expect('{countOf(n, "key")}'.match(COUNT_THEN_PLURAL)).toBeNull();
  });
});
