import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { stableStringify } from "../lib/integrations/body";
import { unzipTextFiles } from "../lib/integrations/zip";
import { storageStatePath } from "./support/roles";

// The seeded Atlas tenant owns a TENANT overlay of demo_partner (sandbox fixtures atlas-v1, -v2).
// Every journey adds versions on top and reads version numbers live, so reruns stay green.

const ID = "demo_partner";

async function liveVersion(request: APIRequestContext): Promise<number> {
  const res = await request.get(`/api/integrations/${ID}/config/versions`);
  expect(res.status()).toBe(200);
  const rows = ((await res.json()) as { data: Array<{ version: number; status: string }> }).data;
  const live = rows.find((r) => r.status === "PUBLISHED");
  if (!live) throw new Error("no live version");
  return live.version;
}

interface ActiveConfig {
  mapping: unknown;
  rules: unknown;
  corpus: Array<{ name: string }>;
}

async function activeConfig(request: APIRequestContext): Promise<ActiveConfig> {
  const res = await request.get(`/api/integrations/${ID}/config`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: ActiveConfig }).data;
}

/** Collects CSP violations (DOM events and console reports) from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (apply|execute|load|evaluate)/i.test(msg.text())) fromConsole.push(msg.text());
  });
  await page.addInitScript(() => {
    // No exemption: zod's eval probe is switched off app-wide (instrumentation-client.ts), so any
    // violation at all fails the test.
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

test.describe("integration publisher", () => {
  test.use({ storageState: storageStatePath("publisher") });
  test.describe.configure({ mode: "serial" });

  test("pulls, breaks a rule, sees the located problem, fixes it, publishes, diffs and rolls back", async ({ page }) => {
    const live = await liveVersion(page.request);
    await page.goto("/integrations");
    await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    const row = page.getByRole("row", { name: /Demo Partner/ });
    await expect(row).toContainText(`v${live}`);
    await expect(row).toContainText("Your config");
    await expect(row).toContainText("shipment_status_update");
    await page.getByRole("link", { name: "Demo Partner" }).click();
    await expect(page.getByRole("heading", { name: "Demo Partner", level: 1 })).toBeVisible();
    await expect(page.getByText("Your config", { exact: true })).toBeVisible();

    // Pull: the zip holds the SDK CLI's working-directory files.
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download bundle" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${ID}-v${live}.zip`);
    const files = await unzipTextFiles(readFileSync(await download.path()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["corpus.json", "mapping.json", "meta.json", "rules.json"]));

    // Edit a rule so the gate fails.
    await page.getByRole("tab", { name: "Edit" }).click();
    await expect(page).toHaveURL(/tab=edit/);
    await page.getByRole("navigation", { name: "Config parts" }).getByRole("button", { name: "Rules" }).click();
    // The editor is CodeMirror (a contenteditable labelled by the part's name); its text is the
    // stable rendering of the config, which the API gives us without scraping a virtualised DOM.
    const rules = page.getByLabel("Rules (rules.json)");
    await expect(rules).toHaveAttribute("contenteditable", "true");
    const original = stableStringify((await activeConfig(page.request)).rules);
    const edited = original.replace('"message": "', '"message": "E2E edit: ');
    expect(edited).not.toBe(original);
    await rules.fill(edited.replace('"fact": "serviceStatus"', '"fact": "serviceStatusTypo"'));
    const publish = page.getByRole("button", { name: "Publish new version" });
    await expect(publish).toBeDisabled();
    await page.getByRole("button", { name: "Validate", exact: true }).click();
    const report = page.getByTestId("gate-report");
    await expect(report).toContainText("Gate failed");
    await expect(report).toContainText("Rule analysis");
    await expect(report).toContainText('unknown fact "serviceStatusTypo"');
    await expect(publish).toBeDisabled();

    // The problem points at its place in the editor.
    await report.getByRole("button", { name: "Show in editor" }).first().click();
    await expect(rules).toBeFocused();
    const selected = await page.evaluate(() => window.getSelection()?.toString() ?? "");
    expect(selected).toMatch(/"id"|serviceStatusTypo/);

    // Fix it: the old report no longer counts, a fresh validate passes, publish is enabled.
    await rules.fill(edited);
    await expect(page.getByText("The content changed since the last validate")).toBeVisible();
    await expect(publish).toBeDisabled();
    await page.getByRole("button", { name: "Validate", exact: true }).click();
    await expect(report).toContainText("Gate passed");
    await expect(publish).toBeEnabled();
    await publish.click();

    // The new version, diffed with the previous one.
    await expect(page).toHaveURL(new RegExp(`tab=versions&diff=${live}\\.\\.${live + 1}`));
    await expect(page.getByText(`Published v${live + 1}.`)).toBeVisible();
    const diff = page.getByTestId("version-diff");
    await expect(diff).toContainText(`v${live} → v${live + 1}`);
    await expect(diff).toContainText("Changed: rules (+1 −1)");
    await expect(diff.getByText(/^\+ .*E2E edit: /)).toBeVisible();

    // Roll back to the previous version (re-gated), with a confirmation.
    await page.getByRole("button", { name: `Roll back to v${live}` }).click();
    const dialog = page.getByRole("dialog", { name: `Roll back to v${live}?` });
    await dialog.getByLabel(/^Reason/).fill("e2e: the new mapping broke quotes");
    await dialog.getByRole("button", { name: `Roll back to v${live}` }).click();
    await expect(page.getByText(`Rolled back: v${live} is now live again as v${live + 2}.`)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`diff=${live}\\.\\.${live + 2}`));
    await expect(diff).toContainText("identical content");
    expect(await liveVersion(page.request)).toBe(live + 2);
  });

  test("the mapping is checked against the API's schema as you type, at the line, with no CSP violation", async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto(`/integrations/${ID}?tab=edit`);
    const mapping = page.getByLabel("Mapping (mapping.json)");
    await expect(mapping).toHaveAttribute("contenteditable", "true");
    await expect(page.getByTestId("mapping-check")).toContainText("Checked as you type against the API's mapping schema");
    await expect(page.getByTestId("mapping-check")).toContainText("integration-mapping/v3.json");

    // Type a small mapping key by key: the bad coercion is flagged on line 2, at the value itself.
    await mapping.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Delete");
    await page.keyboard.type('{\n"serviceStatus": {"$from": "Status.Code", "coerce": "toText"}\n}');
    const problems = page.locator("ul[id$='-issues']");
    await expect(problems).toContainText('line 2: serviceStatus.coerce: "toText" is not one of "toNumber"');
    const mark = page.locator(".cm-lintRange-error");
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveText('"toText"');
    await expect(page.locator(".cm-gutter-lint .cm-lint-marker-error")).toHaveCount(1);
    await expect(page.getByRole("navigation", { name: "Config parts" }).getByRole("button", { name: /Mapping/ })).toContainText("1");

    // Fix it by typing: the mark and the problem go away.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("End");
    for (let i = 0; i < 'toText"}'.length; i += 1) await page.keyboard.press("Backspace");
    await page.keyboard.type('toString"}');
    await expect(mark).toHaveCount(0);
    await expect(problems).toHaveCount(0);

    // Keyboard users are not trapped: Tab indents, Escape then Tab moves on.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect(mapping).not.toBeFocused();

    // The corpus stays editable case by case, each case in its own editor.
    await page
      .getByRole("navigation", { name: "Config parts" })
      .getByRole("button", { name: /Corpus/ })
      .click();
    const firstName = (await activeConfig(page.request)).corpus[0]?.name ?? "";
    const summary = page.locator("summary", { hasText: firstName });
    await summary.click();
    const firstCase = page.getByLabel("Case 1", { exact: true });
    await expect(firstCase).toHaveAttribute("contenteditable", "true");
    await firstCase.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(",");
    await expect(summary).toContainText("has problems");
    await expect(page.locator("ul[id$='-issues']")).toContainText("Not valid JSON");
    await page.keyboard.press("Backspace");
    await expect(summary).not.toContainText("has problems");

    await page.getByRole("button", { name: "Discard changes" }).click();
    expect(await violations()).toEqual([]);
  });

  test("a config with every optional field round-trips through the console unchanged", async ({ page, baseURL }) => {
    const headers = { origin: baseURL ?? "" };
    // Re-seed the tenant overlay from the platform config, which sets every optional field.
    const forked = await page.request.post(`/api/integrations/${ID}/config/fork?force=true`, { headers });
    expect(forked.status()).toBe(201);
    const source = ((await forked.json()) as { data: Record<string, unknown> }).data;
    const fields = [
      "mapping",
      "rules",
      "corpus",
      "floor",
      "displayName",
      "externalShape",
      "externalMapping",
      "inbound",
      "requiredSecrets",
      "requiredConfigs",
    ];
    for (const field of fields) expect(source[field], field).not.toBeNull();

    const pulled = await page.request.get(`/api/integrations/${ID}/bundle`);
    expect(pulled.status()).toBe(200);
    const { zipBase64 } = ((await pulled.json()) as { data: { zipBase64: string } }).data;
    const read = await page.request.post(`/api/integrations/${ID}/bundle/read`, { headers, data: { zipBase64 } });
    expect(read.status()).toBe(200);
    const loaded = ((await read.json()) as { data: { ok: boolean; body: unknown } }).data;
    expect(loaded.ok).toBe(true);

    const published = await page.request.post(`/api/integrations/${ID}/config`, { headers, data: loaded.body });
    expect(published.status()).toBe(201);
    const next = ((await published.json()) as { data: Record<string, unknown> }).data;
    expect(next.version).toBe((source.version as number) + 1);
    for (const field of fields) expect(next[field], field).toEqual(source[field]);

    const active = await page.request.get(`/api/integrations/${ID}/config`);
    const stored = ((await active.json()) as { data: Record<string, unknown> }).data;
    for (const field of fields) expect(stored[field], field).toEqual(source[field]);
  });

  test("an upload that is not a bundle is refused with the reason, nothing changes", async ({ page, baseURL }) => {
    const res = await page.request.post(`/api/integrations/${ID}/bundle/read`, {
      headers: { origin: baseURL ?? "" },
      data: { zipBase64: Buffer.from("not a zip").toString("base64") },
    });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/not a bundle/);
  });
});

test.describe("roles without integration access", () => {
  test.use({ storageState: storageStatePath("developer") });
  test("a developer is told which permission is missing", async ({ page }) => {
    await page.goto(`/integrations/${ID}`);
    await expect(page.getByText("integration_config:read")).toBeVisible();
    const res = await page.request.get(`/api/integrations/${ID}/config`);
    expect(res.status()).toBe(403);
  });
});
