import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// The executions list's workflow filter (issue #13): by name (every version) with search, versions
// nested under their name, the tenant's fork of move-milestone-notifier apart from the platform's.
// The demo seed forks move-milestone-notifier@1.0.0 into the tenant (sandbox/server/seed/demo.ts).
// No runs are needed: the picker and the BFF's name filter are checked as such.

test.use({ storageState: storageStatePath("viewer") });

test("filters by workflow name with search, versions nested, tenant and platform copies told apart, in a shareable URL", async ({
  page,
}) => {
  await page.goto("/executions");
  const trigger = page.getByRole("button", { name: /^Workflow/ });
  await expect(trigger).toHaveText(/All workflows/);
  await trigger.click();
  const picker = page.getByRole("group", { name: "Pick a workflow" });
  await picker.getByRole("searchbox", { name: "Search workflows" }).fill("milestone");
  await expect(picker.getByRole("button", { name: /^order-saved-sms/ })).toHaveCount(0);

  const yours = picker.getByRole("region", { name: "Your workflows" });
  const platform = picker.getByRole("region", { name: "Platform library" });
  await expect(yours.getByRole("button", { name: "move-milestone-notifier, your workflow, all versions" })).toBeVisible();
  await expect(yours).toContainText("Your fork");
  await expect(platform.getByRole("button", { name: "move-milestone-notifier, platform library, all versions" })).toBeVisible();
  // Versions sit under their own name and owner.
  await expect(
    platform.getByRole("list", { name: "Versions of move-milestone-notifier (platform library)" }).getByRole("button"),
  ).toHaveText(["v1.1.0", "v1.0.0"]);
  await expect(yours.getByRole("list", { name: "Versions of move-milestone-notifier (your workflow)" }).getByRole("button")).toHaveText([
    "v1.0.0",
  ]);

  await platform.getByRole("button", { name: "move-milestone-notifier, platform library, all versions" }).click();
  // nuqs leaves ":" readable in the URL; either spelling is the same query.
  await expect(page).toHaveURL(/[?&]name=platform(%3A|:)move-milestone-notifier(&|$)/);
  await expect(trigger).toHaveText(/move-milestone-notifier \(platform, all versions\)/);
  await expect(trigger).toBeFocused();
  await page.reload();
  await expect(page.getByRole("button", { name: /^Workflow/ })).toHaveText(/move-milestone-notifier \(platform, all versions\)/);

  // One version of the fork, by keyboard: the picker opens, Escape closes it.
  await page.getByRole("button", { name: /^Workflow/ }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("group", { name: "Pick a workflow" })).toHaveCount(0);
  await page.getByRole("button", { name: /^Workflow/ }).click();
  await page
    .getByRole("group", { name: "Pick a workflow" })
    .getByRole("button", { name: "move-milestone-notifier v1.0.0, your workflow" })
    .click();
  await expect(page).toHaveURL(/[?&]workflow=[0-9a-f-]{36}(&|$)/);
  await expect(page).not.toHaveURL(/[?&]name=/);
  await expect(page.getByRole("button", { name: /^Workflow/ })).toHaveText(/move-milestone-notifier v1\.0\.0 \(yours\)/);
});

test("the BFF takes workflow names, tenant-scoped and bounded, and explains bad ones", async ({ page }) => {
  await page.goto("/executions");
  const ok = await page.request.get("/api/executions?name=tenant:move-milestone-notifier,platform:move-milestone-notifier&limit=5");
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { data: { items: { workflowId: string }[] } };
  const all = (await (await page.request.get("/api/workflows?includeRetired=true")).json()) as { data: { id: string; name: string }[] };
  const ids = new Set(all.data.filter((w) => w.name === "move-milestone-notifier").map((w) => w.id));
  for (const item of body.data.items) expect(ids.has(item.workflowId)).toBe(true);
  // A name nobody can see selects nothing, and the list ends (no endless "load more").
  const none = await page.request.get("/api/executions?name=tenant:no-such-workflow");
  expect(none.status()).toBe(200);
  expect(((await none.json()) as { data: unknown }).data).toEqual({ items: [], nextCursor: null, scanned: { runs: 0, oldest: null } });
  for (const bad of [
    "name=move-milestone-notifier",
    "name=tenant:Bad%20Name",
    `name=${Array.from({ length: 21 }, (_, i) => `tenant:w${i}`).join(",")}`,
  ]) {
    const res = await page.request.get(`/api/executions?${bad}`);
    expect(res.status()).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("VALIDATION_ERROR");
    expect(err.error.message).toContain("workflowNames");
  }
});

for (const width of [390, 1280]) {
  test(`the picker fits a ${width} px screen`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.goto("/executions");
    await page.getByRole("button", { name: /^Workflow/ }).click();
    const picker = page.getByRole("group", { name: "Pick a workflow" });
    await expect(picker.getByRole("searchbox", { name: "Search workflows" })).toBeFocused();
    const box = await picker.boundingBox();
    if (!box) throw new Error("the picker has no box");
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    // Nothing sticks out sideways (no horizontal scrolling).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}
