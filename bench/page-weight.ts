/**
 * Page weight (design §7): each route's first-load JavaScript, from the production build's
 * `.next/diagnostics/route-bundle-stats.json` (written by `next build`), plus where the heavy
 * libraries land: in a route's first-load chunks, or only in chunks it loads later (dynamic imports,
 * found by following the `static/chunks/…js` references inside its chunks).
 * Run alone: `npx tsx bench/page-weight.ts` (uses the existing build; BENCH_REBUILD=1 rebuilds first).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { ensureProductionBuild, ROOT } from "../e2e/support/processes";
import { printMachine, printTable } from "./support";

/** Strings that only the library's own code carries in a minified chunk. */
const LIBRARIES: Record<string, string[]> = {
  mermaid: ["mermaidAPI", "flowchart-v2"],
  "@xyflow/react": ["react-flow__pane", "react-flow__renderer"],
  // CodeMirror 6 (@codemirror/view's screen-reader announcer class, @codemirror/state's error text).
  // Not "cm-content"/"cm-editor": our own JsonEditor wrapper names those classes outside the lazy chunk.
  "JSON editor (CodeMirror)": ["cm-announced", "Unrecognized extension value in extension set"],
};

const statsSchema = z.array(
  z.object({ route: z.string(), firstLoadUncompressedJsBytes: z.number(), firstLoadChunkPaths: z.array(z.string()) }),
);

const chunkCache = new Map<string, string>();
function chunkText(rel: string): string {
  let text = chunkCache.get(rel);
  if (text === undefined) {
    const file = path.join(ROOT, rel);
    text = existsSync(file) ? readFileSync(file, "utf8") : "";
    chunkCache.set(rel, text);
  }
  return text;
}

/** Every chunk reachable from `start` through chunk paths named inside chunk code. */
function reachable(start: string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const m of chunkText(next).matchAll(/static\/chunks\/[A-Za-z0-9_.~-]+\.js/g)) {
      const rel = `.next/${m[0]}`;
      if (!seen.has(rel)) {
        seen.add(rel);
        queue.push(rel);
      }
    }
  }
  return seen;
}

function librariesIn(chunks: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const c of chunks) {
    const text = chunkText(c);
    for (const [lib, marks] of Object.entries(LIBRARIES)) if (marks.some((m) => text.includes(m))) found.add(lib);
  }
  return found;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

function main(): void {
  printMachine();
  if (process.env.BENCH_REBUILD === "1") ensureProductionBuild();
  const statsFile = path.join(ROOT, ".next", "diagnostics", "route-bundle-stats.json");
  if (!existsSync(statsFile)) throw new Error("no production build: run `npx next build` (or BENCH_REBUILD=1) first");
  const stats = statsSchema.parse(JSON.parse(readFileSync(statsFile, "utf8")));
  const buildId = readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8").trim();

  const rows = stats
    .sort((a, b) => a.route.localeCompare(b.route))
    .map((s) => {
      const first = new Set(s.firstLoadChunkPaths);
      const gz = s.firstLoadChunkPaths.reduce((sum, c) => sum + gzipSync(chunkText(c)).length, 0);
      const later = [...reachable(s.firstLoadChunkPaths)].filter((c) => !first.has(c));
      const laterBytes = later.reduce((sum, c) => sum + Buffer.byteLength(chunkText(c)), 0);
      const eager = librariesIn(first);
      const lazy = [...librariesIn(later)].filter((l) => !eager.has(l));
      return [
        s.route,
        kb(s.firstLoadUncompressedJsBytes),
        kb(gz),
        [...eager].join(", ") || "-",
        `${later.length} / ${kb(laterBytes)}`,
        lazy.join(", ") || "-",
      ];
    });
  console.log(`build ${buildId}: ${stats.length} routes (route-bundle-stats.json)\n`);
  printTable(["route", "first-load JS", "gzip", "heavy libs in first load", "later chunks / size", "heavy libs loaded later"], rows);
  for (const [lib, marks] of Object.entries(LIBRARIES)) {
    const chunks = [...chunkCache.keys()].filter((c) => marks.some((m) => chunkText(c).includes(m)));
    console.log(`${lib}: ${chunks.length ? chunks.map((c) => path.basename(c)).join(" ") : "not in any chunk reached from a route"}`);
  }
}

main();
