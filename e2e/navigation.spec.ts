import { expect, test } from "@playwright/test";
import { ROLES, storageStatePath, type Role } from "./support/roles";

for (const role of Object.keys(ROLES) as Role[]) {
  test.describe(`${role} navigation`, () => {
    test.use({ storageState: storageStatePath(role) });

    test(`${role} sees exactly the sections the role may use`, async ({ page }) => {
      await page.goto("/workflows");
      const nav = page.getByRole("navigation", { name: "Sections" });
      await expect(nav.getByRole("link")).toHaveText([...ROLES[role].nav]);
      await expect(page.getByTestId("tenant-name")).toBeVisible();
    });
  });
}

/** The path of a section, as the console's navigation names it. */
const SECTION_PATHS: Record<string, string> = {
  Workflows: "/workflows",
  Executions: "/executions",
  "Secrets & config": "/secrets",
  Integrations: "/integrations",
};

for (const role of Object.keys(ROLES) as Role[]) {
  test.describe(`${role} landing`, () => {
    test.use({ storageState: storageStatePath(role) });

    test(`${role} opening the console lands on the first section the role may use`, async ({ page }) => {
      await page.goto("/");
      const first = ROLES[role].nav[0];
      await expect(page).toHaveURL((url) => url.pathname === SECTION_PATHS[first]);
      await expect(page.getByText(/is not available to your role/)).toHaveCount(0);
    });
  });
}

test("a publisher's first page after signing in is Integrations, not a section it may not use", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
    await page.locator(`button[data-testid="demo-user"][value="${ROLES.publisher.email}"]`).click();
    await page.waitForURL(
      (url) => url.origin === new URL(baseURL ?? "").origin && !url.pathname.startsWith("/sign-in") && url.pathname !== "/",
      { timeout: 30_000 },
    );
    expect(new URL(page.url()).pathname).toBe("/integrations");
    await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    await expect(page.getByText(/is not available to your role/)).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test.describe("workflows page", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("lists the workflows the BFF returns", async ({ page }) => {
    await page.goto("/workflows");
    const res = await page.request.get("/api/workflows");
    const body = (await res.json()) as { data: Array<{ name: string; version: string }> };
    const first = body.data[0];
    if (!first) throw new Error("the sandbox seeded no workflows");
    await expect(page.getByRole("main").getByText(first.name, { exact: true }).first()).toBeVisible();
  });

  test("the skip link moves focus to the main content", async ({ page }) => {
    await page.goto("/workflows");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });

  test("a section outside the role says so instead of failing", async ({ page }) => {
    await page.goto("/integrations");
    await expect(page.getByText("Integrations is not available to your role")).toBeVisible();
  });

  test("the theme toggle persists through a reload without a script", async ({ page }) => {
    await page.goto("/workflows");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
  });
});
