/**
 * Diagram render (design §7, issue 8): generated flowcharts of 50, 150 and 300 nodes (labels,
 * decisions with labelled edges, subgraphs) published into the sandbox as real workflow versions
 * (upload-url → PUT → finalize, with the signed-in user's ID token), then opened on the console's
 * `/workflows/<id>` page in headless Chromium, several times each.
 *
 * Measured from outside (components are not instrumented):
 * - navigation → the diagram SVG in the page with every node (`svg g.node` count = N);
 * - mermaid.render itself: the lifetime of mermaid's scratch container (`#dwf-diagram-*`, added to
 *   <body> when render starts and removed when it ends), seen by a MutationObserver.
 * Target: a 300-node flowchart renders within 1.5 s in the browser.
 *
 * Run alone: `npx tsx bench/diagram-render.ts`. Knobs: BENCH_NODES ("50,150,300"), BENCH_ITERATIONS (5).
 */
import { publishProbeWorkflow } from "../e2e/support/publish";
import { readServerTokens } from "../e2e/support/session";
import { since, startBrowserStack } from "./browser";
import { printMachine, printTable, quantile } from "./support";

const SIZES = (process.env.BENCH_NODES ?? "50,150,300").split(",").map(Number);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? "5");

const STAGES = ["Ingest", "Validate", "Enrich", "Route", "Fulfil", "Notify", "Reconcile", "Archive"];
const VERBS = ["Fetch", "Parse", "Check", "Map", "Call", "Store", "Send", "Wait for", "Merge", "Split"];
const THINGS = ["partner orders", "line items", "customer record", "stock levels", "shipping quote", "invoice", "SMS receipt", "ledger entry", "webhook", "audit trail"];

/**
 * A realistic flowchart with exactly `nodes` nodes: stages as subgraphs, mostly sequential steps,
 * every fifth step a decision whose "no" branch goes to a retry/failure step further on.
 */
function generateFlowchart(nodes: number): string {
  const ids = Array.from({ length: nodes }, (_, i) => `n${String(i + 1).padStart(3, "0")}`);
  const stages = Math.min(STAGES.length, Math.max(2, Math.ceil(nodes / 40)));
  const perStage = Math.ceil(nodes / stages);
  const lines = ["flowchart TD"];
  for (let s = 0; s < stages; s++) {
    const members = ids.slice(s * perStage, (s + 1) * perStage);
    if (members.length === 0) break;
    lines.push(`  subgraph stage${s}["${STAGES[s] ?? `Stage ${s}`}"]`);
    for (const id of members) {
      const i = Number(id.slice(1));
      const label = `${VERBS[i % VERBS.length]} ${THINGS[(i * 7) % THINGS.length]} #${i}`;
      lines.push(i % 5 === 0 ? `    ${id}{"${label} ok?"}` : `    ${id}["${label}"]`);
    }
    lines.push("  end");
  }
  for (let i = 0; i < nodes - 1; i++) {
    const [from, to] = [ids[i], ids[i + 1]];
    if ((i + 1) % 5 === 0) {
      lines.push(`  ${from} -->|yes| ${to}`);
      const fallback = ids[Math.min(nodes - 1, i + 3)];
      lines.push(`  ${from} -.->|no| ${fallback}`);
    } else lines.push(`  ${from} --> ${to}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Installed before any page script: records when mermaid's scratch container comes and goes. */
function watchMermaidScratch(): void {
  const w = window as unknown as { __benchRender?: { start?: number; end?: number } };
  w.__benchRender = {};
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of Array.from(r.addedNodes)) if (n instanceof Element && n.id.startsWith("dwf-diagram-")) w.__benchRender = { start: performance.now() };
      for (const n of Array.from(r.removedNodes)) if (n instanceof Element && n.id.startsWith("dwf-diagram-") && w.__benchRender) w.__benchRender.end = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function main(): Promise<void> {
  printMachine();
  const stack = await startBrowserStack({ temporal: false, email: "dev@atlas.example" });
  try {
    const { idToken } = await readServerTokens(stack.context);
    const api = `${stack.sandboxOrigin}/api/v1`;
    await stack.context.addInitScript(watchMermaidScratch);
    const rows: Array<Array<string | number>> = [];
    for (const nodes of SIZES) {
      const source = generateFlowchart(nodes);
      const id = await publishProbeWorkflow(api, idToken, `bench-diagram-${nodes}-${Date.now().toString(36)}`, source, "bench: generated flowchart");
      const totals: number[] = [];
      const renders: number[] = [];
      const returns: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        // A fresh page each time; the mermaid chunk may come from the HTTP cache after the first.
        const page = await stack.context.newPage();
        const t0 = performance.now();
        await page.goto(`/workflows/${id}`);
        await page.waitForFunction((n) => document.querySelectorAll("svg g.node").length >= n, nodes, { timeout: 60_000, polling: "raf" });
        totals.push(since(t0));
        const render = await page.evaluate(() => (window as unknown as { __benchRender?: { start?: number; end?: number } }).__benchRender);
        if (render?.start !== undefined && render.end !== undefined) renders.push(Math.round(render.end - render.start));
        const shown = await page.evaluate(() => document.querySelectorAll("svg g.node").length);
        if (shown !== nodes) throw new Error(`expected ${nodes} nodes, the page shows ${shown}`);
        // Away to the catalog and back inside the app: the tab keeps mermaid's output for this
        // source, so the return only cleans and mounts it (no second layout).
        await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Workflows" }).click();
        await page.waitForFunction(() => document.querySelectorAll("svg g.node").length === 0, undefined, { timeout: 30_000 });
        const t1 = performance.now();
        await page.goBack();
        await page.waitForFunction((n) => document.querySelectorAll("svg g.node").length >= n, nodes, { timeout: 60_000, polling: "raf" });
        returns.push(since(t1));
        await page.close();
      }
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const [t, r, back] = [sorted(totals), sorted(renders), sorted(returns)];
      rows.push([
        nodes,
        `${source.length} chars`,
        ITERATIONS,
        quantile(t, 0.5),
        t[t.length - 1] ?? Number.NaN,
        r.length ? quantile(r, 0.5) : "?",
        r.length ? (r[r.length - 1] ?? "?") : "?",
        quantile(back, 0.5),
      ]);
    }
    console.log("");
    printTable(["nodes", "source", "runs", "nav → all nodes p50 (ms)", "max (ms)", "mermaid.render p50 (ms)", "max (ms)", "back in the same tab p50 (ms)"], rows);
    console.log("\ntarget (design §7): a 300-node flowchart renders within 1.5 s in the browser");
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
