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
