import { expect, test, type Locator, type Page } from "@playwright/test";
import { bff, type Exec, requireRealRuns } from "./support/executions";
import { storageStatePath } from "./support/roles";

// Issue 13, layout items: narrow screens (390 px), hydration errors and the favicon. The mobile
// and hydration checks on executions need real runs: run with E2E_TEMPORAL=1.

requireRealRuns();
test.use({ storageState: storageStatePath("developer") });

/** Console errors and uncaught page errors, collected from the moment of the call. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

const HYDRATION = /hydrat|Minified React error #(418|423|425)|did not match/i;

/** The document is no wider than the viewport (nothing pushes the page sideways). */
async function expectNoPageOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "page scroll width").toBeLessThanOrEqual(innerWidth);
}

/** Visible and wholly inside the viewport's width (after scrolling it into view vertically). */
async function expectOnScreen(locator: Locator, viewportWidth: number): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, "element has a box").not.toBeNull();
  if (!box) return;
  expect(box.x, "left edge").toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, "right edge").toBeLessThanOrEqual(viewportWidth);
}

/** Every visible button, link, field and disclosure has an accessible name. */
async function expectNamedControls(page: Page): Promise<void> {
  const controls = page.locator("button:visible, a[href]:visible, input:visible, select:visible, summary:visible, [role=button]:visible");
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const html = await control.evaluate((el) => el.outerHTML.slice(0, 160));
    await expect(control, `control without a name: ${html}`).toHaveAccessibleName(/\S/);
  }
}

async function openExecution(page: Page, status: string): Promise<Exec> {
  const { status: code, data } = await bff<{ items: Exec[] }>(page, `/api/executions?status=${status}&limit=20`);
  expect(code).toBe(200);
  const e = data.items[0];
  if (!e) throw new Error(`the seed left no ${status} execution`);
  return e;
}

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the executions list fits: Open link and time on screen, every control named", async ({ page }) => {
    await page.goto("/executions");
    await expect(page.getByRole("heading", { name: "Executions", level: 1 })).toBeVisible();
    const open = page.getByRole("link", { name: /^Open execution / }).first();
    await expect(open).toBeVisible({ timeout: 30_000 });
    await expectNoPageOverflow(page);
    await expectOnScreen(open, 390);
    const time = page.locator("main time").first();
    await expectOnScreen(time, 390);
    await expectNamedControls(page);
  });

  test("the secrets and config tables fit, with their actions on screen", async ({ page }) => {
    await page.goto("/secrets");
    const rotate = page.getByRole("button", { name: /^Rotate / }).first();
    await expect(rotate).toBeVisible({ timeout: 30_000 });
    await expectNoPageOverflow(page);
    await expectOnScreen(rotate, 390);
    await expectOnScreen(page.getByRole("button", { name: /^Delete / }).first(), 390);
    await expectOnScreen(page.getByRole("button", { name: /^Edit / }).first(), 390);
    await expectNamedControls(page);
  });

  test("the user menu has an accessible name", async ({ page }) => {
    await page.goto("/workflows");
    const menu = page.getByTestId("user-menu");
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAccessibleName(/Dev|dev@atlas\.example/);
  });
});

test("no hydration error on a workflow page, a running and a finished execution", async ({ page }) => {
  await page.goto("/workflows");
  const running = await openExecution(page, "RUNNING");
  const done = await openExecution(page, "COMPLETED");
  const errors = collectErrors(page);
  for (const path of [
    `/workflows/${running.workflowId}`,
    `/executions/${running.workflowId}/${running.id}`,
    `/executions/${done.workflowId}/${done.id}`,
  ]) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible({ timeout: 30_000 });
    // Hydration runs after the first paint; wait until the app is interactive (React Query has data).
    await page.waitForLoadState("networkidle");
  }
  expect(errors.filter((e) => HYDRATION.test(e))).toEqual([]);
});

test("every page has an icon: no favicon 404", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404 && /favicon|icon/i.test(new URL(r.url()).pathname)) missing.push(r.url());
  });
  await page.goto("/workflows");
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href, "a <link rel=icon>").toBeTruthy();
  const icon = await page.request.get(new URL(href ?? "", page.url()).toString());
  expect(icon.status()).toBe(200);
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(missing).toEqual([]);
});
