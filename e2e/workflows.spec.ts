import { expect, test, type Page } from "@playwright/test";
import { publishProbeWorkflow } from "./support/publish";
import { readServerTokens } from "./support/session";
import { storageStatePath } from "./support/roles";

// Workflow review journeys over the seeded demo tenant (sandbox/demo/README.md):
// quote-accepted-deposit has 0.1.0..0.3.0 where later versions add SendSms and EmitTenantEvent.

const SHOTS = process.env.REVIEW_SHOTS;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Control names no viewer may see on any review page (downloading the source is a read, allowed to viewers). */
const ACTION_CONTROLS = /^(Add trigger|Start|Run|Dry run|Fork|Retire|Delete|Enable|Disable|Edit)\b/;

async function expectNoActionControls(page: Page) {
  const names = await page.getByRole("button").evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));
  expect(names.filter((n) => ACTION_CONTROLS.test(n))).toEqual([]);
  await expect(page.getByRole("link", { name: /Manage secrets/ })).toHaveCount(0);
  await expect(page.getByRole("tab", { name: /^(Triggers|Run)$/ })).toHaveCount(0);
}

async function expectDiagramDrawn(page: Page) {
  const canvas = page.getByTestId("diagram-canvas").first();
  await expect(canvas.locator("svg")).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId("diagram-error")).toHaveCount(0);
}

test.describe("viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("walks catalog → workflow → diagram and envelope → version compare, with no action controls", async ({ page }) => {
    await page.goto("/workflows");
    await expect(page.getByRole("heading", { name: "Your workflows" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Platform library" })).toBeVisible();
    const row = page.getByTestId("catalog-row-TENANT-quote-accepted-deposit");
    await expect(row).toContainText("0.3.0");
    await expect(row).toContainText("2 older versions");
    await expect(page.getByTestId("catalog-row-GLOBAL-move-milestone-notifier")).toContainText("Curated");
    await shot(page, "catalog");
    await expectNoActionControls(page);

    // Search is in the URL and narrows both sections.
    await page.getByRole("searchbox", { name: "Search" }).fill("deposit");
    await expect(page).toHaveURL(/q=deposit/);
    await expect(page.getByTestId("catalog-row-TENANT-order-saved-sms")).toHaveCount(0);
    await expect(row).toBeVisible();
    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("deposit");

    await row.getByRole("link", { name: "quote-accepted-deposit" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "quote-accepted-deposit v0.3.0" })).toBeVisible();
    await expectDiagramDrawn(page);
    const envelope = page.getByTestId("envelope");
    await expect(envelope).toContainText("When");
    await expect(envelope.getByRole("region", { name: "Permitted actions" })).toContainText("SendSms");
    await expect(page.getByTestId("drift")).toBeVisible();
    await shot(page, "workflow");
    await expectNoActionControls(page);

    // The diagram's own controls work from the keyboard.
    for (const [label, file] of [
      ["Export SVG", "quote-accepted-deposit-0.3.0.svg"],
      ["Export PNG", "quote-accepted-deposit-0.3.0.png"],
    ] as const) {
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: label }).click();
      expect((await download).suggestedFilename()).toBe(file);
    }
    await page.getByRole("button", { name: "View source" }).click();
    await expect(page.getByLabel("Diagram source")).toContainText("flowchart");
    const zoom = page.getByTestId("diagram").locator("[aria-live=polite]");
    const before = await zoom.textContent();
    await page.getByRole("group", { name: /Diagram of quote-accepted-deposit/ }).focus();
    await page.keyboard.press("+");
    await expect(zoom).not.toHaveText(before ?? "");

    await page.getByRole("tab", { name: /Versions/ }).click();
    await expect(page).toHaveURL(/tab=versions/);
    await expect(page.getByRole("table", { name: "Versions" }).getByRole("row")).toHaveCount(4);
    const from = page.getByLabel("From");
    await from.selectOption({ label: "v0.1.0" });
    await expect(page).toHaveURL(/a=/);
    const diff = page.getByTestId("envelope-diff");
    await expect(diff).toContainText("Newly allowed");
    // Permission changes come first.
    await expect(diff.locator("li").first()).toContainText("Permission");
    await expect(page.getByTestId("diagram-canvas").locator("svg")).toHaveCount(2, { timeout: 20_000 });
    await shot(page, "compare");
    await expectNoActionControls(page);

    // The compare pair survives a reload (shareable URL).
    await page.reload();
    await expect(page.getByLabel("From")).toHaveValue(await from.inputValue());
  });

  test("coming back to a workflow in the same tab shows its diagram without laying it out again", async ({ page }) => {
    // Count mermaid layouts: each one creates a scratch element `#dwf-diagram-N` in the document.
    await page.addInitScript(() => {
      const counter = window as unknown as { __layouts: number };
      counter.__layouts = 0;
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) if (node instanceof Element && node.id.startsWith("dwf-diagram-")) counter.__layouts += 1;
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const layouts = () => page.evaluate(() => (window as unknown as { __layouts: number }).__layouts);
    await page.goto("/workflows");
    const row = page.getByTestId("catalog-row-TENANT-quote-accepted-deposit");
    await row.getByRole("link", { name: "quote-accepted-deposit" }).click();
    await expectDiagramDrawn(page);
    const first = await layouts();
    expect(first).toBeGreaterThan(0);
    // Away and back inside the app (a client-side navigation keeps the tab's modules).
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Workflows" }).click();
    await expect(row).toBeVisible();
    await row.getByRole("link", { name: "quote-accepted-deposit" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "quote-accepted-deposit v0.3.0" })).toBeVisible();
    await expectDiagramDrawn(page);
    expect(await layouts()).toBe(first);
  });

  test("the diagram of every demo workflow renders", async ({ page }) => {
    const res = await page.request.get("/api/workflows");
    expect(res.ok()).toBe(true);
    const list = ((await res.json()) as { data: { id: string; name: string; version: string }[] }).data;
    expect(list.length).toBeGreaterThanOrEqual(10);
    for (const wf of list) {
      await page.goto(`/workflows/${wf.id}`);
      await expect(page.getByRole("heading", { level: 1, name: `${wf.name} v${wf.version}` })).toBeVisible();
      await expectDiagramDrawn(page);
    }
  });

  test("counts read in the right number: one workflow, not '1 workflows'", async ({ page }) => {
    await page.goto("/workflows?q=crew-dispatch");
    await expect(page.getByTestId("catalog-row-TENANT-crew-dispatch")).toBeVisible();
    await expect(page.getByText("1 workflow shown", { exact: true })).toBeAttached();
    await page.goto("/workflows?q=move");
    await expect(page.getByText(/^\d+ workflows shown$/)).toBeAttached();
  });

  test("drift never lists the direct-mode proxy step as a comparison with recent runs", async ({ page }) => {
    // The demo seed runs delivery-eta-notice on the tenant lane (direct mode) when Temporal is up.
    const list = (await (await page.request.get("/api/workflows")).json()) as { data: { id: string; name: string }[] };
    const wf = list.data.find((w) => w.name === "delivery-eta-notice");
    if (!wf) throw new Error("the demo seed has no delivery-eta-notice");
    await page.goto(`/workflows/${wf.id}`);
    const note = page.getByTestId("drift-runs-note");
    if (process.env.E2E_TEMPORAL === "1") {
      await expect(note).toContainText("Recent runs are not comparable", { timeout: 30_000 });
      await expect(note).toContainText("direct mode");
    } else {
      // Without Temporal the execution routes answer 502: the note says the runs could not be read.
      await expect(note).toContainText(/could not be read|No recent runs/, { timeout: 30_000 });
    }
    await expect(note).not.toContainText("compared with the activities");
    await expect(note).not.toContainText(/steps of the last \d+ runs?: run_tenant_entry_point/);
  });

  test("a bad id shows a clear error with a way back", async ({ page }) => {
    await page.goto("/workflows/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("alert").filter({ hasText: "could not be loaded" })).toContainText("does not exist");
    await expect(page.getByRole("link", { name: "Back to all workflows" })).toBeVisible();
  });
});

test.describe("developer", () => {
  test.use({ storageState: storageStatePath("developer") });
  test.describe.configure({ mode: "serial" });

  async function openDeposit(page: Page, tab: string) {
    await page.goto("/workflows?q=quote-accepted-deposit");
    await page.getByTestId("catalog-row-TENANT-quote-accepted-deposit").getByRole("link", { name: "quote-accepted-deposit" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "quote-accepted-deposit v0.3.0" })).toBeVisible();
    await page.getByRole("tab", { name: tab, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`tab=${tab.toLowerCase()}`));
  }

  test("adds a schedule with its plain reading, disables it, then deletes it after confirming", async ({ page }) => {
    await openDeposit(page, "Triggers");
    await page.getByRole("button", { name: "Add trigger" }).click();
    const form = page.getByRole("form", { name: "Add trigger" });
    await form.getByRole("radio", { name: "Schedule" }).check();
    const cron = form.getByLabel("Cron expression (UTC)");
    await cron.fill("61 * * * *");
    await expect(form.getByRole("button", { name: "Add trigger" })).toBeDisabled();
    await cron.fill("*/5 * * * *");
    await expect(form.getByTestId("cron-reading")).toContainText("every 5 minutes");
    await expect(form).toContainText("Next five:");
    await shot(page, "add-schedule");
    await form.getByRole("button", { name: "Add trigger" }).click();
    await expect(page.getByRole("status")).toContainText("Added: every 5 minutes");
    const row = page.locator("[data-testid^=trigger-row-]").filter({ hasText: "*/5 * * * *" });
    await expect(row).toContainText("Enabled");
    await expect(row).toContainText("Next runs at");

    // The envelope reads the same trigger in plain words.
    await page.getByRole("tab", { name: "Diagram and envelope" }).click();
    await expect(page.getByTestId("envelope")).toContainText("every 5 minutes");
    await page.getByRole("tab", { name: "Triggers", exact: true }).click();

    await row.getByRole("button", { name: /^Disable/ }).click();
    await expect(row).toContainText("Disabled");
    await row.getByRole("button", { name: /^Delete/ }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this trigger?" });
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: /^Delete/ }).click();
    await dialog.getByLabel(/^Reason/).fill("e2e: schedule no longer needed");
    await dialog.getByRole("button", { name: "Delete trigger" }).click();
    await expect(row).toHaveCount(0);
  });

  test("an event trigger's filter is built, checked and shown in words", async ({ page }) => {
    await openDeposit(page, "Triggers");
    await page.getByRole("button", { name: "Add trigger" }).click();
    const form = page.getByRole("form", { name: "Add trigger" });
    await form.getByRole("radio", { name: "Event" }).check();
    await form.getByLabel("Event type").selectOption("move.status_changed");
    await form.getByRole("button", { name: "Add condition" }).click();
    await form.getByLabel("Condition 1 field path").fill("status");
    await form.getByLabel("Condition 1 value").fill("IN_TRANSIT");
    await expect(form).toContainText("Fires only when");
    await form.getByRole("button", { name: "Edit as JSON" }).click();
    const json = form.getByLabel("Filter JSON");
    await expect(json).toHaveValue(/"IN_TRANSIT"/);
    await json.fill("{not json");
    await expect(form).toContainText("Not valid JSON");
    await expect(form.getByRole("button", { name: "Add trigger" })).toBeDisabled();
    await json.fill('{"path": "status", "op": "eq", "value": "DELIVERED"}');
    await form.getByRole("button", { name: "Add trigger" }).click();
    const row = page.locator("[data-testid^=trigger-row-]").filter({ hasText: "DELIVERED" });
    await expect(row).toContainText("Move status changed");
    await row.getByRole("button", { name: /^Delete/ }).click();
    const confirm = page.getByRole("dialog", { name: "Delete this trigger?" });
    await confirm.getByLabel(/^Reason/).fill("e2e clean-up");
    await confirm.getByRole("button", { name: "Delete trigger" }).click();
    await expect(row).toHaveCount(0);
  });

  test("forks a platform workflow, downloads its source, then retires the fork after confirming", async ({ page }) => {
    await page.goto("/workflows?section=platform&q=move-status-digest");
    await page.getByTestId("catalog-row-GLOBAL-move-status-digest").getByRole("link", { name: "move-status-digest" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "move-status-digest v1.0.0" })).toBeVisible();
    await expect(page.getByText("Platform library", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Retire/ })).toHaveCount(0);
    await page.getByRole("button", { name: "Fork into my tenant" }).click();
    await expect(page.getByText("Your workflow", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "move-status-digest v1.0.0" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Fork into my tenant" })).toHaveCount(0);

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download source" }).click();
    expect((await download).suggestedFilename()).toMatch(/\.zip$/);

    await page.getByRole("button", { name: "Retire this version" }).click();
    const dialog = page.getByRole("dialog", { name: "Retire move-status-digest v1.0.0?" });
    await expect(dialog).toContainText("no undo");
    await dialog.getByRole("button", { name: "Retire version" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Retired move-status-digest v1.0.0" })).toBeVisible();
    const forkId = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(forkId).toMatch(/^[0-9a-f-]{36}$/);

    // At once, and after a reload: a readable, clearly retired version with no run or trigger controls.
    const expectRetiredPage = async () => {
      await expect(page.getByRole("heading", { level: 1, name: "move-status-digest v1.0.0" })).toBeVisible();
      await expect(page.getByTestId("retired-notice")).toContainText("This version is retired");
      const header = page.getByRole("main");
      await expect(header.getByText("Retired", { exact: true })).toBeVisible();
      await expect(header.getByText("Executable", { exact: true })).toHaveCount(0);
      await expect(page.getByRole("tab", { name: /^(Triggers|Run)$/ })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^(Retire|Fork|Download)/ })).toHaveCount(0);
      await expect(page.getByTestId("envelope")).toBeVisible();
      await expect(page.getByRole("link", { name: "Runs of this version" })).toHaveAttribute("href", `/executions?workflow=${forkId}`);
    };
    await expectRetiredPage();
    await page.reload();
    await expectRetiredPage();
    await expectDiagramDrawn(page);

    // The catalog with retired versions says "Retired" only, and the name opens the retired version.
    await page.goto("/workflows?section=tenant&q=move-status-digest&retired=1");
    const row = page.getByTestId("catalog-row-TENANT-move-status-digest");
    await expect(row.getByText("Retired", { exact: true })).toBeVisible();
    await expect(row.getByText("Executable", { exact: true })).toHaveCount(0);
    await row.getByRole("link", { name: "move-status-digest" }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/workflows/${forkId}`);
    await expect(page.getByTestId("retired-notice")).toBeVisible();
  });

  test("retiring a version an enabled trigger still starts says which trigger blocks it", async ({ page }) => {
    await page.goto("/workflows?q=quote-accepted-deposit");
    await page.getByTestId("catalog-row-TENANT-quote-accepted-deposit").getByRole("link", { name: "quote-accepted-deposit" }).click();
    await page.getByRole("button", { name: "Retire this version" }).click();
    const dialog = page.getByRole("dialog", { name: "Retire quote-accepted-deposit v0.3.0?" });
    await dialog.getByRole("button", { name: "Retire version" }).click();
    await expect(dialog.getByRole("alert")).toContainText("still in use");
    await expect(dialog.getByRole("alert")).toContainText("enabled trigger");
    await expect(dialog.getByRole("alert")).toContainText("WORKFLOW_IN_USE");
    await shot(page, "retire-blocked");
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "quote-accepted-deposit v0.3.0" })).toBeVisible();
  });

  for (const mode of ["Dry run", "Live run"] as const) {
    test(`starts a ${mode.toLowerCase()} from a validated JSON input`, async ({ page }) => {
      await openDeposit(page, "Run");
      const input = page.getByLabel("Input (JSON object)");
      await input.fill("[1, 2]");
      await expect(page.getByText("The input must be a JSON object")).toBeVisible();
      await expect(page.getByRole("button", { name: /^Start/ })).toBeDisabled();
      await input.fill('{"quoteId": "q-e2e", "totalCents": 120000}');
      await page.getByRole("radio", { name: new RegExp(`^${mode}`) }).check();
      await page.getByRole("button", { name: `Start ${mode.toLowerCase()}` }).click();
      // With real Temporal (E2E_TEMPORAL=1, as `npm test` runs it) the run must start; without it
      // the contract's 502 must read plainly.
      const withTemporal = process.env.E2E_TEMPORAL === "1";
      const started = page.getByRole("status").filter({ hasText: "started" });
      const refused = page.getByRole("alert").filter({ hasText: "did not start" });
      await expect(withTemporal ? started : refused).toBeVisible({ timeout: 20_000 });
      await shot(page, `run-${mode === "Dry run" ? "dry" : "live"}`);
      if (!withTemporal) {
        await expect(refused).toContainText(/code [A-Z_]+/);
      } else {
        const link = page.getByRole("link", { name: "Open the execution" });
        await expect(link).toHaveAttribute("href", /^\/executions\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
      }
    });
  }
});

/** Publishes a workflow straight to the sandbox as the signed-in user (the console has no upload UI). */
function publish(idToken: string, name: string, diagram: string): Promise<string> {
  return publishProbeWorkflow(`${process.env.E2E_SANDBOX_ORIGIN}/api/v1`, idToken, name, diagram);
}

test.describe("untrusted diagram text", () => {
  test.use({ storageState: storageStatePath("developer") });

  test("script and HTML injection attempts render as inert text; nothing runs, no request leaves", async ({ page, context, baseURL }) => {
    // Any page visit renews the short-lived e2e ID token before it is read from the cookie.
    await page.goto("/workflows");
    const { idToken } = await readServerTokens(context);
    const name = `inject-${Date.now().toString(36)}`;
    const diagram = [
      `%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}, "themeCSS": "@import url(http://198.51.100.7/x.css); .node { background: url(http://198.51.100.7/y.png) }"}}%%`,
      "flowchart TD",
      `  A["<img src=http://198.51.100.7/a.png onerror=window.__pwned=1>"] --> B["<script>window.__pwned=2</script>"]`,
      `  B --> C["<a href='javascript:window.__pwned=3'>click me</a>"]`,
      `  C --> D["<iframe src=http://198.51.100.7/f></iframe>"]`,
      "  click A call window.__pwnedFn()",
      `  click D href "javascript:window.__pwned=4"`,
    ].join("\n");
    const id = await publish(idToken, name, diagram);

    const outside: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(baseURL ?? "") && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) outside.push(r.url());
    });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.addInitScript(() => {
      (window as unknown as { __pwnedFn: () => void }).__pwnedFn = () => {
        (window as unknown as { __pwned: number }).__pwned = 5;
      };
    });
    await page.goto(`/workflows/${id}`);
    const canvas = page.getByTestId("diagram-canvas");
    const svg = canvas.locator("svg");
    await expect(svg).toHaveCount(1, { timeout: 20_000 });
    await shot(page, "injection");
    // Nothing executable or HTML made it into the picture.
    await expect(canvas.locator("script, foreignObject, iframe, img, image, a")).toHaveCount(0);
    const attrs = await canvas.evaluate((el) =>
      Array.from(el.querySelectorAll("*")).flatMap((n) => Array.from(n.attributes).map((a) => `${a.name}=${a.value}`)),
    );
    expect(attrs.filter((a) => /^on/i.test(a) || /javascript:/i.test(a))).toEqual([]);
    // Click every node: no handler runs.
    for (const node of await canvas.locator("g.node").all()) await node.click({ force: true });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
    // The CSS injected by the directive did not reach the diagram's style sheet.
    expect(await canvas.locator("style").evaluateAll((els) => els.map((e) => e.textContent ?? "").join("\n"))).not.toMatch(
      /198\.51\.100\.7/,
    );
  });

  // A missing diagram cannot be published (the contract requires one), so only the parse failure is reachable end to end.
  test("a diagram that does not parse shows its source and the parser's message", async ({ page, context }) => {
    await page.goto("/workflows");
    const { idToken } = await readServerTokens(context);
    const broken = await publish(idToken, `broken-${Date.now().toString(36)}`, "flowchart TD\n  A[Start --> B(\n");
    await page.goto(`/workflows/${broken}`);
    const error = page.getByTestId("diagram-error");
    await expect(error).toBeVisible({ timeout: 20_000 });
    await expect(error.getByRole("alert")).toContainText(/parse|error|expect/i);
    await expect(error.getByLabel("Diagram source")).toContainText("A[Start --> B(");
    // Drift compares nothing it could not read: never "No drift found".
    const drift = page.getByTestId("drift");
    await expect(drift).toContainText("Not comparable: the diagram could not be read");
    await expect(drift).not.toContainText("No drift found");
  });
});
