import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { Client, Connection } from "@temporalio/client";
import { publishCuratedProbe } from "./support/curated-probe";
import { asUser, bff, workflowId, type Exec, requireRealRuns } from "./support/executions";

// Issue #15 on real sandbox runs of the curated runner probe (durable shape: the workflow code and
// each step are real Temporal tasks): a workflow task that keeps failing is named and flagged as
// stuck within one poll; a step that fails retryably shows "attempt n of m" and its next retry;
// an open run's poll reads only what comes after the last event held. Every run is cancelled at
// the end so none holds one of the tenant's concurrency slots.

requireRealRuns();
test.describe.configure({ mode: "serial" });

const PROBE = "runner-probe-curated";
/** The console's poll of an open run (lib/queries/executions POLL_OPEN_MS). */
const POLL_MS = 3_000;
const started: Exec[] = [];

async function startProbe(page: Page, input: Record<string, unknown>): Promise<Exec> {
  const id = await workflowId(page, PROBE);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await bff<Exec>(page, `/api/workflows/${id}/run`, { method: "POST", body: { input, mode: "live" } });
    if (res.status === 201) {
      started.push(res.data);
      return res.data;
    }
    if (res.status !== 429 || Date.now() > deadline) throw new Error(`run ${PROBE} answered ${res.status}`);
    await page.waitForTimeout(3_000);
  }
}

/** Polls the BFF (outside the page, so the page's own requests stay countable) until the run's full history has an event of `type`. */
async function waitForEvent(page: Page, run: Exec, type: string): Promise<void> {
  const base = `/api/workflows/${run.workflowId}/executions/${run.id}/temporal/history`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    let token: string | null = null;
    do {
      const res = await page.request.get(`${base}?pageSize=2000${token ? `&pageToken=${token}` : ""}`);
      const body = (await res.json()) as { data: { available: boolean; events?: Array<{ type: string }>; nextPageToken?: string | null } };
      if (!body.data.available) break;
      if (body.data.events?.some((e) => e.type === type)) return;
      token = body.data.nextPageToken ?? null;
    } while (token);
    await page.waitForTimeout(250);
  }
  throw new Error(`no ${type} event in run ${run.id} within 90 s`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await publishCuratedProbe("1.9.0");
});

/**
 * Cleanup: cancel every run through the console; a run whose workflow code keeps failing never
 * honours a cancel, so whatever is still open is then terminated on Temporal directly (test
 * cleanup only: the console itself never writes to Temporal).
 */
test.afterAll(async ({ browser }) => {
  test.setTimeout(60_000);
  const open: string[] = [];
  await asUser(browser, "developer", async (page) => {
    for (const run of started) {
      const res = await bff<unknown>(page, `/api/workflows/${run.workflowId}/executions/${run.id}/cancel`, {
        method: "POST",
        headers: { "x-audit-reason": "e2e%20stuck%20runs%20cleanup" },
      });
      expect([202, 409]).toContain(res.status);
      const row = await bff<Exec & { temporalWorkflowId: string | null }>(page, `/api/workflows/${run.workflowId}/executions/${run.id}`);
      if (row.data.temporalWorkflowId && !["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"].includes(row.data.status))
        open.push(row.data.temporalWorkflowId);
    }
  });
  if (open.length === 0) return;
  const info = JSON.parse(readFileSync(path.join(process.env.E2E_SANDBOX_STATE_DIR ?? "", "temporal.json"), "utf8")) as {
    address: string;
    namespace: string;
  };
  const connection = await Connection.connect({ address: info.address });
  try {
    const client = new Client({ connection, namespace: info.namespace });
    for (const id of open)
      await client.workflow
        .getHandle(id)
        .terminate("e2e cleanup: the run's workflow task cannot succeed")
        .catch(() => undefined);
  } finally {
    await connection.close();
  }
});

test("a workflow task that keeps failing: named events and a stuck banner within one poll; polls read only new events", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  await asUser(browser, "developer", async (page) => {
    // the workflow code parses float("not-a-number") and raises on every workflow task attempt
    const run = await startProbe(page, { mode: "sleep", seconds: "not-a-number" });
    const reads: URL[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/temporal/history")) reads.push(new URL(r.url()));
    });
    await page.goto(`/executions/${run.workflowId}/${run.id}?view=events`);
    await expect(page.getByTestId("execution-status")).toBeVisible();

    await waitForEvent(page, run, "WorkflowTaskFailed");
    const seenAt = Date.now();
    const banner = page.getByTestId("stuck-banner");
    // one poll (3 s) plus the request and a render
    await expect(banner).toBeVisible({ timeout: POLL_MS + 3_000 });
    test
      .info()
      .annotations.push({ type: "stuck banner", description: `${Date.now() - seenAt} ms after the failure was readable through the BFF` });
    await expect(banner).toContainText("The workflow code keeps failing");
    await expect(banner).toContainText(/float/);

    const failed = page.locator('[data-testid="full-event-row"][data-event-type="WorkflowTaskFailed"]').first();
    await expect(failed).toBeVisible();
    await expect(failed).toContainText("Workflow task failed");
    await expect(page.locator('[data-testid="full-event-row"][data-event-type="WorkflowTaskScheduled"]').first()).toContainText(
      "Workflow task scheduled",
    );
    await expect(page.getByTestId("full-event-row").filter({ hasText: "Unknown" })).toHaveCount(0);
    await failed.getByRole("button").click();
    await expect(page.getByRole("region", { name: "Event details" })).toContainText(/float/);

    // While the run stays open, each poll reads on from the last page's token (follow mode): no
    // poll starts again from the first page.
    const before = reads.length;
    await page.waitForTimeout(3 * POLL_MS + 500);
    const polls = reads.slice(before);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.length).toBeLessThanOrEqual(5);
    for (const u of polls) {
      expect(u.searchParams.get("pageToken"), u.search).toBeTruthy();
      expect(u.searchParams.get("follow"), u.search).toBe("1");
    }

    const cancel = await bff<unknown>(page, `/api/workflows/${run.workflowId}/executions/${run.id}/cancel`, {
      method: "POST",
      headers: { "x-audit-reason": "e2e%20stuck%20run" },
    });
    expect(cancel.status).toBe(202);
  });
});

test("a step that fails retryably shows attempt n of m and its next retry", async ({ browser }) => {
  test.setTimeout(180_000);
  await asUser(browser, "developer", async (page) => {
    // `explode` raises on every attempt; 4 attempts 30 s apart leave the retry pending long enough to watch
    const run = await startProbe(page, { mode: "retry", attempts: 4, retrySeconds: 30 });
    await page.goto(`/executions/${run.workflowId}/${run.id}`);
    const step = page.getByTestId("pending-step").filter({ hasText: "explode" });
    await expect(step.getByTestId("step-attempt")).toHaveText(/^attempt [2-4] of 4$/, { timeout: 90_000 });
    const next = step.getByTestId("step-next-retry");
    await expect(next).toHaveText(/^next retry in \d+ s$/);
    // the countdown ticks while the page is open
    const first = await next.textContent();
    await expect(next).not.toHaveText(first ?? "", { timeout: 5_000 });
    // the last failure is named with its type
    await expect(step).toContainText("probe activity failed: retry requested by input");
    // the run's status stays open (a retry is not a failure) and the banner names the retrying step once it passes the threshold
    await expect(page.getByTestId("execution-status")).not.toHaveText(/Failed/);
    const cancel = await bff<unknown>(page, `/api/workflows/${run.workflowId}/executions/${run.id}/cancel`, {
      method: "POST",
      headers: { "x-audit-reason": "e2e%20retrying%20run" },
    });
    expect(cancel.status).toBe(202);
    await expect(page.getByTestId("execution-status")).toHaveText("Canceled", { timeout: 60_000 });
  });
});
