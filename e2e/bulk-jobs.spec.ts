import { expect, test, type Page } from "@playwright/test";
import { bff, workflowId, type Exec, requireRealRuns } from "./support/executions";
import { storageStatePath } from "./support/roles";

// Guarded bulk retry (issue 17, "done when"): three damage-claim-intake runs fail because the
// tenant has not set CLAIMS_PORTAL_TOKEN; once the secret is added through the BFF (as the secrets
// page adds it), "Retry all" in their failure group, with a reason, runs a server-side job whose
// three new runs complete; the job shows 3/3 after a reload and the audit trail holds the reason.
// Independent of file order: it creates its own failing runs and deletes the secret it added.

requireRealRuns();
test.use({ storageState: storageStatePath("developer") });
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36).toUpperCase();
const claims = [1, 2, 3].map((i) => ({
  claimId: `C-B${stamp}${i}`,
  moveId: `M-B${stamp}${i}`,
  claimedCents: 10_000 * i,
  customerPhone: `+1555011${7000 + i}`,
}));
const REASON = `e2e bulk ${stamp}: portal token added`;
const SECRET = { key: "CLAIMS_PORTAL_TOKEN", group: "claims" };

interface Group {
  fingerprint: string;
  count: number;
  cause: { title: string };
  sampleExecutionIds: string[];
}

async function startRun(page: Page, id: string, input: Record<string, unknown>): Promise<Exec> {
  let run: Exec | null = null;
  // The tenant lane allows 5 open runs; retry a refused start.
  await expect
    .poll(
      async () => {
        const res = await bff<Exec>(page, `/api/workflows/${id}/run`, { method: "POST", body: { input, mode: "live" } });
        if (res.status === 201) run = res.data;
        return res.status;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(201);
  return run as unknown as Exec;
}

test("retry all in a failure group, after the secret is added: a job of 3 whose new runs complete, audited with the reason", async ({
  page,
  browser,
}) => {
  test.setTimeout(360_000);
  await page.goto("/executions");
  const id = await workflowId(page, "damage-claim-intake");
  const secrets = await bff<Array<{ key: string; group: string }>>(page, "/api/secrets");
  expect(
    secrets.data.some((s) => s.key === SECRET.key && s.group === SECRET.group),
    "the secret must not be set yet",
  ).toBe(false);

  const runs: Exec[] = [];
  for (const input of claims) runs.push(await startRun(page, id, input));
  for (const run of runs) {
    await expect
      .poll(async () => (await bff<Exec>(page, `/api/workflows/${id}/executions/${run.id}`)).data.status, { timeout: 120_000 })
      .toBe("FAILED");
  }
  // The group these runs share (earlier runs of the same cause, if any, are part of it too).
  const scan = await bff<{ groups: Group[] }>(page, `/api/failures?workflow=${id}`);
  const group = scan.data.groups.find(
    (g) => runs.every((r) => g.sampleExecutionIds.includes(r.id)) || g.cause.title === "Secret CLAIMS_PORTAL_TOKEN is not set",
  );
  expect(group, JSON.stringify(scan.data.groups.map((g) => g.cause.title))).toBeDefined();
  const fingerprint = (group as Group).fingerprint;
  const expected = (group as Group).count;
  expect(expected).toBeGreaterThanOrEqual(3);

  let created = false;
  try {
    const add = await bff(page, "/api/secrets", { method: "POST", body: { ...SECRET, value: `bulk-token-${stamp}` } });
    expect(add.status).toBe(201);
    created = true;

    await page.goto("/executions/attention?workflow=damage-claim-intake");
    const row = page.locator(`li[data-fingerprint="${fingerprint}"]`);
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await row.getByRole("button", { name: "Retry all" }).click();
    const dialog = page.getByRole("dialog", { name: "Retry all" });
    await expect(dialog.getByTestId("bulk-count")).toHaveText(String(expected), { timeout: 30_000 });
    await expect(dialog.getByRole("list", { name: "First runs" })).toContainText(runs[2]?.id.slice(0, 8) ?? "");
    // The reason is required: the start button stays disabled without one.
    const start = dialog.getByRole("button", { name: `Retry ${expected} run${expected === 1 ? "" : "s"}` });
    await expect(start).toBeDisabled();
    await dialog.getByLabel(/^Reason/).fill(REASON);
    await start.click();

    await expect(page).toHaveURL(/\/executions\/jobs\/[0-9a-f-]{36}$/);
    const jobId = page.url().split("/").pop() as string;
    await expect(page.getByTestId("job-reason")).toHaveText(REASON);
    await expect(page.getByTestId("job-progress")).toHaveText(`${expected}/${expected} done`, { timeout: 240_000 });
    await expect(page.getByTestId("job-state")).toHaveText("Finished");

    // A reload reads the same progress from the store.
    await page.reload();
    await expect(page.getByTestId("job-progress")).toHaveText(`${expected}/${expected} done`);
    const job = await bff<{
      counts: { total: number; done: number };
      items: Array<{ executionId: string; newExecutionId: string | null; newStatus: string | null }>;
    }>(page, `/api/jobs/${jobId}`);
    expect(job.data.counts).toMatchObject({ total: expected, done: expected });
    for (const run of runs) {
      const item = job.data.items.find((i) => i.executionId === run.id);
      expect(item?.newStatus).toBe("COMPLETED");
      expect(item?.newExecutionId).toMatch(/^[0-9a-f-]{36}$/);
      const fresh = await bff<Exec>(page, `/api/workflows/${id}/executions/${item?.newExecutionId}`);
      expect(fresh.data.status).toBe("COMPLETED");
    }

    // The audit trail (tenant admin's Activity data) holds the reason: the job and each retry.
    const admin = await browser.newContext({ storageState: storageStatePath("admin"), baseURL: process.env.E2E_BASE_URL });
    try {
      const adminPage = await admin.newPage();
      await adminPage.goto("/activity");
      const audit = await bff<{ items: Array<{ action: string; reason: string | null; requestId: string; target: string }> }>(
        adminPage,
        "/api/audit?limit=200",
      );
      const ours = audit.data.items.filter((e) => e.reason === REASON);
      expect(ours.filter((e) => e.action === "bulk.start")).toHaveLength(1);
      const retries = ours.filter((e) => e.action === "execution.retry" && e.requestId === `job:${jobId}`);
      expect(retries).toHaveLength(expected);
      for (const run of runs) expect(retries.some((e) => e.target === `execution:${id}/${run.id}`)).toBe(true);
    } finally {
      await admin.close();
    }

    // A job over a run that completed has nothing to do: 422, and nothing is stored.
    const again = await bff(page, "/api/jobs", {
      method: "POST",
      headers: { "x-audit-reason": "again" },
      body: {
        kind: "retry",
        expectedCount: 1,
        selection: { type: "executions", executions: [{ workflowId: id, executionId: job.data.items[0]?.newExecutionId as string }] },
      },
    });
    expect(again.status).toBe(422);
  } finally {
    if (created) {
      const del = await bff(page, `/api/secrets/${SECRET.key}?group=${SECRET.group}`, {
        method: "DELETE",
        headers: { "x-audit-reason": "e2e%20bulk%20cleanup" },
      });
      expect(del.status).toBe(200);
    }
  }
});

test("a job without a reason is refused and nothing starts", async ({ page }) => {
  await page.goto("/executions");
  const id = await workflowId(page, "damage-claim-intake");
  const res = await bff(page, "/api/jobs", {
    method: "POST",
    body: {
      kind: "retry",
      expectedCount: 1,
      selection: { type: "executions", executions: [{ workflowId: id, executionId: "00000000-0000-4000-8000-000000000001" }] },
    },
  });
  expect(res.status).toBe(400);
  expect(res.code).toBe("REASON_REQUIRED");
});
