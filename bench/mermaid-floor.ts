/**
 * The floor under a diagram's first view (issue 18): how soon can mermaid alone show a generated
 * flowchart in this machine's Chromium, with nothing of the console on the page? A bare page served
 * from loopback imports mermaid's own ES module build (node_modules/mermaid/dist, the same version
 * the console bundles) as its first and only script, then initialises it with the console's
 * configuration (lib/diagram mermaidConfig), parses and renders the chart and mounts the SVG. Each
 * view is a fresh browser context (empty HTTP cache), like the first view of bench/diagram-render.ts.
 * What it says: a console first view cannot beat these times, whatever it does around mermaid.
 *
 * Run: `npx tsx bench/mermaid-floor.ts` (BENCH_NODES "50,150,300", BENCH_ITERATIONS 5).
 */
import { createReadStream, existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { mermaidConfig } from "../lib/diagram/config";
import { launchChromium } from "./browser";
import { generateFlowchart } from "./flowchart";
import { printMachine, printTable, quantile } from "./support";

const SIZES = (process.env.BENCH_NODES ?? "50,150,300").split(",").map(Number);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? "5");
const DIST = path.resolve(import.meta.dirname, "..", "node_modules", "mermaid", "dist");

function pageFor(nodes: number): string {
  const source = JSON.stringify(generateFlowchart(nodes)).replace(/</g, "\\u003c");
  const config = JSON.stringify(mermaidConfig("light"));
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="out"></div>
<script type="module">
const mark = (n) => performance.mark(n);
const mermaid = (await import("/mermaid/mermaid.esm.min.mjs")).default;
mark("imported");
mermaid.initialize(${config});
const source = ${source};
await mermaid.parse(source);
mark("parsed");
const { svg } = await mermaid.render("floor", source);
mark("laid-out");
document.getElementById("out").innerHTML = svg;
mark("mounted");
window.__done = true;
</script></body></html>`;
}

async function main(): Promise<void> {
  printMachine();
  const pages = new Map(SIZES.map((n) => [`/${n}`, pageFor(n)]));
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const page = pages.get(url);
    if (page) return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    const file = path.join(DIST, decodeURIComponent(url.replace(/^\/mermaid\//, "")));
    if (!url.startsWith("/mermaid/") || !file.startsWith(DIST + path.sep) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const rows: Array<Array<string | number>> = [];
  try {
    for (const nodes of SIZES) {
      const steps: Record<string, number[]> = { imported: [], parsed: [], "laid-out": [], mounted: [] };
      for (let i = 0; i < ITERATIONS; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${origin}/${nodes}`);
        await page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, undefined, { timeout: 60_000 });
        const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])));
        for (const step of Object.keys(steps)) steps[step]?.push(Math.round(marks[step] ?? Number.NaN));
        await context.close();
      }
      const p50 = (xs: number[] | undefined) =>
        quantile(
          [...(xs ?? [])].sort((a, b) => a - b),
          0.5,
        );
      rows.push([nodes, ITERATIONS, p50(steps.imported), p50(steps.parsed), p50(steps["laid-out"]), p50(steps.mounted)]);
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log("\nmermaid alone on a bare page, fresh browser context per view; p50 ms since navigation start:");
  printTable(["nodes", "views", "mermaid imported", "parsed", "laid out", "SVG in the page"], rows);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
