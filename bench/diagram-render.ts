/**
 * Diagram render (design §7, issue 8): generated flowcharts of 50, 150 and 300 nodes (labels,
 * decisions with labelled edges, subgraphs) published into the sandbox as real workflow versions
 * (upload-url → PUT → finalize, with the signed-in user's ID token), then opened on the console's
 * `/workflows/<id>` page in headless Chromium, several times each.
 *
 * Measured from outside (components are not instrumented), per size and iteration:
 * - first view: a fresh browser profile (empty IndexedDB and HTTP cache), navigation start → the first
 *   animation frame with every node of the diagram in the viewer (`[data-testid=diagram-canvas] svg g.node`
 *   count = N), the picture visible and fitted to the viewport, read in the page (performance.now()), so
 *   neither the load event nor CDP round trips count;
 * - repeat view: a new tab of the same profile, where the diagram is kept in IndexedDB, and whether
 *   it was laid out again (it should not be);
 * - back in the same tab after visiting the catalog;
 * - the JavaScript bytes a first view fetches, and how many of them are mermaid's;
 * - mermaid.render itself: the lifetime of mermaid's scratch container (`#dwf-diagram-*`, added to
 *   <body> when render starts and removed when it ends), seen by a MutationObserver;
 * - where each first and repeat view spends its time: navigation timing (response start, DOM
 *   interactive) and the console's `diagram:*` user-timing marks (components/diagram/perf.ts:
 *   hydration, mermaid preload, store hit/miss, mermaid import, parse, layout, sanitise, mount).
 * Targets: a repeat view within 0.3 s; a 50-node first view within 1 s; 300 nodes reported.
 *
 * Run alone: `npx tsx bench/diagram-render.ts`. Knobs: BENCH_NODES ("50,150,300"), BENCH_ITERATIONS (5).
 */
import { publishProbeWorkflow } from "../e2e/support/publish";
import { readServerTokens } from "../e2e/support/session";
import type { Page } from "@playwright/test";
import { since, startBrowserStack } from "./browser";
import { generateFlowchart } from "./flowchart";
import { printMachine, printTable, quantile } from "./support";

const SIZES = (process.env.BENCH_NODES ?? "50,150,300").split(",").map(Number);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? "5");

/** Installed before any page script: records when mermaid's scratch container comes and goes. */
function watchMermaidScratch(): void {
  const w = window as unknown as { __benchRender?: { start?: number; end?: number } };
  w.__benchRender = {};
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of Array.from(r.addedNodes))
        if (n instanceof Element && n.id.startsWith("dwf-diagram-")) w.__benchRender = { start: performance.now() };
      for (const n of Array.from(r.removedNodes))
        if (n instanceof Element && n.id.startsWith("dwf-diagram-") && w.__benchRender) w.__benchRender.end = performance.now();
      // React's streamed page is revealed when the last hidden segment (`S:<n>`) is taken out (earlier
      // ones move nested segments into a still-hidden one).
      for (const n of Array.from(r.removedNodes))
        if (
          n instanceof Element &&
          /^S:/.test(n.id) &&
          !document.querySelector("div[hidden][id^='S:']") &&
          performance.getEntriesByName("diagram:reveal").length === 0
        )
          performance.mark("diagram:reveal");
    }
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Installed before any page script: from the first frame on, an animation-frame loop notes the
 * first frame in which the diagram has `nodes` nodes (in ms since navigation start). Measured in the
 * page from its start, so neither the load event nor when the test driver's own polling gets to run
 * can move the figure.
 */
function watchDiagramFrames(nodes: number): string {
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  return `(() => {
    // Every node in the viewer, the picture visible (not in a hidden streamed segment) and fitted.
    const seen = () => {
      const layer = document.querySelector('[data-testid="diagram-canvas"]');
      const svg = layer && layer.querySelector("svg");
      return !!svg && layer.querySelectorAll("svg g.node").length >= ${nodes} && svg.checkVisibility() &&
        layer.style.transform !== "translate(0px, 0px) scale(1)";
    };
    const note = () => {
      if (window.__benchShown === undefined && seen()) window.__benchShown = performance.now();
      return window.__benchShown !== undefined;
    };
    const tick = () => (note() ? undefined : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
    // React reveals streamed content inside an animation frame callback; the frame painted right after
    // it shows the picture, so a reveal is also checked the moment it happens.
    new MutationObserver((records, observer) => {
      if (records.some((r) => Array.from(r.removedNodes).some((n) => n.nodeType === 1 && n.hasAttribute("hidden"))) && note()) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  })();`;
}

/**
 * Waits until the page's diagram shows every node; returns whether mermaid laid it out in this page
 * and the first frame that had every node (watchDiagramFrames).
 */
async function waitForDiagram(page: Page, nodes: number): Promise<{ laidOut: boolean; shownAt: number }> {
  const handle = await page.waitForFunction(() => (window as unknown as { __benchShown?: number }).__benchShown ?? false, undefined, {
    timeout: 60_000,
    polling: 100,
  });
  const shownAt = Math.round(Number(await handle.jsonValue()));
  const shown = await page.evaluate(() => document.querySelectorAll('[data-testid="diagram-canvas"] svg g.node').length);
  if (shown !== nodes) throw new Error(`expected ${nodes} nodes, the page shows ${shown}`);
  const render = await page.evaluate(() => (window as unknown as { __benchRender?: { start?: number } }).__benchRender);
  return { laidOut: render?.start !== undefined, shownAt };
}

/** Steps of a view, in ms since navigation start: navigation timing plus the console's `diagram:*` marks (components/diagram/perf.ts). */
const PHASES = [
  "responseStart",
  "responseEnd",
  "prefetch-start",
  "prefetch-read",
  "prefetch-cleaned",
  "early-start",
  "early-cleaned",
  "early-painted",
  "reveal",
  "early-fitted",
  "domInteractive",
  "page-hydrated",
  "preload-start",
  "effect",
  "render-start",
  "store-hit",
  "store-miss",
  "mermaid-imported",
  "mermaid-initialized",
  "parsed",
  "laid-out",
  "sanitized",
  "early-adopted",
  "mounted",
  "preload-done",
] as const;
type Phases = Partial<Record<(typeof PHASES)[number], number>>;

async function readPhases(page: Page): Promise<Phases> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    if (nav) Object.assign(out, { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive });
    for (const m of performance.getEntriesByType("mark"))
      if (m.name.startsWith("diagram:") && out[m.name.slice(8)] === undefined) out[m.name.slice(8)] = m.startTime;
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v)]));
  });
}

/** Per step, the median over the views that reached it ("·" when none did). */
function phaseRow(label: string, views: Phases[]): Array<string | number> {
  return [
    label,
    ...PHASES.map((p) => {
      const xs = views
        .map((v) => v[p])
        .filter((x): x is number => x !== undefined)
        .sort((a, b) => a - b);
      return xs.length ? quantile(xs, 0.5) : "·";
    }),
  ];
}

/** Bytes of JavaScript a page load fetched (response bodies), in total and in chunks that hold mermaid. */
function countScriptBytes(page: Page): { total: number; mermaid: number } {
  const bytes = { total: 0, mermaid: 0 };
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    void response
      .body()
      .then((body) => {
        bytes.total += body.length;
        // mermaid's own chunks carry its name or its parser and layout names; the console's own
        // chunk that imports it (it says "Drawing the diagram") is not mermaid.
        const text = body.subarray(0, Math.min(body.length, 200_000)).toString("latin1");
        if (/mermaid|flowchart-v2|dagre/i.test(text) && !text.includes("Drawing the diagram")) bytes.mermaid += body.length;
      })
      .catch(() => undefined);
  });
  return bytes;
}

async function main(): Promise<void> {
  printMachine();
  const stack = await startBrowserStack({ temporal: false, email: "dev@atlas.example" });
  try {
    const { idToken } = await readServerTokens(stack.context);
    const api = `${stack.sandboxOrigin}/api/v1`;
    // Cookies only: a new context made from it starts with an empty IndexedDB and HTTP cache.
    const signedIn = await stack.context.storageState();
    const rows: Array<Array<string | number>> = [];
    const phaseRows: Array<Array<string | number>> = [];
    let mermaidKb = "?";
    for (const nodes of SIZES) {
      const source = generateFlowchart(nodes);
      const id = await publishProbeWorkflow(
        api,
        idToken,
        `bench-diagram-${nodes}-${Date.now().toString(36)}`,
        source,
        "bench: generated flowchart",
      );
      const firsts: number[] = [];
      const renders: number[] = [];
      const repeats: number[] = [];
      const returns: number[] = [];
      let repeatLayouts = 0;
      const firstPhases: Phases[] = [];
      const repeatPhases: Phases[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        // First view: a fresh browser profile (no stored diagram, nothing in the HTTP cache).
        const context = await stack.browser.newContext({
          baseURL: stack.consoleOrigin,
          timezoneId: "UTC",
          locale: "en-US",
          viewport: { width: 1440, height: 900 },
          storageState: signedIn,
        });
        await context.addInitScript(watchMermaidScratch);
        await context.addInitScript({ content: watchDiagramFrames(nodes) });
        const page = await context.newPage();
        const scripts = countScriptBytes(page);
        await page.goto(`/workflows/${id}`, { waitUntil: "commit" });
        const first = await waitForDiagram(page, nodes);
        if (!first.laidOut) throw new Error("a first view should lay the diagram out");
        firsts.push(first.shownAt);
        firstPhases.push(await readPhases(page));
        const render = await page.evaluate(() => (window as unknown as { __benchRender?: { start?: number; end?: number } }).__benchRender);
        if (render?.start !== undefined && render.end !== undefined) renders.push(Math.round(render.end - render.start));
        if (i === 0 && nodes === SIZES[0])
          mermaidKb = `${Math.round(scripts.mermaid / 1024)} kB of ${Math.round(scripts.total / 1024)} kB JS`;
        // Repeat view: another tab of the same browser, where the diagram is in IndexedDB.
        // The store write follows the first paint; wait until the entry is there.
        await page.waitForFunction(
          () =>
            new Promise<boolean>((resolve) => {
              const open = indexedDB.open("pegasus-console");
              open.onerror = () => resolve(false);
              open.onsuccess = () => {
                const count = open.result.transaction("diagram-svg").objectStore("diagram-svg").count();
                count.onsuccess = () => resolve(count.result > 0);
              };
            }),
          undefined,
          { timeout: 10_000, polling: 100 },
        );
        // …and the note that this page's diagram is kept (stored-pages.ts) with its localStorage copy
        // (quick-store.ts), which the repeat view's head script reads.
        await page.waitForFunction(
          () => {
            const keys = Object.keys(localStorage);
            const noted = keys.some(
              (k) => k.startsWith("pegasus-console:diagram-pages") && (localStorage.getItem(k) ?? "").includes(location.pathname),
            );
            return noted && keys.some((k) => k.startsWith("pegasus-console:diagram-svg:"));
          },
          undefined,
          { timeout: 10_000, polling: 100 },
        );
        const tab = await context.newPage();
        await tab.goto(`/workflows/${id}`, { waitUntil: "commit" });
        const repeat = await waitForDiagram(tab, nodes);
        if (repeat.laidOut) repeatLayouts++;
        repeats.push(repeat.shownAt);
        // The step marks of a view are read once the page has settled (hydrated, picture adopted).
        await tab.waitForLoadState("load");
        repeatPhases.push(await readPhases(tab));
        // Back in the same tab after visiting the catalog (in-tab cache).
        await tab.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Workflows" }).click();
        await tab.waitForFunction(() => document.querySelectorAll("svg g.node").length === 0, undefined, { timeout: 30_000 });
        // Same document (a client-side navigation): timed from here, until a frame has every node.
        const t2 = performance.now();
        await tab.goBack();
        await tab.waitForFunction((n) => document.querySelectorAll('[data-testid="diagram-canvas"] svg g.node').length >= n, nodes, {
          timeout: 60_000,
          polling: "raf",
        });
        returns.push(since(t2));
        await context.close();
      }
      phaseRows.push(phaseRow(`${nodes} first`, firstPhases), phaseRow(`${nodes} repeat`, repeatPhases));
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      const [f, r, rep, back] = [sorted(firsts), sorted(renders), sorted(repeats), sorted(returns)];
      rows.push([
        nodes,
        `${source.length} chars`,
        ITERATIONS,
        quantile(f, 0.5),
        f[f.length - 1] ?? Number.NaN,
        r.length ? quantile(r, 0.5) : "?",
        quantile(rep, 0.5),
        rep[rep.length - 1] ?? Number.NaN,
        `${repeatLayouts}/${ITERATIONS}`,
        quantile(back, 0.5),
      ]);
    }
    console.log("");
    printTable(
      [
        "nodes",
        "source",
        "runs",
        "first view p50 (ms)",
        "max (ms)",
        "mermaid.render p50 (ms)",
        "repeat view, new tab p50 (ms)",
        "max (ms)",
        "repeat views that laid out",
        "back in the same tab p50 (ms)",
      ],
      rows,
    );
    console.log("\nWhere a view goes, p50 ms since navigation start (navigation timing, then the console's diagram:* marks):");
    printTable(["view", ...PHASES], phaseRows);
    console.log(`\nJavaScript fetched by a first view of /workflows/[id]: ${mermaidKb} in mermaid chunks`);
    console.log("targets: repeat view (any tab) ≤ 300 ms; 50-node first view ≤ 1 s; 300-node first view reported");
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
