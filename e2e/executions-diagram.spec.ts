import { expect, test, type Page } from "@playwright/test";
import { bff, workflowId, type Exec, type HistoryEvent, requireRealRuns } from "./support/executions";
import { storageStatePath } from "./support/roles";

// The execution page's Diagram view: run status painted on the workflow's Mermaid nodes. Needs
// real executions (E2E_TEMPORAL=1). The seed (sandbox/server/seed/executions.ts) gives a completed
// durable run of the curated move-status-digest (whose hand-drawn diagram labels its nodes
// `activity_name: …`) and direct-mode tenant runs (one activity, run_tenant_entry_point).

requireRealRuns();
test.use({ storageState: storageStatePath("developer") });
test.describe.configure({ mode: "serial" });

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
  for (const words of ["Completed", "Failed", "Timed out", "Running / in progress", "Did not finish", "No step of this run"])
    await expect(legend).toContainText(words);
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
  // A real failure: one BOOKED move texts fine, then the HELD group's line lists 150 move ids
  // (over 1,800 characters), which the SMS endpoint refuses (body over 1,000 characters → 400).
  // The demo gives send_digest_sms three attempts, so Temporal records ActivityTaskFailed on the
  // third and the run fails.
  await page.goto("/executions");
  const id = await workflowId(page, "move-status-digest");
  const held = Array.from({ length: 150 }, (_, i) => ({ moveId: `M-FAIL-${String(i).padStart(3, "0")}`, status: "HELD" }));
  const moves = [{ moveId: "M-FAIL-OK", status: "BOOKED" }, ...held];
  const res = await bff<Exec>(page, `/api/workflows/${id}/run`, { method: "POST", body: { input: { moves }, mode: "live" } });
  expect(res.status).toBe(201);
  const path = `/api/workflows/${id}/executions/${res.data.id}`;
  // Two texts 2 s apart, the last one tried three times (1 s, then 2 s between attempts).
  await expect.poll(async () => (await bff<Exec>(page, path)).data.status, { timeout: 60_000 }).toBe("FAILED");

  const events = (await bff<{ events: HistoryEvent[] }>(page, `${path}/history`)).data.events;
  const sends = events.filter((e) => e.activityType === "send_digest_sms");
  expect(sends.filter((e) => e.type === "ActivityTaskCompleted")).toHaveLength(1);
  expect(sends.filter((e) => e.type === "ActivityTaskFailed")).toHaveLength(1);
  expect(sends.filter((e) => e.type === "ActivityTaskStarted").map((e) => e.attempt ?? 1)).toEqual([1, 3]);
  expect(events.at(-1)?.type).toBe("WorkflowExecutionFailed");

  await page.goto(`/executions/${id}/${res.data.id}?view=diagram`);
  await expect(page.getByTestId("execution-status")).toHaveText("Failed");
  await expect(page.getByTestId("diagram-overlay")).toHaveAttribute("data-verdict", "matched", { timeout: 30_000 });
  await expect(node(page, "E")).toHaveAttribute("data-run-status", "failed");
  await expect(node(page, "E").locator("[data-run-glyph]")).toHaveText("✗");
  // Two steps on the node (one per status group), 1 + 3 attempts.
  await expect(node(page, "E")).toHaveAttribute(
    "aria-label",
    "send_digest_sms: Send SMS line for one status to the office: Failed · 2 steps (1 completed, 1 failed) · 4 attempts",
  );
  for (const earlier of ["B", "D"]) await expect(node(page, earlier)).toHaveAttribute("data-run-status", "completed");
  const matches = page.getByRole("list", { name: "Matched steps" }).getByRole("listitem");
  await expect(matches.filter({ hasText: "send_digest_sms" })).toContainText("Failed · 2 steps (1 completed, 1 failed) · 4 attempts");
  await expect(matches.filter({ hasText: "load_digest_recipient" })).toContainText("Completed");
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
