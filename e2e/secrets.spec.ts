import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// The seeded demo tenant declares keys it has not set (sandbox demo data): damage-claim-intake
// needs SECRET claims/CLAIMS_PORTAL_TOKEN and order-saved-sms@0.2.0 needs CONFIG
// notifications/QUIET_HOURS. Each journey puts the tenant back the way it found it.

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();

async function openSecrets(page: Page, query = "") {
  await page.goto(`/secrets${query}`);
  await expect(page.getByRole("heading", { name: "Secrets & config", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Missing variables" })).toBeVisible();
}

test.describe("missing keys say what is known", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an unset key is 'declared by N workflows; not set', never a forecast that runs will fail", async ({ page }) => {
    await openSecrets(page);
    const card = page.locator("[aria-labelledby=missing-heading]");
    await expect(card).not.toContainText(/will fail|fail at run time/);
    // Described as optional by its workflows ("unset: built-in text", "unset: none").
    for (const id of ["notifications-QUIET_HOURS", "notifications-BILLING_REMINDER_TEMPLATE"]) {
      const row = page.getByTestId(`missing-row-${id}`);
      await expect(row).toContainText("Declared by 1 workflow; not set.");
      // No run of the seed failed on these keys, so nothing is claimed about runs.
      await expect(row.getByTestId("key-failure-note")).toHaveCount(0);
    }

    // The envelope of a workflow that declares one says the same.
    const list = (await (await page.request.get("/api/workflows")).json()) as {
      data: { id: string; name: string; version: string; visibility: string }[];
    };
    const wf = list.data.find((w) => w.name === "order-saved-sms" && w.version === "0.2.0" && w.visibility === "TENANT");
    if (!wf) throw new Error("the demo seed has no order-saved-sms@0.2.0");
    await page.goto(`/workflows/${wf.id}`);
    const envelope = page.getByTestId("envelope");
    await expect(envelope.getByTestId("envelope-key-CONFIG-notifications-QUIET_HOURS")).toContainText("Not set");
    await expect(envelope.getByTestId("envelope-missing-note")).toContainText("1 declared key is not set.");
    await expect(envelope).not.toContainText(/will fail|Missing/);
  });
});

test.describe("tenant admin", () => {
  test.use({ storageState: storageStatePath("admin") });
  test.describe.configure({ mode: "serial" });

  test("fixes a missing secret, rotates it, then deletes it after seeing who depends on it", async ({ page }) => {
    await openSecrets(page);
    const missingRow = page.getByTestId("missing-row-claims-CLAIMS_PORTAL_TOKEN");
    await expect(missingRow).toContainText("damage-claim-intake@0.1.0");
    await missingRow.getByRole("button", { name: "Add CLAIMS_PORTAL_TOKEN (claims)" }).click();

    // The Add is a shareable URL and pre-fills key, group and the declared description.
    await expect(page).toHaveURL(/add=CLAIMS_PORTAL_TOKEN/);
    await expect(page).toHaveURL(/group=claims/);
    const dialog = page.getByRole("dialog", { name: "Add a secret" });
    await expect(dialog.getByLabel("Key")).toHaveValue("CLAIMS_PORTAL_TOKEN");
    await expect(dialog.getByLabel("Group")).toHaveValue("claims");
    await expect(dialog.getByLabel("Description")).not.toHaveValue("");
    await dialog.getByLabel("Value", { exact: true }).fill(`claims-token-${unique()}`);
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status")).toContainText("Secret CLAIMS_PORTAL_TOKEN (claims) saved");
    await expect(page).not.toHaveURL(/add=/);
    await expect(page.getByTestId("missing-row-claims-CLAIMS_PORTAL_TOKEN")).toHaveCount(0);
    const row = page.getByTestId("secret-row-claims-CLAIMS_PORTAL_TOKEN");
    await expect(row).toContainText("Used by damage-claim-intake@0.1.0");

    // Rotate: one guided step with the dependents named.
    await row.getByRole("button", { name: "Rotate CLAIMS_PORTAL_TOKEN (claims)" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate CLAIMS_PORTAL_TOKEN" });
    await expect(rotate.getByTestId("dependents-warning")).toContainText("fail at runtime");
    await expect(rotate.getByTestId("dependents-warning")).toContainText("damage-claim-intake@0.1.0");
    await rotate.getByLabel("New value").fill(`rotated-${unique()}`);
    await rotate.getByLabel(/^Reason/).fill("e2e: token leaked in a ticket");
    await rotate.getByRole("button", { name: "Rotate secret" }).click();
    await expect(rotate).toBeHidden();
    await expect(page.getByRole("status")).toContainText("rotated");
    await expect(page.getByTestId("secret-row-claims-CLAIMS_PORTAL_TOKEN")).toBeVisible();

    // Delete: the confirmation names every declarer.
    await page.getByRole("button", { name: "Delete CLAIMS_PORTAL_TOKEN (claims)" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete CLAIMS_PORTAL_TOKEN?" });
    await expect(confirm.getByTestId("dependents-warning")).toContainText("These will fail at runtime once it is deleted");
    await expect(confirm.getByTestId("dependents-warning")).toContainText("damage-claim-intake@0.1.0");
    await confirm.getByLabel(/^Reason/).fill("e2e: portal retired");
    await confirm.getByRole("button", { name: "Delete secret" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("secret-row-claims-CLAIMS_PORTAL_TOKEN")).toHaveCount(0);
    await expect(page.getByTestId("missing-row-claims-CLAIMS_PORTAL_TOKEN")).toBeVisible();
  });

  test("checks key and group before sending, clears the value once sent, and explains a duplicate", async ({ page }) => {
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/secrets") posts.push(r.url());
    });
    await openSecrets(page);
    await page.getByRole("button", { name: "Add secret", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Add a secret" });
    await dialog.getByLabel("Key").fill("9-bad key");
    await dialog.getByLabel("Group").fill("no spaces");
    await dialog.getByLabel("Group").blur();
    await expect(dialog.getByText("key must match")).toBeVisible();
    await expect(dialog.getByText("group must match")).toBeVisible();
    await expect(dialog.getByLabel("Key")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog.getByText("A secret needs a value")).toBeVisible();
    expect(posts).toHaveLength(0);

    const key = `E2E_${unique()}`;
    await dialog.getByLabel("Key").fill(key);
    await dialog.getByLabel("Group").fill("e2e");
    await dialog.getByLabel("Value", { exact: true }).fill("first-value");
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`secret-row-e2e-${key}`)).toContainText("Not declared by any workflow");

    // Same key and group again: the contract's 409, explained; the typed value is already gone.
    await page.getByRole("button", { name: "Add secret", exact: true }).click();
    const again = page.getByRole("dialog", { name: "Add a secret" });
    await again.getByLabel("Key").fill(key);
    await again.getByLabel("Group").fill("e2e");
    await again.getByLabel("Value", { exact: true }).fill("second-value");
    await again.getByRole("button", { name: "Add secret" }).click();
    await expect(again.getByRole("alert")).toContainText(`already exists in group "e2e"`);
    await expect(again.getByRole("alert")).toContainText("write-once");
    await expect(again.getByRole("alert")).toContainText("code CONFLICT");
    await expect(again.getByLabel("Value", { exact: true })).toHaveValue("");
    expect(posts).toHaveLength(2);
    // Keyboard: Escape closes the dialog.
    await page.keyboard.press("Escape");
    await expect(again).toBeHidden();

    await page.getByRole("button", { name: `Delete ${key} (e2e)` }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${key}?` });
    await expect(confirm).toContainText("No workflow or integration declares this key.");
    await confirm.getByLabel(/^Reason/).fill("e2e clean-up");
    await confirm.getByRole("button", { name: "Delete secret" }).click();
    await expect(page.getByTestId(`secret-row-e2e-${key}`)).toHaveCount(0);
  });

  test("fixes a missing config, edits it in place, deletes it with the dependents named", async ({ page }) => {
    await openSecrets(page);
    await page.getByRole("button", { name: "Add QUIET_HOURS (notifications)" }).click();
    await expect(page).toHaveURL(/kind=config/);
    const dialog = page.getByRole("dialog", { name: "Add a config entry" });
    await expect(dialog.getByLabel("Key")).toHaveValue("QUIET_HOURS");
    await expect(dialog.getByLabel("Group")).toHaveValue("notifications");
    await dialog.getByLabel("Value", { exact: true }).fill("22:00-07:00");
    await dialog.getByRole("button", { name: "Add config" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId("config-row-notifications-QUIET_HOURS");
    await expect(row).toContainText("22:00-07:00");
    await expect(row).toContainText("Used by order-saved-sms@0.2.0");
    await expect(page.getByTestId("missing-row-notifications-QUIET_HOURS")).toHaveCount(0);

    await row.getByRole("button", { name: "Edit QUIET_HOURS (notifications)" }).click();
    const value = page.getByLabel("Value of QUIET_HOURS");
    await expect(value).toBeFocused();
    await value.fill("21:00-08:00");
    await value.press("Enter");
    await expect(page.getByTestId("config-row-notifications-QUIET_HOURS")).toContainText("21:00-08:00");
    await page.reload();
    await expect(page.getByTestId("config-row-notifications-QUIET_HOURS")).toContainText("21:00-08:00");

    await page.getByRole("button", { name: "Delete QUIET_HOURS (notifications)" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete QUIET_HOURS?" });
    await expect(confirm.getByTestId("dependents-warning")).toContainText("order-saved-sms@0.2.0");
    await confirm.getByLabel(/^Reason/).fill("e2e: quiet hours dropped");
    await confirm.getByRole("button", { name: "Delete config entry" }).click();
    await expect(page.getByTestId("config-row-notifications-QUIET_HOURS")).toHaveCount(0);
    await expect(page.getByTestId("missing-row-notifications-QUIET_HOURS")).toBeVisible();
  });

  test("group filter and a pre-filled Add survive as shareable URLs", async ({ page }) => {
    await openSecrets(page, "?group=billing");
    await expect(page.getByLabel("Group", { exact: true })).toHaveValue("billing");
    await expect(page.getByRole("region", { name: "Secrets in group billing" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Config in group notifications" })).toHaveCount(0);
    await page.getByLabel("Group", { exact: true }).selectOption("");
    await expect(page).not.toHaveURL(/group=/);
    await expect(page.getByRole("region", { name: "Config in group notifications" })).toBeVisible();

    await openSecrets(page, "?add=SHARED_KEY&kind=config&group=ops");
    const dialog = page.getByRole("dialog", { name: "Add a config entry" });
    await expect(dialog.getByLabel("Key")).toHaveValue("SHARED_KEY");
    await expect(dialog.getByLabel("Group")).toHaveValue("ops");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page).not.toHaveURL(/add=/);
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("sees no secrets or config controls at all", async ({ page }) => {
    await page.goto("/workflows");
    await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Secrets & config" })).toHaveCount(0);
    await page.goto("/secrets");
    await expect(page.getByText("Secrets & config is not available to your role")).toBeVisible();
    await expect(page.getByRole("button", { name: /Add|Delete|Rotate|Edit/ })).toHaveCount(0);
    for (const path of ["/api/secrets", "/api/configs"]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(403);
    }
  });
});

test.describe("workflow developer", () => {
  test.use({ storageState: storageStatePath("developer") });

  test("manages secrets but is told the integration requirements are not readable (fail open)", async ({ page }) => {
    await openSecrets(page);
    await expect(page.getByText("Your role cannot read integration requirements")).toBeVisible();
    await expect(page.getByTestId("missing-row-claims-CLAIMS_PORTAL_TOKEN")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add secret", exact: true })).toBeVisible();
    const res = await page.request.get("/api/requirements");
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { data: { integrations: unknown } }).data.integrations).toBeNull();
  });
});
