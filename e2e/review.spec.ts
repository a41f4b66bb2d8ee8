import { expect, test, type Browser, type Page } from "@playwright/test";
import { bff } from "./support/executions";
import { publishTestWorkflow } from "./support/publish";
import { readServerTokens } from "./support/session";
import { storageStatePath, type SignedInUser } from "./support/roles";

// Business review (issue #18) over the seeded demo tenant: a viewer signs off
// quote-accepted-deposit v0.3.0; a developer publishes v0.4.0 with one more permitted action;
// v0.4.0 is "not yet reviewed", says what changed since the reviewed version (the versions
// compare shows the added action), the catalog shows both states, the sign-off is in the audit
// trail, and with the tenant's review rule on, enabling a trigger on v0.4.0 asks first.

const NAME = "quote-accepted-deposit";
const EXTRA_ACTIONS = ["ReadCustomer", "ReadInvoice", "ReadMove", "SendEmail"];

interface Wf {
  id: string;
  name: string;
  version: string;
  visibility: string;
  manifest: {
    diagram?: string | null;
    description?: string | null;
    requiredActions: string[];
    requiredSecrets: Array<{ key: string; group?: string }>;
    requiredConfigs: Array<{ key: string; group?: string }>;
    timeoutSeconds?: number | null;
  };
}

async function pageAs(browser: Browser, user: SignedInUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(user), timezoneId: "UTC" });
  return context.newPage();
}

test("a viewer signs off v0.3.0; v0.4.0 with one more action is not yet reviewed and shows the change; catalog and audit agree; the review rule guards triggers", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const viewer = await pageAs(browser, "viewer");
  await viewer.goto("/workflows");
  const list = (await bff<Wf[]>(viewer, "/api/workflows")).data;
  const v3 = list.find((w) => w.name === NAME && w.version === "0.3.0" && w.visibility === "TENANT");
  expect(v3, "seed has quote-accepted-deposit 0.3.0").toBeTruthy();
  if (!v3) return;

  // --- the viewer signs off v0.3.0 from the workflow page, keyboard only -----------------------
  await viewer.goto(`/workflows/${v3.id}`);
  await expect(viewer.getByRole("heading", { level: 1, name: `${NAME} v0.3.0` })).toBeVisible();
  await viewer.getByRole("radio", { name: "Matches our rules" }).focus();
  await viewer.keyboard.press("Space");
  await expect(viewer.getByRole("radio", { name: "Matches our rules" })).toBeChecked();
  await viewer.getByLabel("Note (optional)").fill("Deposit of 25 % matches the quote policy.");
  await viewer.getByRole("button", { name: "Record review…" }).press("Enter");
  const confirm = viewer.getByRole("dialog", { name: "Sign off this version?" });
  await expect(confirm).toContainText(`${NAME} v0.3.0`);
  await expect(confirm).toContainText("Diagram SHA-256");
  await expect(confirm).toContainText("Envelope digest");
  await confirm.getByRole("button", { name: "Record review" }).click();
  await expect(viewer.getByRole("status").filter({ hasText: "Recorded: “Matches our rules” for v0.3.0" })).toBeVisible();
  await expect(viewer.getByTestId("review-state").first()).toHaveAttribute("data-state", "reviewed");
  await expect(viewer.getByRole("list", { name: "Reviews of this version" })).toContainText("Deposit of 25 % matches the quote policy.");
  await expect(viewer.getByRole("list", { name: "Reviews of this version" })).toContainText("Vera Viewer");
  const reviews = (
    await bff<Array<{ verdict: string; current: boolean; diagramSha256: string }>>(viewer, `/api/workflows/${v3.id}/reviews`)
  ).data;
  expect(reviews[0]).toMatchObject({ verdict: "matches", current: true });

  // --- a developer publishes v0.4.0: v0.3.0's envelope plus one action -------------------------
  const developer = await pageAs(browser, "developer");
  await developer.goto("/workflows");
  const { idToken } = await readServerTokens(developer.context());
  const added = EXTRA_ACTIONS.find((a) => !v3.manifest.requiredActions.includes(a)) ?? "SendEmail";
  const existing = list.find((w) => w.name === NAME && w.version === "0.4.0" && w.visibility === "TENANT");
  const v4id =
    existing?.id ??
    (await publishTestWorkflow(`${process.env.E2E_SANDBOX_ORIGIN}/api/v1`, idToken, {
      name: NAME,
      version: "0.4.0",
      diagram: v3.manifest.diagram ?? "",
      description: v3.manifest.description ?? undefined,
      requiredActions: [...v3.manifest.requiredActions, added],
      requiredSecrets: v3.manifest.requiredSecrets,
      requiredConfigs: v3.manifest.requiredConfigs,
      timeoutSeconds: v3.manifest.timeoutSeconds ?? null,
    }));

  try {
    // --- v0.4.0: not yet reviewed, and what changed since v0.3.0 -------------------------------
    await viewer.goto(`/workflows/${v4id}`);
    await expect(viewer.getByRole("heading", { level: 1, name: `${NAME} v0.4.0` })).toBeVisible();
    await expect(viewer.getByTestId("review-state").first()).toHaveAttribute("data-state", "not-reviewed");
    await expect(viewer.getByTestId("review-state").first()).toHaveText("Not yet reviewed");
    const since = viewer.getByTestId("changed-since");
    await expect(since).toContainText("v0.3.0 of this workflow was reviewed");
    await since.getByRole("link", { name: "See what changed since v0.3.0" }).click();
    await expect(viewer).toHaveURL(new RegExp(`tab=versions.*a=${v3.id}.*b=${v4id}|tab=versions.*b=${v4id}.*a=${v3.id}`));
    await expect(viewer.getByTestId("envelope-diff")).toContainText(`Newly allowed:`);
    await expect(viewer.getByTestId("envelope-diff")).toContainText(`(${added})`);

    // --- the catalog shows both ------------------------------------------------------------------
    await viewer.goto("/workflows");
    const row = viewer.getByTestId(`catalog-row-TENANT-${NAME}`);
    await expect(row).toContainText("v0.4.0");
    await expect(row.getByTestId("review-state").first()).toHaveText("Not yet reviewed");
    await expect(row).toContainText("last reviewed: v0.3.0");
    await row.getByText(/older versions?/).click();
    const older = row.getByRole("listitem").filter({ has: viewer.getByRole("link", { name: "0.3.0", exact: true }) });
    await expect(older.getByTestId("review-state")).toHaveText("Reviewed");

    // --- the sign-off is in the audit trail --------------------------------------------------------
    const admin = await pageAs(browser, "admin");
    await admin.goto("/activity");
    const audit = (
      await bff<{ items: Array<{ action: string; target: string; actor: { email: string | null }; outcome: { status: number } }> }>(
        admin,
        "/api/audit?action=workflow.review&limit=50",
      )
    ).data;
    expect(
      audit.items.find(
        (e) => e.target === `workflow:${v3.id} (matches)` && e.actor.email === "viewer@atlas.example" && e.outcome.status === 201,
      ),
    ).toBeTruthy();

    // --- the review rule: on, enabling a trigger on unreviewed v0.4.0 asks first ---------------------
    await admin.goto("/workflows");
    await admin.getByRole("button", { name: "Require review before enabling triggers" }).click();
    await admin
      .getByRole("dialog", { name: "Require a review before triggers are enabled?" })
      .getByRole("button", { name: "Require review" })
      .click();
    await expect(admin.getByTestId("review-settings")).toContainText("A business review is required");

    const trigger = await bff<{ id: string }>(developer, `/api/workflows/${v4id}/triggers`, {
      method: "POST",
      body: { kind: "SCHEDULE", cronExpression: "0 3 1 1 *", enabled: false },
    });
    expect(trigger.status).toBe(201);
    const refused = await bff(developer, `/api/workflows/${v4id}/triggers/${trigger.data.id}`, {
      method: "PATCH",
      body: { enabled: true },
    });
    expect(refused).toMatchObject({ status: 409, code: "REVIEW_REQUIRED" });
    await developer.goto(`/workflows/${v4id}?tab=triggers`);
    const rowT = developer.getByTestId(`trigger-row-${trigger.data.id}`);
    await rowT.getByRole("button", { name: /^Enable/ }).click();
    const ask = developer.getByRole("dialog", { name: "Enable a trigger on an unreviewed version?" });
    await expect(ask).toBeVisible();
    await ask.getByRole("button", { name: "Not now" }).click();
    await expect(rowT).toContainText("Disabled");
    await rowT.getByRole("button", { name: /^Enable/ }).click();
    await ask.getByRole("button", { name: "Enable anyway" }).click();
    await expect(rowT).toContainText("Enabled");
    const enabled = (
      await bff<{ items: Array<{ action: string; target: string }> }>(
        admin,
        `/api/audit?action=trigger.enable-unreviewed&target=${trigger.data.id}`,
      )
    ).data;
    expect(enabled.items).toHaveLength(1);
    await bff(developer, `/api/workflows/${v4id}/triggers/${trigger.data.id}`, {
      method: "DELETE",
      headers: { "x-audit-reason": "review%20spec%20cleanup" },
    });
  } finally {
    // Leave the tenant as the other specs expect: rule off, v0.4.0 retired (out of the default catalog).
    const admin = await pageAs(browser, "admin");
    await admin.goto("/workflows");
    await bff(admin, "/api/settings/review", { method: "PUT", body: { requireReviewBeforeTriggers: false } });
    const retired = await bff(developer, `/api/workflows/${v4id}/retire`, { method: "POST" });
    expect(retired.status).toBe(200);
  }
});
