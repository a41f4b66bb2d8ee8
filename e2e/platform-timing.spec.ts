import { expect, test, type Browser, type Page, type Route } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bff, workflowId, type Exec, requireRealRuns } from "./support/executions";
import { freePort, ROOT, startChild, startConsoleServer, stopChild, waitUntil } from "./support/processes";

// Contract §4.6: the real reconciler records a cancel minutes late, and a cold tenant runner keeps
// a run QUEUED for about a minute. This spec starts its own sandbox with both reproduced at a
// small scale (the shared e2e sandbox keeps them off) and its own console on the same build.

requireRealRuns();
test.describe.configure({ mode: "serial" });

const RECONCILE_DELAY_MS = 20_000;
const COLD_START_MS = 12_000;
const IDLE_EXIT_MS = 3_000;

let sandbox: ChildProcess | undefined;
let consoleServer: ChildProcess | undefined;
let stateDir = "";
let baseURL = "";

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stateDir = mkdtempSync(path.join(os.tmpdir(), "console-e2e-timing-"));
  const [sandboxPort, consolePort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  baseURL = `http://127.0.0.1:${consolePort}`;
  const child = startChild("sandbox-timing", path.join(ROOT, "node_modules", ".bin", "tsx"), ["sandbox/server/main.ts"], {
    ...process.env,
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_STATE_DIR: stateDir,
    SANDBOX_TEMPORAL_PORT: String(temporalPort),
    SANDBOX_TEMPORAL_UI_PORT: String(uiPort),
    SANDBOX_CONSOLE_ORIGINS: baseURL,
    SANDBOX_LOG_LEVEL: "warn",
    SANDBOX_RECONCILE_DELAY_MS: String(RECONCILE_DELAY_MS),
    SANDBOX_RUNNER_COLD_START_MS: String(COLD_START_MS),
    SANDBOX_RUNNER_IDLE_EXIT_MS: String(IDLE_EXIT_MS),
  });
  sandbox = child;
  // The sandbox prints its demo users once the demo seed (and its runs) are done.
  let seeded = false;
  child.stdout?.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("Demo users")) seeded = true;
  });
  await waitUntil("timing sandbox seeded", () => Promise.resolve(seeded), 200_000, child);
  const next = startConsoleServer("console-timing", consolePort, {
    ...process.env,
    NODE_ENV: "production",
    PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
    PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
    PEGASUS_EMBEDDED_SANDBOX: "1",
  });
  consoleServer = next;
  await waitUntil("timing console", async () => [200, 503].includes((await fetch(`${baseURL}/api/health`)).status), 60_000, next);
});

test.afterAll(async () => {
  if (consoleServer) await stopChild(consoleServer);
  if (sandbox) await stopChild(sandbox);
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

async function signedIn(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL, timezoneId: "UTC" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
  await page.locator('button[data-testid="demo-user"][value="dev@atlas.example"]').click();
  await page.waitForURL(`${baseURL}/workflows`, { timeout: 30_000 });
  return page;
}

async function startRun(page: Page, name: string, input: Record<string, unknown>): Promise<Exec> {
  const id = await workflowId(page, name);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await bff<Exec>(page, `/api/workflows/${id}/run`, { method: "POST", body: { input, mode: "live" } });
    if (res.status === 201) return res.data;
    if (res.status !== 429 || Date.now() > deadline) throw new Error(`run ${name} answered ${res.status}`);
    await page.waitForTimeout(2_000);
  }
}

async function openRuns(page: Page): Promise<Exec[]> {
  const { data } = await bff<{ items: Exec[] }>(page, "/api/executions?status=QUEUED,RUNNING&limit=50");
  return data.items;
}

test("a cancel the platform has not recorded yet says so, with its age, until the run reads Canceled", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser);
  const run = await startRun(page, "crew-dispatch", { moveId: "M-9301", customerPhone: "+15550109301", waitMinutes: 10 });
  await page.goto(`/executions/${run.workflowId}/${run.id}`);
  const status = page.getByTestId("execution-status");
  // Queued first if the runner was idle: the wait is part of the contract too.
  await expect(status).toHaveText(/Running/, { timeout: 45_000 });

  // Durations tick while the run is open, on their own: hold the page's polls (no new data can
  // re-render it) and the duration still moves.
  const held: Route[] = [];
  let holding = true;
  const polls = (url: URL) => url.pathname.startsWith(`/api/workflows/${run.workflowId}/executions/${run.id}`);
  await page.route(polls, (route) => {
    if (holding && route.request().method() === "GET") held.push(route);
    else void route.continue();
  });
  await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  const duration = page.getByTestId("execution-duration");
  const first = await duration.textContent();
  await expect(duration).not.toHaveText(first ?? "", { timeout: 3_000 });
  holding = false;
  for (const route of held) await route.continue();
  await page.unroute(polls);

  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await dialog.getByLabel(/^Reason/).fill("e2e: platform timing");
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  const notice = page.getByTestId("platform-wait");
  await expect(notice).toContainText(/Cancel requested \d+(\.\d)? s ago, waiting for the platform\./);
  await expect(status).toHaveText("Cancel requested");
  // The platform really still says RUNNING (the sandbox reproduces the reconciler's lag).
  const row = await bff<Exec>(page, `/api/workflows/${run.workflowId}/executions/${run.id}`);
  expect(row.data.status).toBe("RUNNING");
  // The age ticks.
  const said = await notice.locator("p").first().textContent();
  await expect(notice.locator("p").first()).not.toHaveText(said ?? "", { timeout: 3_000 });
  // Then the reconciler catches up; the notice goes away.
  await expect(status).toHaveText("Canceled", { timeout: RECONCILE_DELAY_MS + 30_000 });
  await expect(notice).toHaveCount(0);
});

test("a run on an idle runner waits QUEUED, and the page says it is waiting for a runner", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser);
  // An idle runner means no open tenant run: cancel the seed's long runs (and the previous test's,
  // if any). A run still QUEUED by a cold start cannot be cancelled yet (409), so keep asking.
  const cancelled = new Set<string>();
  await expect
    .poll(
      async () => {
        const open = await openRuns(page);
        for (const e of open.filter((x) => x.status === "RUNNING" && !cancelled.has(x.id))) {
          const res = await bff(page, `/api/workflows/${e.workflowId}/executions/${e.id}/cancel`, {
            method: "POST",
            headers: { "x-audit-reason": "e2e%20cleanup" },
          });
          if (res.status === 202) cancelled.add(e.id);
        }
        return open.length;
      },
      { timeout: COLD_START_MS + RECONCILE_DELAY_MS + 45_000, intervals: [1_000] },
    )
    .toBe(0);
  // …and nothing queued or finished within the idle window.
  await expect
    .poll(
      async () => {
        const { data } = await bff<{ items: Array<Exec & { queuedAt: string; finishedAt: string | null }> }>(
          page,
          "/api/executions?limit=50",
        );
        const last = Math.max(...data.items.map((e) => Math.max(Date.parse(e.queuedAt), e.finishedAt ? Date.parse(e.finishedAt) : 0)));
        return Date.now() - last;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBeGreaterThan(IDLE_EXIT_MS + 1_000);

  const run = await startRun(page, "crew-dispatch", { moveId: "M-9302", customerPhone: "+15550109302", waitMinutes: 1 });
  expect(run.status).toBe("QUEUED");
  await page.goto(`/executions/${run.workflowId}/${run.id}`);
  const status = page.getByTestId("execution-status");
  await expect(status).toHaveText("Queued");
  const notice = page.getByTestId("platform-wait");
  await expect(notice).toContainText("Waiting for a runner (can take about a minute).", { timeout: 10_000 });
  await expect(notice).toContainText(/Queued for \d+(\.\d)? s/);
  await expect(page.getByText("Queued for", { exact: true })).toBeVisible();
  // The cold start ends: the run starts and the notice goes.
  await expect(status).toHaveText(/Running|Completed/, { timeout: COLD_START_MS + 30_000 });
  await expect(notice).toHaveCount(0);
});
