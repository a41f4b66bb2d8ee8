import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// Issue 18: integration jargon is explained where a business reader meets it. The demo seed's
// partner-order-sync 0.2.0 has an enabled trigger on the pegII "shipment opened" event.

test.use({ storageState: storageStatePath("viewer") });

test("the envelope explains a pegII trigger in plain words", async ({ page }) => {
  await page.goto("/workflows");
  await page.getByTestId("catalog-row-TENANT-partner-order-sync").getByRole("link", { name: "partner-order-sync" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "partner-order-sync v0.2.0" })).toBeVisible();
  const envelope = page.getByTestId("envelope");
  const trigger = envelope.locator("[data-testid^=envelope-trigger-]").filter({ hasText: "Shipment opened (pegII)" });
  await expect(trigger).toContainText(
    "pegII is MoveManager, the older Pegasus system where your orders (shipments) and their tasks are kept.",
  );
  await expect(trigger).toContainText("This starts the automation when a shipment (an order) is opened in MoveManager.");
  // A schedule trigger on the same version carries no such sentence.
  await expect(envelope.getByText("pegII is MoveManager")).toHaveCount(1);
});
