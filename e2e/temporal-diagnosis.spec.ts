import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { asUser, bff, workflowId, type Exec, requireRealRuns } from "./support/executions";

// Issue #15 / #13 on real sandbox runs: the execution page at Temporal depth, tenant-scoped.
// Needs real Temporal (E2E_TEMPORAL=1); e2e/global-setup.ts gives the console TEMPORAL_ADDRESS.

requireRealRuns();
test.describe.configure({ mode: "serial" });

async function startRun(page: Page, name: string, input: Record<string, unknown>, mode: "live" | "dry_run"): Promise<Exec> {
  const id = await workflowId(page, name);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await bff<Exec>(page, `/api/workflows/${id}/run`, { method: "POST", body: { input, mode } });
    if (res.status === 201) return res.data;
    if (res.status !== 429 || Date.now() > deadline) throw new Error(`run ${name} answered ${res.status}`);
    await page.waitForTimeout(3_000);
  }
}

async function settle(page: Page, run: Exec): Promise<Exec> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const r = await bff<Exec>(page, `/api/workflows/${run.workflowId}/executions/${run.id}`);
    if (["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"].includes(r.data.status)) return r.data;
    if (Date.now() > deadline) throw new Error(`run ${run.id} did not settle`);
    await page.waitForTimeout(1_000);
  }
}

let large: Exec | undefined;

test("a 600 KB-input dry run opens: API history path, full history and every view", async ({ browser }) => {
  test.setTimeout(180_000);
  await asUser(browser, "developer", async (page) => {
    const note = "n".repeat(600 * 1024);
    large = await settle(
      page,
      await startRun(
        page,
        "delivery-eta-notice",
        { moveId: "M-LARGE", customerPhone: "+15550100006", milesRemaining: 240, note },
        "dry_run",
      ),
    );
    const base = `/api/workflows/${large.workflowId}/executions/${large.id}`;
    // the API path (issue #13): the sandbox serves the multi-MB history within the BFF budget
    const t0 = Date.now();
    const api = await bff<{ events: Array<{ type: string }> }>(page, `${base}/history`);
    expect(api.status).toBe(200);
    expect(api.data.events.map((e) => e.type)).toContain("WorkflowExecutionCompleted");
    test.info().annotations.push({ type: "api history", description: `${Date.now() - t0} ms for the 600 KB-input dry run's history` });

    await page.goto(`/executions/${large.workflowId}/${large.id}?view=events`);
    const rows = page.getByTestId("full-event-row");
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    // every event named, workflow tasks included; no "Unknown"
    await expect(page.locator('[data-testid="full-event-row"][data-event-type="WorkflowTaskCompleted"]').first()).toBeVisible();
    await expect(page.getByTestId("full-event-row").filter({ hasText: "Unknown" })).toHaveCount(0);
    // the large input is deferred, then loads on demand
    await page.locator("#event-1").getByRole("button").click();
    const details = page.getByRole("region", { name: "Event details" });
    await expect(details.getByText("Large payload")).toBeVisible();
    await details.getByRole("button", { name: /^Load / }).click();
    await expect(details.getByTestId("payload-value").first()).toBeVisible({ timeout: 30_000 });
    for (const view of ["steps", "gantt", "graph", "diagram", "data", "trace"]) {
      await page.goto(`/executions/${large.workflowId}/${large.id}?view=${view}`);
      await expect(page.getByRole("tabpanel")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole("tabpanel").getByText(/could not be loaded/)).toHaveCount(0);
    }
  });
});

test("the export is Temporal's JSON history with a matching SHA-256 header", async ({ browser }) => {
  if (!large) throw new Error("the first test made no run");
  const run = large;
  await asUser(browser, "developer", async (page) => {
    const res = await page.request.get(`/api/workflows/${run.workflowId}/executions/${run.id}/history/export`);
    expect(res.status()).toBe(200);
    const body = await res.body();
    expect(res.headers()["x-content-sha256"]).toBe(createHash("sha256").update(body).digest("hex"));
    const parsed = JSON.parse(body.toString("utf8")) as { events: Array<{ eventType: string }> };
    expect(parsed.events[0]?.eventType).toBe("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
    expect(parsed.events.at(-1)?.eventType).toBe("EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED");
  });
});

test("a viewer sees no payload value, a developer does", async ({ browser }) => {
  test.setTimeout(120_000);
  const run = await asUser(browser, "developer", async (page) =>
    settle(
      page,
      await startRun(page, "delivery-eta-notice", { moveId: "M-VALUES", customerPhone: "+15550100006", milesRemaining: 12 }, "dry_run"),
    ),
  );
  const path = `/api/workflows/${run.workflowId}/executions/${run.id}`;
  for (const [user, hidden] of [
    ["viewer", true],
    ["developer", false],
  ] as const) {
    await asUser(browser, user, async (page) => {
      const page1 = await bff<{ available: boolean; valuesHidden: boolean; events: unknown[] }>(page, `${path}/temporal/history`);
      expect(page1.status).toBe(200);
      expect(page1.data.valuesHidden).toBe(hidden);
      // the run's input and its step's input carry the move id; only a role that may run workflows sees it
      expect(JSON.stringify(page1.data.events).includes("M-VALUES")).toBe(!hidden);
      const one = await bff<{ event: unknown }>(page, `${path}/temporal/events/1`);
      expect(JSON.stringify(one.data).includes("M-VALUES")).toBe(!hidden);
      const exp = await page.request.get(`${path}/history/export`);
      expect(exp.status()).toBe(hidden ? 403 : 200);

      await page.goto(`/executions/${run.workflowId}/${run.id}?view=events#event-1`);
      const details = page.getByRole("region", { name: "Event details" });
      await expect(details.getByTestId("event-attributes")).toBeVisible({ timeout: 30_000 });
      if (hidden) {
        await expect(details.getByTestId("payload-hidden").first()).toBeVisible();
        await expect(details.getByTestId("payload-value")).toHaveCount(0);
        await expect(details).not.toContainText("M-VALUES");
      } else {
        await expect(details.getByTestId("payload-value").first()).toBeVisible();
      }
    });
  }
});

test("another tenant's session gets 404 on every new route", async ({ browser }) => {
  if (!large) throw new Error("the first test made no run");
  const run = large;
  const base = `/api/workflows/${run.workflowId}/executions/${run.id}`;
  await asUser(browser, "otherAdmin", async (page) => {
    for (const suffix of ["/temporal/history", "/temporal/state", "/temporal/events/1", "/history/export"]) {
      const res = await page.request.get(`${base}${suffix}`);
      expect(res.status(), suffix).toBe(404);
      expect(await res.text()).not.toContain("M-LARGE");
    }
  });
});

test("a running run shows its step running with a ticking duration, and a cancel request its age", async ({ browser }) => {
  test.setTimeout(150_000);
  await asUser(browser, "developer", async (page) => {
    const run = await startRun(page, "crew-dispatch", { moveId: "M-9101", customerPhone: "+15550109101", waitMinutes: 10 }, "live");
    await page.goto(`/executions/${run.workflowId}/${run.id}`);
    const step = page.getByTestId("pending-step").first();
    await expect(step).toBeVisible({ timeout: 30_000 });
    await expect(step).toContainText("Running");
    await expect(step.getByTestId("step-attempt")).toHaveText(/attempt 1 of (\d+|unlimited)/);
    const duration = step.getByTestId("step-duration");
    const first = await duration.textContent();
    await expect(duration).not.toHaveText(first ?? "", { timeout: 5_000 });
    // the run's own duration ticks too
    const runDuration = page.getByTestId("execution-duration");
    const before = await runDuration.textContent();
    await expect(runDuration).not.toHaveText(before ?? "", { timeout: 5_000 });

    const cancel = await bff<unknown>(page, `/api/workflows/${run.workflowId}/executions/${run.id}/cancel`, {
      method: "POST",
      headers: { "x-audit-reason": "e2e%20diagnosis" },
    });
    expect(cancel.status).toBe(202);
    const age = page.getByTestId("cancel-age");
    const status = page.getByTestId("execution-status");
    // either the request is seen with its age while the run winds down, or the run is already cancelled (not an error)
    await expect(age.or(status.filter({ hasText: "Canceled" }))).toBeVisible({ timeout: 20_000 });
    // a direct-mode run honours the cancel within a poll or two, so the age is seen only briefly
    if (await age.isVisible().catch(() => false))
      await expect(age.or(status.filter({ hasText: "Canceled" }))).toHaveText(/Cancel requested (just now|\d+ s ago)|Canceled/);
    await expect(status).toHaveText("Canceled", { timeout: 60_000 });
    await expect(page.getByRole("alert").filter({ hasText: /^Error/ })).toHaveCount(0);
  });
});
