import { requireRealRuns } from "./support/executions";
import { expect, test, type Page } from "@playwright/test";
import { execFile } from "node:child_process";
import path from "node:path";
import { ROOT } from "./support/processes";
import { storageStatePath } from "./support/roles";

// Issue 5: a 20,000-event execution opens, stays virtualized, jumps to its last event and is
// searchable. Issue #15: with Temporal access the page lists the full history (every event named,
// paged from Temporal), and the API path serves the same history (issue #13). The run is produced by sandbox/scripts/large-history.ts against the e2e sandbox
// (its state dir comes from e2e/global-setup.ts). Timings are recorded as annotations, never asserted.

interface HistoryEvent {
  id: string;
  type: string;
}
interface LargeRun {
  workflowId: string;
  executionId: string;
  historyLength: number;
  scriptMs: number;
}

requireRealRuns();
test.use({ storageState: storageStatePath("developer") });

const EVENTS = Number(process.env.E2E_LARGE_HISTORY_EVENTS ?? "20000");
let run: LargeRun | undefined;

/** Runs the large-history script against the e2e sandbox and reads the ids it prints. */
function produceLargeHistory(stateDir: string, events: number): Promise<LargeRun> {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      tsx,
      ["sandbox/scripts/large-history.ts", "--events", String(events), "--state-dir", stateDir],
      { cwd: ROOT, timeout: 170_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`large-history.ts failed: ${error.message}\n${stdout}\n${stderr}`));
        const workflowId = /workflow id:\s+(\S+)/.exec(stdout)?.[1];
        const executionId = /execution id:\s+(\S+)/.exec(stdout)?.[1];
        const length = /—\s+(\d+) events/.exec(stdout)?.[1];
        if (!workflowId || !executionId || !length) return reject(new Error(`unexpected large-history.ts output:\n${stdout}`));
        resolve({ workflowId, executionId, historyLength: Number(length), scriptMs: Date.now() - started });
      },
    );
  });
}

/** Every event of the run's full Temporal history through the BFF, page by page, as the page's session sees it. */
async function fullHistory(page: Page, r: LargeRun): Promise<{ events: HistoryEvent[]; pages: number }> {
  return page.evaluate(async (base) => {
    const events: HistoryEvent[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const q = new URLSearchParams({ pageSize: "2000" });
      if (token) q.set("pageToken", token);
      const res = await fetch(`${base}/temporal/history?${q.toString()}`);
      if (!res.ok) throw new Error(`temporal history answered ${res.status}`);
      const body = (await res.json()) as { data: { available: boolean; events: HistoryEvent[]; nextPageToken: string | null } };
      if (!body.data.available) throw new Error("the console has no Temporal access (TEMPORAL_ADDRESS)");
      events.push(...body.data.events);
      token = body.data.nextPageToken;
      pages++;
    } while (token);
    return { events, pages };
  }, `/api/workflows/${r.workflowId}/executions/${r.executionId}`);
}

/** The run's flattened history through the API path (the sandbox's Temporal client, issue #13). */
async function apiHistory(page: Page, r: LargeRun): Promise<HistoryEvent[]> {
  return page.evaluate(async (p) => {
    const res = await fetch(p);
    if (!res.ok) throw new Error(`history answered ${res.status}`);
    return ((await res.json()) as { data: { events: HistoryEvent[] } }).data.events;
  }, `/api/workflows/${r.workflowId}/executions/${r.executionId}/history`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const stateDir = process.env.E2E_SANDBOX_STATE_DIR;
  if (!stateDir) throw new Error("E2E_SANDBOX_STATE_DIR is not set (e2e/global-setup.ts sets it)");
  run = await produceLargeHistory(stateDir, EVENTS);
});

test("opens a large-history execution, jumps to its last event and searches near the end", async ({ page }) => {
  test.setTimeout(150_000);
  if (!run) throw new Error("beforeAll produced no run");
  const r = run;
  const note = (type: string, description: string) => test.info().annotations.push({ type, description });
  note("history", `${r.historyLength} Temporal events (requested ${EVENTS}); script took ${r.scriptMs} ms`);

  // The history loads progressively: hold the second page back once, and the first page's rows
  // must already be on screen with "Loading events x of ~N" while it is.
  let heldBack = false;
  await page.route(/\/temporal\/history\?.*pageToken=/, async (route) => {
    if (!heldBack) {
      heldBack = true;
      await new Promise((resolve) => setTimeout(resolve, 4_000));
    }
    // The page may have dropped the held request meanwhile (and asked again): Playwright then
    // reports the route as handled. What the page shows is asserted below either way.
    await route.continue().catch((error: unknown) => {
      if (!String(error).includes("already handled")) throw error;
    });
  });
  const navStart = Date.now();
  await page.goto(`/executions/${r.workflowId}/${r.executionId}?view=events`);
  const rows = page.getByTestId("full-event-row");
  await expect(rows.first()).toBeVisible({ timeout: 90_000 });
  note("first rows", `${Date.now() - navStart} ms from navigation to the first event rows (first page)`);
  const progress = page.getByTestId("history-progress");
  // (Temporal hands out whole event batches, so the first page may hold more than the 500 asked for)
  await expect(progress).toHaveText(new RegExp(`^Loading events [\\d,]+ of ~${r.historyLength.toLocaleString("en-US")}…$`));
  await expect.poll(() => heldBack).toBe(true);
  const loaded = Number((/events ([\d,]+) of/.exec((await progress.textContent()) ?? "")?.[1] ?? "").replace(/,/g, ""));
  expect(loaded).toBeGreaterThan(0);
  expect(loaded).toBeLessThan(r.historyLength);
  await expect(progress).toHaveCount(0, { timeout: 90_000 });
  note("all events", `${Date.now() - navStart} ms from navigation until every page was in (one page held back 4 s)`);
  await page.unrouteAll({ behavior: "ignoreErrors" });

  // The list shows every Temporal event, each named (workflow tasks included), paged from Temporal.
  const full = await fullHistory(page, r);
  note("full history", `${full.events.length} events in ${full.pages} BFF pages`);
  expect(full.events.length).toBe(r.historyLength);
  expect(full.events.filter((e) => e.type === "Unknown")).toHaveLength(0);
  expect((await apiHistory(page, r)).length).toBe(r.historyLength);
  const events = full.events;
  const last = events[events.length - 1] as HistoryEvent;
  await expect(
    page.getByText(new RegExp(`^${events.length.toLocaleString("en-US")} of ${events.length.toLocaleString("en-US")} events`)),
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.locator(`#event-${last.id}`)).toHaveCount(0);

  const jumpStart = Date.now();
  await page.getByRole("button", { name: "Jump to last event" }).click();
  await expect(page.locator(`#event-${last.id}`)).toBeVisible({ timeout: 30_000 });
  note("jump to last", `${Date.now() - jumpStart} ms until event ${last.id} was visible`);

  // Virtualized: only a window of rows is in the DOM, never the whole history.
  const inDom = await rows.count();
  note("rows in DOM", `${inDom} event rows rendered for ${events.length} events`);
  expect(inDom).toBeGreaterThan(0);
  expect(inDom).toBeLessThan(200);

  // Search finds an event near the end (its id is unique enough to pick it out).
  const near = events[events.length - 10] as HistoryEvent;
  const searchStart = Date.now();
  await page.getByRole("searchbox").fill(near.id);
  await expect(page.locator(`#event-${near.id}`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(new RegExp(`^[\\d,]+ of [\\d,]+ events`))).not.toHaveText(
    new RegExp(`^${events.length.toLocaleString("en-US")} of`),
  );
  note("search", `${Date.now() - searchStart} ms until a search for event ${near.id} showed it`);
});
