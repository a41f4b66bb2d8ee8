import { expect, test } from "@playwright/test";
import { formatDuration } from "../lib/executions/format";
import { bff, startRun, workflowId, type Exec, type HistoryEvent, requireRealRuns } from "./support/executions";
import { storageStatePath } from "./support/roles";

// Real executions need Temporal: run with E2E_TEMPORAL=1 (e2e/global-setup.ts). The demo seed
// (sandbox/server/seed/executions.ts) gives completed, failed and running runs; these journeys
// start their own runs through the BFF so they never race each other or the seed.

requireRealRuns();
test.use({ storageState: storageStatePath("developer") });
test.describe.configure({ mode: "serial" });

test("lists executions across workflows with shareable filters", async ({ page }) => {
  await page.goto("/executions");
  await expect(page.getByRole("heading", { name: "Executions", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Executions" });
  await expect(table.getByRole("row").nth(1)).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Failed", exact: true }).click();
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(table.getByRole("row").nth(1)).toContainText("Failed");
  await page.reload();
  await expect(page.getByRole("button", { name: "Failed", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/executions?status=DONE");
  await expect(page.getByRole("alert").filter({ hasText: "These filters cannot be applied" })).toContainText("status");
});

test("cancels a running execution and sees it CANCELLED", async ({ page }) => {
  await page.goto("/executions");
  const run = await startRun(page, "crew-dispatch", { moveId: "M-9001", customerPhone: "+15550109001", waitMinutes: 10 });
  await page.goto(`/executions/${run.workflowId}/${run.id}`);
  const status = page.getByTestId("execution-status");
  await expect(status).toHaveText(/Running/, { timeout: 30_000 });
  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  // The reason is required: the button waits for it.
  await expect(dialog.getByRole("button", { name: "Cancel run" })).toBeDisabled();
  await dialog.getByLabel(/^Reason/).fill("e2e: customer called it off");
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText(/Cancel requested|Canceled/);
  await expect(status).toHaveText("Canceled", { timeout: 45_000 });
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  // A second cancel is the contract's 409, explained (the button is gone, so ask the BFF directly).
  const cancelPath = `/api/workflows/${run.workflowId}/executions/${run.id}/cancel`;
  const unexplained = await bff<unknown>(page, cancelPath, { method: "POST" });
  expect([unexplained.status, unexplained.code]).toEqual([400, "REASON_REQUIRED"]);
  const again = await bff<unknown>(page, cancelPath, { method: "POST", headers: { "x-audit-reason": "again" } });
  expect(again.status).toBe(409);
});

test("retries a failed execution and lands on the new run", async ({ page }) => {
  await page.goto("/executions");
  const run = await startRun(page, "damage-claim-intake", {
    claimId: "C-9001",
    moveId: "M-9001",
    claimedCents: 9_000_000,
    customerPhone: "+15550109002",
  });
  await page.goto(`/executions/${run.workflowId}/${run.id}`);
  await expect(page.getByTestId("execution-status")).toHaveText("Failed", { timeout: 45_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Error" })).toBeVisible();
  await page.getByRole("button", { name: "Retry", exact: true }).click();
  await page.getByRole("dialog", { name: "Retry this run?" }).getByRole("button", { name: "Retry" }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/executions/${run.workflowId}/`) && !url.pathname.endsWith(run.id), {
    timeout: 30_000,
  });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("damage-claim-intake");
  await expect(page.getByTestId("execution-status")).toHaveText(/Queued|Running|Failed/);
});

test("opens a completed durable run and finds its steps with the right durations", async ({ page }) => {
  await page.goto("/executions");
  const id = await workflowId(page, "move-status-digest");
  await expect
    .poll(async () => (await bff<{ items: Exec[] }>(page, `/api/executions?workflow=${id}&status=COMPLETED&limit=1`)).data.items.length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  const { data } = await bff<{ items: Exec[] }>(page, `/api/executions?workflow=${id}&status=COMPLETED&limit=1`);
  const run = data.items[0] as Exec;
  const history = (await bff<{ events: HistoryEvent[] }>(page, `/api/workflows/${id}/executions/${run.id}/history`)).data.events;
  const scheduled = history.find((e) => e.type === "ActivityTaskScheduled");
  const completed = history.find((e) => e.type === "ActivityTaskCompleted" && e.activityType === scheduled?.activityType);
  expect(scheduled && completed).toBeTruthy();
  const expected = formatDuration(Date.parse(completed?.timestamp ?? "") - Date.parse(scheduled?.timestamp ?? ""));

  await page.goto(`/executions/${id}/${run.id}?view=steps`);
  await expect(page.getByTestId("execution-status")).toHaveText("Completed");
  const firstStep = page
    .getByTestId("step-row")
    .filter({ hasText: scheduled?.activityType ?? "" })
    .first();
  await expect(firstStep).toContainText("Completed");
  await expect(firstStep.getByTestId("step-duration")).toHaveText(`took ${expected}`);

  // Raw events: Unknown hidden by default, and an #event link opens and highlights that event.
  await page.getByRole("tab", { name: /Events/ }).click();
  await expect(page).toHaveURL(/view=events/);
  await expect(page.getByTestId("event-row").filter({ hasText: "Unknown" })).toHaveCount(0);
  const last = history[history.length - 1] as HistoryEvent;
  await page.goto(`/executions/${id}/${run.id}#event-${last.id}`);
  await expect(page.locator(`#event-${last.id}`)).toBeVisible();
  await page.getByRole("tab", { name: "Gantt" }).click();
  await expect(page.getByRole("region", { name: "Gantt chart" })).toBeVisible();
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect(page.getByTestId("execution-graph").locator(".react-flow__node").first()).toBeVisible();
});

test("the Gantt chart at 1x fits the whole run: no sideways scroll, last bar and the run's end on screen", async ({ page }) => {
  await page.goto("/executions");
  const id = await workflowId(page, "move-status-digest");
  await expect
    .poll(async () => (await bff<{ items: Exec[] }>(page, `/api/executions?workflow=${id}&status=COMPLETED&limit=1`)).data.items.length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  const { data } = await bff<{ items: Exec[] }>(page, `/api/executions?workflow=${id}&status=COMPLETED&limit=1`);
  const run = data.items[0] as Exec;
  await page.goto(`/executions/${id}/${run.id}?view=gantt`);
  const chart = page.getByRole("region", { name: "Gantt chart" });
  await expect(chart).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("1×")).toBeVisible();
  const bars = chart.getByRole("img");
  await expect(bars.first()).toBeVisible();
  const fit = await chart.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(fit.scrollWidth, "1x needs no horizontal scroll").toBeLessThanOrEqual(fit.clientWidth + 1);
  const box = await chart.boundingBox();
  const right = (box?.x ?? 0) + (box?.width ?? 0);
  for (const bar of await bars.all()) {
    const b = await bar.boundingBox();
    expect((b?.x ?? 0) + (b?.width ?? 0), "bar ends inside the chart").toBeLessThanOrEqual(right + 1);
  }
  // The axis ends with the run's total, on screen.
  const total = (await page.getByTestId("gantt-total").textContent())?.replace(/^total /, "") ?? "";
  const end = chart.getByTestId("gantt-axis-end");
  await expect(end).toHaveText(total);
  const e = await end.boundingBox();
  expect((e?.x ?? 0) + (e?.width ?? 0)).toBeLessThanOrEqual(right + 1);
  // Zoom 2x widens the axis, so now it scrolls.
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect.poll(() => chart.evaluate((el) => el.scrollWidth > el.clientWidth + 10)).toBe(true);
});

test("re-runs a completed run as a dry-run test and reads its side effects in plain words", async ({ page }) => {
  await page.goto("/executions");
  const id = await workflowId(page, "order-saved-sms");
  const { data } = await bff<{ items: Exec[] }>(page, `/api/executions?workflow=${id}&status=COMPLETED&limit=1`);
  const run = data.items[0] as Exec;
  await page.goto(`/executions/${run.workflowId}/${run.id}`);
  await page.getByRole("button", { name: "Re-run as dry run" }).click();
  await page.getByRole("dialog", { name: "Re-run as a dry-run test?" }).getByRole("button", { name: "Start dry run" }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/executions/${run.workflowId}/`) && !url.pathname.endsWith(run.id), {
    timeout: 30_000,
  });
  await expect(page.getByTestId("execution-status")).toHaveText("Completed", { timeout: 60_000 });
  await page.getByRole("tab", { name: "Dry-run trace" }).click();
  await expect(page.getByTestId("dry-run-effects")).toContainText("Would text");
  await expect(page.getByText(/Activities \(\d+\)/)).toBeVisible();
});

test("compares two runs picked in the list", async ({ page }) => {
  await page.goto("/executions?status=COMPLETED");
  const boxes = page.getByRole("checkbox", { name: /to compare/ });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole("link", { name: "Compare the 2 picked runs" }).click();
  await expect(page).toHaveURL(/\/executions\/compare\?a=.+&b=.+/);
  await expect(page.getByRole("table", { name: "Step comparison" })).toBeVisible({ timeout: 30_000 });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });
  test("reads an execution but sees no cancel, retry or dry-run control", async ({ page }) => {
    await page.goto("/executions?status=FAILED");
    await page
      .getByRole("link", { name: /Open execution/ })
      .first()
      .click();
    await expect(page.getByTestId("execution-status")).toHaveText("Failed");
    await expect(page.getByRole("tab", { name: "Steps" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Retry|Cancel run|Re-run as dry run/ })).toHaveCount(0);
  });
});
