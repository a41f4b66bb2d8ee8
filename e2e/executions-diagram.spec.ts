import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// The execution page's Diagram view: run status painted on the workflow's Mermaid nodes. Needs
// real executions (E2E_TEMPORAL=1). The seed (sandbox/server/seed/executions.ts) gives a completed
// durable run of the curated move-status-digest (whose hand-drawn diagram labels its nodes
// `activity_name: …`) and direct-mode tenant runs (one activity, run_tenant_entry_point).

interface Exec {
  id: string;
  workflowId: string;
  status: string;
}
interface HistoryEvent {
  id: string;
  type: string;
  timestamp: string | null;
  activityType?: string;
  attempt?: number;
  failure?: string;
}

test.skip(process.env.E2E_TEMPORAL !== "1", "needs real executions: run with E2E_TEMPORAL=1");
test.use({ storageState: storageStatePath("developer") });
test.describe.configure({ mode: "serial" });

async function bff<T>(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ([p, method, body]) => {
      const res = await fetch(p, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = (await res.json()) as { data: unknown };
      return { status: res.status, data: json.data as never };
    },
    [path, init.method ?? "GET", init.body] as const,
  );
}

async function workflowId(page: Page, name: string): Promise<string> {
  const { data } = await bff<Array<{ id: string; name: string; visibility: string }>>(page, "/api/workflows");
  const wf = data.find((w) => w.name === name && w.visibility === "TENANT") ?? data.find((w) => w.name === name);
  if (!wf) throw new Error(`workflow ${name} not found`);
  return wf.id;
}

/** The newest seeded run of a workflow in a status, waiting for the seed to produce it. */
async function seededRun(page: Page, name: string, status: string): Promise<Exec> {
  const id = await workflowId(page, name);
  const path = `/api/executions?workflow=${id}&status=${status}&limit=1`;
  await expect.poll(async () => (await bff<{ items: Exec[] }>(page, path)).data.items.length, { timeout: 60_000 }).toBeGreaterThan(0);
  return (await bff<{ items: Exec[] }>(page, path)).data.items[0] as Exec;
}

/** Mermaid node groups of one flowchart node id (`…flowchart-<id>-<n>`). */
const node = (page: Page, id: string) => page.getByTestId("diagram-canvas").locator(`g.node[id*="flowchart-${id}-"]`);

test("a completed durable run marks its matched nodes completed, with a legend and the list in words", async ({ page }) => {
  await page.goto("/executions");
  const run = await seededRun(page, "move-status-digest", "COMPLETED");
  await page.goto(`/executions/${run.workflowId}/${run.id}?view=diagram`);
  await expect(page.getByRole("tab", { name: "Diagram" })).toHaveAttribute("aria-selected", "true");
  const overlay = page.getByTestId("diagram-overlay");
  await expect(overlay).toHaveAttribute("data-verdict", "matched", { timeout: 30_000 });

  // The three activities of the run sit on nodes B, D and E of the demo diagram.
  for (const id of ["B", "D", "E"]) {
    await expect(node(page, id)).toHaveAttribute("data-run-status", "completed");
    await expect(node(page, id).locator("[data-run-glyph]")).toHaveText("✓");
  }
  // The seed's three moves make two status groups, so two texts.
  await expect(node(page, "E")).toHaveAttribute("aria-label", /^send_digest_sms: Send SMS line .*: Completed · 2 steps$/);
  await expect(node(page, "E").locator("title")).toHaveText(/Completed · 2 steps$/);
  // Start, decisions and the timer are no activity: muted, never painted as done.
  for (const id of ["A", "C", "G"]) await expect(node(page, id)).toHaveAttribute("data-run-status", "not_reached");

  const legend = page.getByRole("list", { name: "Legend" });
  for (const words of ["Completed", "Failed", "Timed out", "Running / in progress", "Did not finish", "No step of this run"]) await expect(legend).toContainText(words);
  const matches = page.getByRole("list", { name: "Matched steps" }).getByRole("listitem");
  await expect(matches).toHaveCount(3);
  await expect(matches.filter({ hasText: "group_moves_by_status" })).toContainText("Completed");
  await expect(matches.filter({ hasText: "send_digest_sms" })).toContainText("Completed · 2 steps");
  await expect(page.getByTestId("overlay-message")).toHaveCount(0);

  // The marks live only in the sanitised SVG: no HTML inside it, and the viewport keeps keyboard access.
  await expect(page.getByTestId("diagram-canvas").locator("foreignObject, script")).toHaveCount(0);
  const viewport = page.getByRole("group", { name: /Diagram of move-status-digest 1\.0\.0\. Run status is shown on the nodes/ });
  await viewport.focus();
  await page.keyboard.press("+");
  await expect(page.getByRole("toolbar", { name: "Diagram controls" })).toContainText(/\d+%/);
});

test("a failed step marks its node failed", async ({ page }) => {
  // No seeded durable run fails: the curated workflow's activities retry until they succeed and
  // tenant runs are direct-mode. So the real completed durable history is served with its last
  // send_digest_sms ending in ActivityTaskFailed (after 3 attempts) and the workflow failing —
  // the shape Temporal records when an activity's retries run out.
  await page.goto("/executions");
  const run = await seededRun(page, "move-status-digest", "COMPLETED");
  let sends = 0;
  let attempts = 0;
  await page.route(`**/api/workflows/${run.workflowId}/executions/${run.id}/history`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { data: { events: HistoryEvent[] } };
    const events = body.data.events;
    const lastDone = events.findLastIndex((e) => e.type === "ActivityTaskCompleted" && e.activityType === "send_digest_sms");
    const lastStart = events.findLastIndex((e) => e.type === "ActivityTaskStarted" && e.activityType === "send_digest_sms");
    expect(lastDone).toBeGreaterThan(0);
    const failed = events.slice(0, lastDone + 1).map((e, i) => {
      if (i === lastStart) return { ...e, attempt: 3 };
      if (i === lastDone) return { ...e, type: "ActivityTaskFailed", failure: "SMS provider rejected the number" };
      return e;
    });
    const sendStarts = failed.filter((e) => e.type === "ActivityTaskStarted" && e.activityType === "send_digest_sms");
    sends = sendStarts.length;
    attempts = sendStarts.reduce((sum, e) => sum + Math.max(1, e.attempt ?? 1), 0);
    const end = events.find((e) => e.type === "WorkflowExecutionCompleted");
    failed.push({ id: String(Number(end?.id ?? 999) + 1), type: "WorkflowExecutionFailed", timestamp: end?.timestamp ?? null, failure: "Activity task failed" });
    await route.fulfill({ response, json: { ...body, data: { ...body.data, events: failed } } });
  });
  await page.goto(`/executions/${run.workflowId}/${run.id}?view=diagram`);
  await expect(page.getByTestId("diagram-overlay")).toHaveAttribute("data-verdict", "matched", { timeout: 30_000 });
  await expect(node(page, "E")).toHaveAttribute("data-run-status", "failed");
  await expect(node(page, "E").locator("[data-run-glyph]")).toHaveText("✗");
  expect(sends).toBeGreaterThan(1);
  await expect(node(page, "E")).toHaveAttribute("aria-label", `send_digest_sms: Send SMS line for one status to the office: Failed · ${sends} steps (${sends - 1} completed, 1 failed) · ${attempts} attempts`);
  await expect(node(page, "B")).toHaveAttribute("data-run-status", "completed");
  await expect(page.getByRole("list", { name: "Matched steps" }).getByRole("listitem").filter({ hasText: "send_digest_sms" })).toContainText("Failed");
});

test("a direct-mode run says its steps cannot be placed and still shows the plain diagram", async ({ page }) => {
  await page.goto("/executions");
  const run = await seededRun(page, "damage-claim-intake", "FAILED");
  await page.goto(`/executions/${run.workflowId}/${run.id}?view=diagram`);
  const overlay = page.getByTestId("diagram-overlay");
  await expect(overlay).toHaveAttribute("data-verdict", "none-matched", { timeout: 30_000 });
  await expect(page.getByTestId("overlay-message")).toHaveText(
    "This run's history has a single activity, run_tenant_entry_point (direct mode); its steps cannot be placed on the diagram.",
  );
  const canvas = page.getByTestId("diagram-canvas");
  await expect(canvas.locator("g.node").first()).toBeVisible({ timeout: 30_000 });
  await expect(canvas.locator("[data-run-status]")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Legend" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Matched steps" })).toHaveCount(0);
});

test("an open durable run is marked live as its loop advances", async ({ page }) => {
  await page.goto("/executions");
  const id = await workflowId(page, "move-status-digest");
  // Six statuses: six texts two seconds apart (the curated lane has no concurrency cap).
  const moves = ["BOOKED", "LOADED", "IN_TRANSIT", "DELIVERED", "CLOSED", "HELD"].map((status, i) => ({ moveId: `M-D${i}`, status }));
  const res = await bff<Exec>(page, `/api/workflows/${id}/run`, { method: "POST", body: { input: { moves }, mode: "live" } });
  expect(res.status).toBe(201);
  await page.goto(`/executions/${id}/${res.data.id}?view=diagram`);
  await expect(page.getByTestId("diagram-overlay")).toHaveAttribute("data-verdict", "matched", { timeout: 30_000 });
  await expect(page.getByText("live while the run is open")).toBeVisible();
  // Seen mid-loop (fewer than the six texts), then re-marked as the run moves on and ends.
  await expect(node(page, "E")).toHaveAttribute("aria-label", /· [2-5] steps/, { timeout: 30_000 });
  await expect(page.getByTestId("execution-status")).toHaveText("Completed", { timeout: 45_000 });
  await expect(node(page, "E")).toHaveAttribute("aria-label", /: Completed · 6 steps$/);
  await expect(node(page, "E")).toHaveAttribute("data-run-status", "completed");
  await expect(page.getByText("live while the run is open")).toHaveCount(0);
});
