import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { BffClient, loadFixtures } from "./support/bff-routes";
import { bff, requireRealRuns, startRun } from "./support/executions";
import { ROLES, SESSION_COOKIE, storageStatePath, type Role, type SignedInUser } from "./support/roles";

// Issue #16 (people): the console names people, links retries both ways, says who cancelled a
// run and why, keeps saved executions views for a team, refuses stale config edits, and never
// renews a signed-out session. Real runs need Temporal (E2E_TEMPORAL=1).

requireRealRuns();
test.describe.configure({ mode: "serial" });

const baseURL = () => process.env.E2E_BASE_URL ?? "";
const tag = Date.now().toString(36);
const say = (text: string) => ({ origin: baseURL(), "sec-fetch-site": "same-origin", "x-audit-reason": encodeURIComponent(text) });

async function as(browser: Browser, user: SignedInUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseURL(), storageState: storageStatePath(user), timezoneId: "UTC" });
  return { context, page: await context.newPage() };
}

test("a run retried through the console links both ways, and says who started each", async ({ browser }) => {
  test.setTimeout(150_000);
  const { context, page } = await as(browser, "developer");
  await page.goto("/executions");
  const run = await startRun(page, "damage-claim-intake", {
    claimId: `C-${tag}`,
    moveId: "M-9001",
    claimedCents: 9_000_000,
    customerPhone: "+15550109002",
  });
  await page.goto(`/executions/${run.workflowId}/${run.id}`);
  await expect(page.getByTestId("execution-status")).toHaveText("Failed", { timeout: 45_000 });
  // Started by hand by the signed-in developer: "you", not "Manual" or an id.
  await expect(page.getByTestId("started-by")).toContainText("you");

  await page.getByRole("button", { name: "Retry", exact: true }).click();
  await page.getByRole("dialog", { name: "Retry this run?" }).getByRole("button", { name: "Retry" }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/executions/${run.workflowId}/`) && !url.pathname.endsWith(run.id), {
    timeout: 30_000,
  });
  const retryId = page.url().split("/").pop() ?? "";
  const retryOf = page.getByTestId("retry-of");
  await expect(retryOf).toContainText(`Retry of run ${run.id.slice(0, 8)}`);
  await expect(retryOf).toContainText("started by you");

  // Back to the original through the link: it names the retry.
  await retryOf.getByRole("link").click();
  await page.waitForURL(`**/executions/${run.workflowId}/${run.id}`);
  await expect(page.getByTestId("retried-as")).toContainText(`Retried as run ${retryId.slice(0, 8)} by you`);

  // Another person reads the same links with the developer's name instead of "you".
  const viewer = await as(browser, "viewer");
  await viewer.page.goto(`/executions/${run.workflowId}/${retryId}`);
  await expect(viewer.page.getByTestId("retry-of")).toContainText("started by Dev Support");
  await expect(viewer.page.getByTestId("started-by")).toContainText("Dev Support");
  await Promise.all([context.close(), viewer.context.close()]);
});

test("cancel with a reason: the run says who cancelled it, when and why; nobody else's audit leaks", async ({ browser }) => {
  test.setTimeout(150_000);
  const { context, page } = await as(browser, "developer");
  await page.goto("/executions");
  const run = await startRun(page, "crew-dispatch", { moveId: "M-9001", customerPhone: "+15550109001", waitMinutes: 10 });
  await page.goto(`/executions/${run.workflowId}/${run.id}`);
  await expect(page.getByTestId("execution-status")).toHaveText(/Running/, { timeout: 30_000 });
  const reason = `customer called it off ${tag}`;
  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await dialog.getByLabel(/^Reason/).fill(reason);
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("execution-status")).toHaveText("Canceled", { timeout: 45_000 });
  await expect(page.getByTestId("cancelled-by")).toContainText(`Cancelled by you`);
  await expect(page.getByTestId("cancelled-by")).toContainText(reason);

  // The tenant admin sees the developer's name; the route answers only this run's cancel.
  const admin = await as(browser, "admin");
  await admin.page.goto(`/executions/${run.workflowId}/${run.id}`);
  await expect(admin.page.getByTestId("cancelled-by")).toContainText(`Cancelled by Dev Support`);
  await expect(admin.page.getByTestId("cancelled-by")).toContainText(reason);
  const acc = await bff<Record<string, unknown>>(admin.page, `/api/workflows/${run.workflowId}/executions/${run.id}/accountability`);
  expect(Object.keys(acc.data).sort()).toEqual(["cancellation", "retriedAs", "retryOf"]);
  // The other tenant's admin cannot read it at all.
  const other = await as(browser, "otherAdmin");
  await other.page.goto("/workflows");
  expect((await bff(other.page, `/api/workflows/${run.workflowId}/executions/${run.id}/accountability`)).status).toBe(404);
  await Promise.all([context.close(), admin.context.close(), other.context.close()]);
});

test("a shared view saved by one role is listed for another, applies its filters, and can be their default", async ({ browser }) => {
  test.setTimeout(120_000);
  const dev = await as(browser, "developer");
  await dev.page.goto("/executions");
  // Two quick filter changes both land (nuqs: each change reads the URL as it is when applied).
  await dev.page.getByRole("button", { name: "Failed", exact: true }).click();
  await dev.page.getByRole("button", { name: "Timed out", exact: true }).click();
  await expect(dev.page).toHaveURL(/status=FAILED(%2C|,)TIMED_OUT/);
  const name = `Failures ${tag}`;
  await dev.page.getByRole("button", { name: "Save current filters…" }).click();
  const save = dev.page.getByRole("dialog", { name: "Save these filters as a view" });
  await save.getByLabel("Name").fill(name);
  await save.getByLabel("Share with everyone in the tenant").check();
  await save.getByRole("button", { name: "Save view" }).click();
  await expect(save).toBeHidden();
  await expect(dev.page.getByLabel("Saved view")).toHaveValue(/.+/);
  await expect(dev.page.getByTestId("saved-view-owner")).toContainText("shared by you");

  const viewer = await as(browser, "viewer");
  await viewer.page.goto("/executions");
  const picker = viewer.page.getByLabel("Saved view");
  await expect(picker.locator("option", { hasText: name })).toHaveCount(1);
  await picker.selectOption({ label: `${name} (shared)` });
  await expect(viewer.page).toHaveURL(/status=FAILED(%2C|,)TIMED_OUT/);
  await expect(viewer.page.getByRole("button", { name: "Failed", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(viewer.page.getByRole("button", { name: "Timed out", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(viewer.page.getByTestId("saved-view-owner")).toContainText("shared by Dev Support");
  // The viewer may not delete it (only its owner or a tenant admin).
  await expect(viewer.page.getByRole("button", { name: "Delete view" })).toHaveCount(0);
  // As the viewer's default, it opens with the list.
  await viewer.page.getByRole("button", { name: "Open the list with this view" }).click();
  await expect(viewer.page.getByRole("button", { name: "Stop opening with this view" })).toBeVisible();
  await viewer.page.goto("/executions");
  await expect(viewer.page).toHaveURL(/status=FAILED(%2C|,)TIMED_OUT/);

  // The owner deletes it, after confirming; it is gone for the viewer too (default included).
  await dev.page.getByRole("button", { name: "Delete view" }).click();
  await dev.page
    .getByRole("dialog", { name: `Delete the view “${name}”?` })
    .getByRole("button", { name: "Delete view" })
    .click();
  await expect(dev.page.getByLabel("Saved view").locator("option", { hasText: name })).toHaveCount(0);
  const views = await bff<{ items: Array<{ name: string }> }>(viewer.page, "/api/saved-views");
  expect(views.data.items.map((v) => v.name)).not.toContain(name);
  await Promise.all([dev.context.close(), viewer.context.close()]);
});

test("versions and the header name people and the tenant, not ids", async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const request = await playwright.request.newContext({ baseURL: baseURL(), storageState: storageStatePath("admin") });
  const admin = new BffClient(request, baseURL());
  const fx = await loadFixtures(admin, admin);
  const integrationId = `${fx.prefix.toLowerCase()}_people`;
  expect((await admin.send("POST", `/api/integrations/${integrationId}/config`, fx.editableBody)).status()).toBe(201);
  try {
    const publisher = await as(browser, "publisher");
    await publisher.page.goto(`/integrations/${integrationId}?tab=versions`);
    const cell = publisher.page.getByTestId("version-published-by").first();
    await expect(cell).toHaveText("Ada Admin");
    await expect(cell).not.toContainText(/[0-9a-f]{8}-/);
    await publisher.context.close();
  } finally {
    await admin.send("DELETE", `/api/integrations/${integrationId}/config`, undefined, say(`clean-up ${tag}`));
  }

  // The tenant admin names the tenant once; every member's header shows it; cleared again afterwards.
  const { context, page } = await as(browser, "admin");
  await page.goto("/activity");
  const before = (await bff<{ displayName: string | null }>(page, "/api/tenant")).data.displayName;
  const card = page.locator("#tenant-name");
  await card.getByLabel("Display name").fill(`Atlas Moving ${tag}`);
  await card.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText(`Atlas Moving ${tag}`);
  const viewer = await as(browser, "viewer");
  await viewer.page.goto("/workflows");
  await expect(viewer.page.getByTestId("tenant-name")).toHaveText(`Atlas Moving ${tag}`);
  // Only tenant admins may name it.
  expect((await bff(viewer.page, "/api/tenant", { method: "PUT", body: { displayName: "nope" } })).status).toBe(403);
  const restored = await bff(page, "/api/tenant", { method: "PUT", body: { displayName: before } });
  expect(restored.status).toBe(200);
  await Promise.all([context.close(), viewer.context.close(), request.dispose()]);
});

test("a config value changed while someone edits it is not overwritten", async ({ browser }) => {
  const { context, page } = await as(browser, "developer");
  const key = `PEOPLE_${tag.toUpperCase()}`;
  await page.goto("/secrets");
  expect((await bff(page, "/api/configs", { method: "POST", body: { key, group: "people", value: "first" } })).status).toBe(201);
  try {
    await page.reload();
    const row = page.getByTestId(`config-row-people-${key}`);
    await row.getByRole("button", { name: `Edit ${key} (people)` }).click();
    await page.getByLabel(`Value of ${key}`).fill("mine");
    // Meanwhile, someone else sets it (another tab, another person).
    expect((await bff(page, `/api/configs/${key}`, { method: "PUT", body: { group: "people", value: "theirs" } })).status).toBe(200);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const conflict = page.getByTestId("config-conflict");
    await expect(conflict).toContainText("Not saved: this value changed while you were editing it.");
    await expect(conflict).toContainText("theirs");
    const stored = await bff<Array<{ key: string; value: string }>>(page, "/api/configs?group=people");
    expect(stored.data.find((c) => c.key === key)?.value).toBe("theirs");
    await conflict.getByRole("button", { name: "Discard mine" }).click();
    await expect(page.getByTestId(`config-row-people-${key}`)).toContainText("theirs");
  } finally {
    await bff(page, `/api/configs/${key}?group=people`, { method: "DELETE", headers: { "x-audit-reason": "e2e clean-up" } });
    await context.close();
  }
});

test("a signed-out session is never renewed, even once its ID token has expired", async ({ browser }) => {
  test.setTimeout(180_000);
  const role: Role = "viewer";
  const context = await browser.newContext({ baseURL: baseURL() });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
  await page.locator(`button[data-testid="demo-user"][value="${ROLES[role].email}"]`).click();
  await page.waitForURL((url) => url.origin === baseURL() && !url.pathname.startsWith("/sign-in"), { timeout: 30_000 });
  const signedInAt = Date.now();
  const copied = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value ?? "";
  expect(copied).not.toBe("");
  // Auth.js's own sign-out: the console revokes the session in its store but the issuer's refresh
  // token stays valid (as with a real Cognito pool), so only the store check stops a renewal.
  const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const out = await context.request.post("/api/auth/signout", {
    form: { csrfToken: csrf.csrfToken, callbackUrl: "/signed-out" },
    headers: { origin: baseURL() },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(out.status()).toBeLessThan(400);
  await context.close();

  // e2e ID tokens live 60 s: once the copied session's token is past its refresh margin, a request
  // with it would renew it if the proxy did not ask the store first.
  await expect.poll(() => Date.now() - signedInAt, { timeout: 120_000, intervals: [1000] }).toBeGreaterThan(45_000);
  const thief = await browser.newContext({ baseURL: baseURL() });
  const host = new URL(baseURL()).hostname;
  await thief.addCookies([{ name: SESSION_COOKIE, value: copied, domain: host, path: "/", httpOnly: true, sameSite: "Lax" }]);
  const res = await thief.request.get("/api/me", { failOnStatusCode: false });
  expect(res.status()).toBe(401);
  // No renewed cookie comes back: the session cookie is only ever cleared.
  const setCookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${SESSION_COOKIE}=`));
  for (const h of setCookies)
    expect(h.value).toMatch(new RegExp(`^${SESSION_COOKIE.replace(".", "\\.")}=;|Max-Age=0|Expires=Thu, 01 Jan 1970`, "i"));
  expect((await thief.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  await thief.close();
});
