import { expect, test, type Page } from "@playwright/test";
import { bff, workflowId, type Exec, requireRealRuns } from "./support/executions";
import { storageStatePath } from "./support/roles";

// The Usage page against the sandbox's real metering: live runs that text the office raise the
// term's SendSms count, the page shows the API's figures in plain words, and only tenant admins
// may read it (the API decides; the page explains the refusal).

interface Usage {
  usedTermToDate: number;
  byAction: Array<{ action: string; actions: number }>;
  byWorkflow: Array<{ workflowId: string | null; workflowName: string | null; actions: number }>;
}

const smsCount = (u: Usage) => u.byAction.find((a) => a.action === "SendSms")?.actions ?? 0;

async function runDigest(page: Page, id: string, moveId: string): Promise<void> {
  const res = await bff<Exec>(page, `/api/workflows/${id}/run`, {
    method: "POST",
    body: { input: { moves: [{ moveId, status: "BOOKED" }] }, mode: "live" },
  });
  expect(res.status).toBe(201);
  const path = `/api/workflows/${id}/executions/${res.data.id}`;
  await expect.poll(async () => (await bff<Exec>(page, path)).data.status, { timeout: 60_000 }).toBe("COMPLETED");
}

test.describe("as a tenant admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("two live runs that send texts show on the usage page with the API's counts", async ({ page }) => {
    requireRealRuns();
    await page.goto("/usage");
    const before = (await bff<Usage>(page, "/api/usage")).data;
    const id = await workflowId(page, "move-status-digest");
    // One BOOKED move is one digest line, so one text per run.
    await runDigest(page, id, "M-USAGE-1");
    await runDigest(page, id, "M-USAGE-2");
    const after = (await bff<Usage>(page, "/api/usage")).data;
    expect(smsCount(after) - smsCount(before)).toBeGreaterThanOrEqual(2);
    expect(after.usedTermToDate - before.usedTermToDate).toBeGreaterThanOrEqual(2);

    await page.reload();
    await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
    // What the page shows is what the API reports at the moment it loaded.
    await expect(async () => {
      const now = (await bff<Usage>(page, "/api/usage")).data;
      await expect(page.getByTestId("usage-headline")).toContainText(now.usedTermToDate.toLocaleString("en-US"), { timeout: 1000 });
      const row = page
        .getByRole("table", { name: "Billable actions by action" })
        .getByRole("row", { name: /Send text messages to customers/ });
      await expect(row).toContainText("SendSms", { timeout: 1000 });
      await expect(row.getByRole("cell").last()).toHaveText(smsCount(now).toLocaleString("en-US"), { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const automations = page.getByRole("table", { name: "Billable actions by automation" });
    await expect(automations.getByRole("link", { name: "move-status-digest" }).first()).toHaveAttribute("href", /^\/workflows\//);
    await expect(page.getByRole("meter", { name: "Pool used" })).toBeVisible();
  });

  test("a term can be chosen by URL and a bad year falls back to the current term", async ({ page }) => {
    await page.goto("/usage?year=2020");
    await expect(page.getByRole("heading", { name: /Term 2020-/ })).toBeVisible();
    await page.getByRole("link", { name: "Term of 2021 →" }).click();
    await expect(page).toHaveURL(/\/usage\?year=2021$/);
    await expect(page.getByRole("heading", { name: /Term 2021-/ })).toBeVisible();
    await page.goto("/usage?year=not-a-year");
    await expect(page.getByRole("heading", { name: new RegExp(`Term ${new Date().getUTCFullYear()}-`) })).toBeVisible();
    const bad = await page.request.get("/api/usage?year=1899");
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_ERROR");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("the section is not in the nav and the page explains the refusal", async ({ page }) => {
    await page.goto("/usage");
    await expect(page.getByText("Usage requires the tenant admin role")).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Usage" })).toHaveCount(0);
    const res = await page.request.get("/api/usage");
    expect(res.status()).toBe(403);
  });
});
