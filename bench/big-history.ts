/**
 * Big history (design §7, issue 8, issue #15): one execution near Temporal's 51,200-event cap,
 * opened in headless Chromium on our execution page (Events view) twice — a console reading the
 * Pegasus API's flattened history, and a console with the Temporal read seam (TEMPORAL_ADDRESS)
 * loading the full history page by page — and on the Temporal Web UI served by the dev server, for
 * the SAME workflow run, in the same run of this script. Side by side: time from navigation to the
 * first rows, from the (first) history response to the first rows, until every event is loaded, to
 * reach the first and the last event, search, DOM rows and nodes, JS heap.
 *
 * Run alone: `npx tsx bench/big-history.ts` (starts sandbox WITH Temporal + production console).
 * Knobs: BENCH_EVENTS (51200), BENCH_REACH_SECONDS (60: how long we try to reach an event in a UI).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import type { Page, Response } from "@playwright/test";
import { z } from "zod";
import { ROOT } from "../e2e/support/processes";
import { jsHeapMb, since, startBrowserStack } from "./browser";
import { printMachine, printTable } from "./support";

const EVENTS = Number(process.env.BENCH_EVENTS ?? "51200");
const REACH_MS = Number(process.env.BENCH_REACH_SECONDS ?? "60") * 1000;

interface LargeRun {
  workflowId: string;
  executionId: string;
  temporalWorkflowId: string;
  uiUrl: string;
  historyLength: number;
  seconds: number;
}

/** Runs sandbox/scripts/large-history.ts against the running sandbox and reads what it prints. */
function produceLargeHistory(stateDir: string): Promise<LargeRun> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      tsx,
      ["sandbox/scripts/large-history.ts", "--events", String(EVENTS), "--state-dir", stateDir],
      { cwd: ROOT, timeout: 20 * 60_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`large-history.ts failed: ${error.message}\n${stdout}\n${stderr}`));
        const pick = (re: RegExp) => re.exec(stdout)?.[1];
        const [workflowId, executionId, temporalWorkflowId, uiUrl, length] = [
          pick(/workflow id:\s+(\S+)/),
          pick(/execution id:\s+(\S+)/),
          pick(/temporal:\s+(\S+)/),
          pick(/web UI:\s+(\S+)/),
          pick(/—\s+(\d+) events/),
        ];
        if (!workflowId || !executionId || !temporalWorkflowId || !uiUrl || !length)
          return reject(new Error(`unexpected large-history.ts output:\n${stdout}`));
        resolve({
          workflowId,
          executionId,
          temporalWorkflowId,
          uiUrl,
          historyLength: Number(length),
          seconds: (performance.now() - started) / 1000,
        });
      },
    );
  });
}

const historySchema = z.object({ data: z.object({ events: z.array(z.object({ id: z.string(), type: z.string() })) }) });

interface UiFigures {
  navToResponse: string;
  navToFirstRows: string;
  responseToFirstRows: string;
  firstEvent: string;
  lastEvent: string;
  search: string;
  rowsShown: string;
  /** Until every event is loaded (reachable by scroll and search). */
  allLoaded: string;
  domRows: number;
  domNodes: number;
  heapMb: number;
}

const ms = (v: number) => `${v} ms`;
const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName("*").length);

/** Our execution page, Events view: virtualized list, "Jump to last event", search box. */
async function measureConsole(page: Page, run: LargeRun): Promise<UiFigures & { listed: number }> {
  const historyPath = `/api/workflows/${run.workflowId}/executions/${run.executionId}/history`;
  let responseAt = Number.NaN;
  const onResponse = (res: Response) => {
    if (res.url().endsWith(historyPath))
      void res.finished().then(
        () => (responseAt = performance.now()),
        () => undefined,
      );
  };
  page.on("response", onResponse);
  const t0 = performance.now();
  await page.goto(`/executions/${run.workflowId}/${run.executionId}?view=events`);
  const rows = page.getByTestId("event-row");
  await rows.first().waitFor({ state: "visible", timeout: 120_000 });
  const firstRowsAt = performance.now();
  page.off("response", onResponse);

  // The list shows the non-Unknown events (bookkeeping rows are behind a checkbox).
  const body = historySchema.parse(await page.evaluate(async (p) => (await fetch(p)).json(), historyPath));
  const listed = body.data.events.filter((e) => e.type !== "Unknown");
  const first = listed[0];
  const last = listed[listed.length - 1];
  const near = listed[listed.length - 10];
  if (!first || !last || !near) throw new Error("history has no listed events");
  const firstVisible = await page.locator(`#event-${first.id}`).isVisible();

  const jump = performance.now();
  await page.getByRole("button", { name: "Jump to last event" }).click();
  await page.locator(`#event-${last.id}`).waitFor({ state: "visible", timeout: REACH_MS });
  const jumpMs = since(jump);
  const domRows = await rows.count();
  const nodes = await domNodes(page);

  const search = performance.now();
  await page.getByRole("searchbox").fill(near.id);
  await page.locator(`#event-${near.id}`).waitFor({ state: "visible", timeout: REACH_MS });
  const searchMs = since(search);
  await page.getByRole("searchbox").fill("");

  return {
    navToResponse: Number.isNaN(responseAt) ? "?" : ms(Math.round(responseAt - t0)),
    navToFirstRows: ms(Math.round(firstRowsAt - t0)),
    responseToFirstRows: Number.isNaN(responseAt) ? "?" : ms(Math.round(firstRowsAt - responseAt)),
    firstEvent: firstVisible ? `event ${first.id}: at first rows` : `event ${first.id}: not on first screen`,
    lastEvent: `event ${last.id}: ${jumpMs} ms after "Jump to last event"`,
    search: `event ${near.id}: ${searchMs} ms`,
    rowsShown: `${listed.length} listed (+${body.data.events.length - listed.length} bookkeeping behind a checkbox)`,
    allLoaded: `with the first rows (one response of ${body.data.events.length} events)`,
    domRows,
    domNodes: nodes,
    heapMb: await jsHeapMb(page),
    listed: listed.length,
  };
}

/**
 * The console with Temporal access, Events view: the full history loads page by page (500 events,
 * then 2,000 a page); the first page's rows show at once with "Loading events x of ~y".
 */
async function measureConsoleTemporal(page: Page, run: LargeRun): Promise<UiFigures & { pages: number }> {
  let firstPageAt = Number.NaN;
  let pages = 0;
  const onResponse = (res: Response) => {
    if (res.url().includes("/temporal/history?")) {
      pages++;
      void res.finished().then(
        () => {
          if (Number.isNaN(firstPageAt)) firstPageAt = performance.now();
        },
        () => undefined,
      );
    }
  };
  page.on("response", onResponse);
  const t0 = performance.now();
  await page.goto(`/executions/${run.workflowId}/${run.executionId}?view=events`);
  const rows = page.getByTestId("full-event-row");
  await rows.first().waitFor({ state: "visible", timeout: 120_000 });
  const firstRowsAt = performance.now();
  const progressSeen = await page.getByTestId("history-progress").isVisible();
  // every event in: the progress note is gone and the count reads N of N
  const n = run.historyLength.toLocaleString("en-US");
  await page.getByText(new RegExp(`^${n} of ${n} events`)).waitFor({ state: "visible", timeout: 300_000 });
  const allAt = performance.now();
  page.off("response", onResponse);
  const firstVisible = await page.locator("#event-1").isVisible();

  const lastId = String(run.historyLength);
  const jump = performance.now();
  await page.getByRole("button", { name: "Jump to last event" }).click();
  await page.locator(`#event-${lastId}`).waitFor({ state: "visible", timeout: REACH_MS });
  const jumpMs = since(jump);
  const domRows = await rows.count();
  const nodes = await domNodes(page);

  const nearId = String(run.historyLength - 10);
  const search = performance.now();
  await page.getByRole("searchbox").fill(nearId);
  await page.locator(`#event-${nearId}`).waitFor({ state: "visible", timeout: REACH_MS });
  const searchMs = since(search);
  await page.getByRole("searchbox").fill("");

  return {
    navToResponse: Number.isNaN(firstPageAt) ? "?" : ms(Math.round(firstPageAt - t0)),
    navToFirstRows: ms(Math.round(firstRowsAt - t0)),
    responseToFirstRows: Number.isNaN(firstPageAt) ? "?" : ms(Math.round(firstRowsAt - firstPageAt)),
    firstEvent: firstVisible ? "event 1: at first rows" : "event 1: not on first screen",
    lastEvent: `event ${lastId}: ${jumpMs} ms after "Jump to last event"`,
    search: `event ${nearId}: ${searchMs} ms`,
    rowsShown: `${run.historyLength} listed, every event named; ${pages} BFF pages`,
    allLoaded: `${Math.round(allAt - t0)} ms from navigation (${Math.round(allAt - firstRowsAt)} ms after the first rows; progress note ${progressSeen ? "shown" : "not seen"})`,
    domRows,
    domNodes: nodes,
    heapMb: await jsHeapMb(page),
    pages,
  };
}

/**
 * The Temporal Web UI's history page: a paginated table (100 rows a page, newest first), loading
 * the history in pages of its own API in the background. Event 1 sits on the last page.
 */
async function measureTemporalUi(page: Page, run: LargeRun): Promise<UiFigures & { pages: number }> {
  let firstResponseAt = Number.NaN;
  let historyResponses = 0;
  const onResponse = (res: Response) => {
    if (/\/history(-reverse)?\?/.test(res.url())) {
      historyResponses++;
      void res.finished().then(
        () => {
          if (Number.isNaN(firstResponseAt)) firstResponseAt = performance.now();
        },
        () => undefined,
      );
    }
  };
  page.on("response", onResponse);
  const t0 = performance.now();
  await page.goto(run.uiUrl);
  const rows = page.locator('[data-testid="event-summary-row"]');
  await rows.first().waitFor({ state: "visible", timeout: 120_000 });
  const firstRowsAt = performance.now();

  // Newest first: the last event should be on page 1 once its rows are in.
  const lastId = String(run.historyLength);
  const lastRow = page.locator(`[data-testid="event-summary-row"][data-eventid="${lastId}"]`);
  let lastMs: number | undefined;
  try {
    await lastRow.first().waitFor({ state: "visible", timeout: REACH_MS });
    lastMs = since(t0);
  } catch {
    lastMs = undefined;
  }

  // Event 1: keep going to the highest page the pager offers until its row shows, bounded.
  const reach = performance.now();
  const firstRow = page.locator('[data-testid="event-summary-row"][data-eventid="1"]');
  let firstMs: number | undefined;
  let clicks = 0;
  while (performance.now() - reach < REACH_MS) {
    if (await firstRow.count()) {
      firstMs = since(reach);
      break;
    }
    const pageButtons = page.getByRole("button", { name: /^Go to page \d+$/ });
    const labels = await pageButtons.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    const highest = labels.map((l) => Number(/\d+$/.exec(l)?.[0] ?? 0)).reduce((a, b) => Math.max(a, b), 0);
    if (highest > 0) {
      await page
        .getByRole("button", { name: `Go to page ${highest}`, exact: true })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      clicks++;
    }
    await firstRow
      .first()
      .waitFor({ state: "attached", timeout: 2_000 })
      .catch(() => undefined);
  }
  page.off("response", onResponse);
  const labels = await page
    .getByRole("button", { name: /^Go to page \d+$/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  const pages = labels.map((l) => Number(/\d+$/.exec(l)?.[0] ?? 0)).reduce((a, b) => Math.max(a, b), 0);
  const reachS = REACH_MS / 1000;
  return {
    navToResponse: Number.isNaN(firstResponseAt) ? "?" : ms(Math.round(firstResponseAt - t0)),
    navToFirstRows: ms(Math.round(firstRowsAt - t0)),
    responseToFirstRows: Number.isNaN(firstResponseAt) ? "?" : ms(Math.round(firstRowsAt - firstResponseAt)),
    firstEvent:
      firstMs === undefined
        ? `event 1: not reached in ${reachS} s (${clicks} pager clicks)`
        : `event 1: ${firstMs} ms via the pager (${clicks} click(s), last page)`,
    lastEvent: lastMs === undefined ? `event ${lastId}: not shown in ${reachS} s` : `event ${lastId}: page 1, ${lastMs} ms from navigation`,
    search: "none (event-type category filter only)",
    rowsShown: `${pages} pages x 100 rows; ${historyResponses} history API responses while measured`,
    allLoaded: "never at once: 100 rows a page, fetched as the pager moves",
    domRows: await rows.count(),
    domNodes: await domNodes(page),
    heapMb: await jsHeapMb(page),
    pages,
  };
}

async function main(): Promise<void> {
  printMachine();
  const t0 = performance.now();
  const stack = await startBrowserStack({ temporal: true, temporalConsole: true });
  try {
    console.log(`stack (sandbox + Temporal + console) ready in ${(since(t0) / 1000).toFixed(1)} s; producing a ${EVENTS}-event history…`);
    const run = await produceLargeHistory(stack.stateDir);
    console.log(
      `history: ${run.historyLength} Temporal events (requested ${EVENTS}) in ${run.seconds.toFixed(1)} s; workflow ${run.workflowId}, execution ${run.executionId}`,
    );

    const ours = await measureConsole(await stack.context.newPage(), run);
    if (!stack.temporalConsole) throw new Error("the console with Temporal access did not start");
    const full = await measureConsoleTemporal(await stack.temporalConsole.context.newPage(), run);
    // A fresh context for the Temporal UI (no console cookies), same browser, same viewport.
    const uiContext = await stack.browser.newContext({ timezoneId: "UTC", locale: "en-US", viewport: { width: 1440, height: 900 } });
    const theirs = await measureTemporalUi(await uiContext.newPage(), run);
    await uiContext.close();

    console.log("");
    const row = (label: string, pick: (f: UiFigures) => string | number) => [label, pick(ours), pick(full), pick(theirs)];
    printTable(
      ["measure", "console, API history (Events view)", "console, Temporal path (Events view)", "Temporal Web UI (dev server)"],
      [
        row("navigation → (first) history response", (f) => f.navToResponse),
        row("navigation → first rows", (f) => f.navToFirstRows),
        row("history response → first rows", (f) => f.responseToFirstRows),
        row("first event reachable", (f) => f.firstEvent),
        row("last event reachable", (f) => f.lastEvent),
        row("search near the end", (f) => f.search),
        row("what is listed", (f) => f.rowsShown),
        row("every event loaded", (f) => f.allLoaded),
        row("event rows in the DOM", (f) => f.domRows),
        row("DOM elements (whole page)", (f) => f.domNodes),
        row("JS heap used (MB, after GC)", (f) => f.heapMb.toFixed(1)),
      ],
    );
    console.log(
      `\ntarget (design §7): first rows within 1 s of the response, every event reachable by scroll and search, bounded DOM rows`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
