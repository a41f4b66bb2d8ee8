import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { stableStringify } from "../lib/integrations/body";
import { BffClient, loadFixtures, NOWHERE } from "./support/bff-routes";
import { ROLES, SESSION_COOKIE, storageStatePath, type Role } from "./support/roles";
import { storeContents } from "./support/store-scan";

// The console's own store (issue #16): sign-out ends a session on the server, not only in the
// browser; the Activity page shows who did what and why, and never a value.

const baseURL = () => process.env.E2E_BASE_URL ?? "";

/** Signs in through the real issuer in a fresh context; returns the context (its own session). */
async function signIn(browser: Browser, role: Role): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseURL(), timezoneId: "UTC" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
  await page.locator(`button[data-testid="demo-user"][value="${ROLES[role].email}"]`).click();
  // Each role lands on its first section (publishers on Integrations).
  await page.waitForURL((url) => url.origin === baseURL() && url.pathname !== "/" && !url.pathname.startsWith("/sign-in"), {
    timeout: 30_000,
  });
  return context;
}

async function cookieOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie");
  return cookie.value;
}

/** A BFF call and a page load made with nothing but a copied session cookie. */
async function withCopiedCookie(browser: Browser, value: string): Promise<{ api: number; pageUrl: string }> {
  const context = await browser.newContext({ baseURL: baseURL() });
  const host = new URL(baseURL()).hostname;
  await context.addCookies([{ name: SESSION_COOKIE, value, domain: host, path: "/", httpOnly: true, sameSite: "Lax" }]);
  const api = (await context.request.get("/api/me", { failOnStatusCode: false })).status();
  const page = await context.newPage();
  await page.goto("/workflows");
  const pageUrl = page.url();
  await context.close();
  return { api, pageUrl };
}

test.describe("sign-out ends the session on the server", () => {
  test("a cookie copied before 'Sign out' in the user menu is refused right after", async ({ browser }) => {
    const context = await signIn(browser, "developer");
    const copied = await cookieOf(context);
    expect((await withCopiedCookie(browser, copied)).api).toBe(200);
    const page = await context.newPage();
    await page.goto("/workflows");
    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/signed-out|oidc/, { timeout: 30_000 });
    const after = await withCopiedCookie(browser, copied);
    expect(after.api).toBe(401);
    expect(after.pageUrl).toContain("/sign-in");
    await context.close();
  });

  test("Auth.js's own POST /api/auth/signout revokes the session too", async ({ browser }) => {
    const context = await signIn(browser, "publisher");
    const copied = await cookieOf(context);
    const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const out = await context.request.post("/api/auth/signout", {
      form: { csrfToken: csrf.csrfToken, callbackUrl: "/signed-out" },
      headers: { origin: baseURL() },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(out.status()).toBeLessThan(400);
    expect((await withCopiedCookie(browser, copied)).api).toBe(401);
    await context.close();
  });

  test("'Sign out everywhere' refuses every earlier session of the user, and a new sign-in works", async ({ browser }) => {
    const first = await signIn(browser, "viewer");
    const second = await signIn(browser, "viewer");
    const firstCookie = await cookieOf(first);
    const secondCookie = await cookieOf(second);
    expect(firstCookie).not.toBe(secondCookie);
    const page = await second.newPage();
    await page.goto("/workflows");
    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(/signed-out|oidc/, { timeout: 30_000 });
    expect((await withCopiedCookie(browser, firstCookie)).api).toBe(401);
    expect((await withCopiedCookie(browser, secondCookie)).api).toBe(401);
    // The first browser is refused on its next request, too.
    expect((await first.request.get("/api/me", { failOnStatusCode: false })).status()).toBe(401);
    // A sign-in after the cut-off is a new, valid session; it replaces the viewer state later specs use.
    const fresh = await signIn(browser, "viewer");
    expect((await fresh.request.get("/api/me")).status()).toBe(200);
    await fresh.storageState({ path: storageStatePath("viewer") });
    await Promise.all([first.close(), second.close(), fresh.close()]);
  });
});

test.describe("activity log", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("lists cancel, rotate and rollback with the actor's name and reason, newest first, and no value anywhere", async ({
    page,
    playwright,
  }) => {
    test.setTimeout(120_000);
    const request = await playwright.request.newContext({ baseURL: baseURL(), storageState: storageStatePath("admin") });
    const admin = new BffClient(request, baseURL());
    const fx = await loadFixtures(admin, admin);
    const run = Date.now().toString(36);
    const key = `ACT_${run.toUpperCase()}`;
    const valueMarker = `ACTIVITY-VALUE-${run}`;
    const reasons = {
      rotate: `rotate because ${run}`,
      rollback: `rollback because ${run}`,
      cancel: `cancel because ${run}`,
      remove: `delete because ${run}`,
    };
    const say = (text: string) => ({ origin: baseURL(), "sec-fetch-site": "same-origin", "x-audit-reason": encodeURIComponent(text) });

    // Rotate (and create/delete around it): the values never reach the log.
    expect((await admin.send("POST", "/api/secrets", { key, group: "activity", value: `${valueMarker}-1` })).status()).toBe(201);
    expect(
      (
        await admin.send("POST", `/api/secrets/${key}/rotate`, { group: "activity", value: `${valueMarker}-2` }, say(reasons.rotate))
      ).status(),
    ).toBe(201);
    // Without a reason, rotate is refused and nothing changes.
    const unexplained = await admin.send(
      "POST",
      `/api/secrets/${key}/rotate`,
      { group: "activity", value: `${valueMarker}-3` },
      { origin: baseURL() },
    );
    expect(unexplained.status()).toBe(400);
    expect(((await unexplained.json()) as { error: { code: string } }).error.code).toBe("REASON_REQUIRED");
    expect((await admin.send("DELETE", `/api/secrets/${key}?group=activity`, undefined, say(reasons.remove))).status()).toBe(200);

    // Rollback on a throw-away lineage (v1 published, rolled back to as v2, then deleted).
    const integrationId = `${fx.prefix.toLowerCase()}_activity`;
    expect((await admin.send("POST", `/api/integrations/${integrationId}/config`, fx.editableBody)).status()).toBe(201);
    expect(
      (await admin.send("POST", `/api/integrations/${integrationId}/config/rollback/1`, undefined, say(reasons.rollback))).status(),
    ).toBe(201);
    expect((await admin.send("DELETE", `/api/integrations/${integrationId}/config`, undefined, say(`clean-up ${run}`))).status()).toBe(200);

    // Cancel: a real open run when Temporal runs, else a run that does not exist (recorded as refused).
    const cancelTarget = fx.execution
      ? `/api/workflows/${fx.execution.workflowId}/executions/${fx.execution.id}/cancel`
      : `/api/workflows/${fx.ownWorkflowId}/executions/${NOWHERE.executionId}/cancel`;
    const cancelled = await admin.send("POST", cancelTarget, undefined, say(reasons.cancel));
    expect([202, 404, 409]).toContain(cancelled.status());

    // The API: newest first, with actor, reason and outcome.
    const audit = await admin.data<{
      items: Array<{ action: string; reason: string | null; actor: { name: string | null }; outcome: { status: number } }>;
    }>("GET", `/api/audit?target=${encodeURIComponent(key)}`);
    expect(audit.items.map((i) => i.action)).toEqual(["secret.delete", "secret.rotate", "secret.rotate", "secret.create"]);
    expect(audit.items[1]).toMatchObject({ reason: null, outcome: { status: 400 } });
    expect(audit.items[2]).toMatchObject({ reason: reasons.rotate, actor: { name: "Ada Admin" }, outcome: { status: 201 } });

    // The page: filter by person and time in the URL, each action with name and reason.
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    await page.goto(`/activity?actor=Ada&from=${encodeURIComponent(since)}`);
    await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
    const table = page.getByRole("table", { name: "Activity" });
    for (const [label, reason] of [
      ["Rotate secret", reasons.rotate],
      ["Roll back integration config", reasons.rollback],
      ["Cancel run", reasons.cancel],
    ] as const) {
      const row = table.getByRole("row").filter({ hasText: reason });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(label);
      await expect(row).toContainText("Ada Admin");
    }
    const html = await page.content();
    expect(html).not.toContain(valueMarker);

    // CSV export of the same filter.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const csv = await (await download).createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    });
    expect(csv.split("\r\n")[0]).toBe("at,actor_name,actor_email,actor_sub,action,target,reason,status,code,request_id");
    expect(csv).toContain(reasons.rollback);
    expect(csv).not.toContain(valueMarker);

    // The store itself: it holds the actions (the scan sees them) and never the values.
    const stored = await storeContents();
    expect(stored).toContain(reasons.rotate);
    expect(stored).not.toContain(valueMarker);
    await request.dispose();
  });

  test("is refused to non-admins, in the API and on the page", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: baseURL(), storageState: storageStatePath("developer") });
    const res = await context.request.get("/api/audit", { failOnStatusCode: false });
    expect(res.status()).toBe(403);
    const page = await context.newPage();
    await page.goto("/activity");
    await expect(page.getByText("Activity is not available to your role")).toBeVisible();
    await expect(page.getByRole("link", { name: "Activity", exact: true })).toHaveCount(0);
    await context.close();
  });
});

test.describe("lost-update protection", () => {
  test.use({ storageState: storageStatePath("publisher") });

  test("two tabs editing the same version: the second publish ends in the conflict view, never a silent overwrite", async ({ context }) => {
    test.setTimeout(120_000);
    const id = "demo_partner";
    const readLive = async () =>
      ((await (await context.request.get(`/api/integrations/${id}/config`)).json()) as { data: { version: number; rules: unknown } }).data;
    const start = await readLive();
    const original = stableStringify(start.rules);

    async function editRules(tag: string) {
      const page = await context.newPage();
      await page.goto(`/integrations/${id}?tab=edit`);
      await page.getByRole("navigation", { name: "Config parts" }).getByRole("button", { name: "Rules" }).click();
      const rules = page.getByLabel("Rules (rules.json)");
      await expect(rules).toHaveAttribute("contenteditable", "true");
      await rules.fill(original.replace('"message": "', `"message": "${tag}: `));
      await page.getByRole("button", { name: "Validate", exact: true }).click();
      await expect(page.getByTestId("gate-report")).toContainText("Gate passed");
      return page;
    }
    // Both tabs start from the same live version.
    const tabA = await editRules("Tab A");
    const tabB = await editRules("Tab B");
    await tabB.getByRole("button", { name: "Publish new version" }).click();
    await expect(tabB.getByText(`Published v${start.version + 1}.`)).toBeVisible();

    // Tab A still builds on the old version: its publish is refused and explained.
    await tabA.getByRole("button", { name: "Publish new version" }).click();
    const conflict = tabA.getByTestId("version-conflict");
    await expect(conflict).toContainText(`v${start.version + 1} went live while you edited v${start.version}`);
    await expect(conflict.getByTestId("conflict-base-live")).toContainText("rules");
    await expect(conflict.getByTestId("conflict-base-mine")).toContainText("rules");
    // Nothing was overwritten: B's version is live, with B's rules.
    const afterConflict = await readLive();
    expect(afterConflict.version).toBe(start.version + 1);
    expect(stableStringify(afterConflict.rules)).toContain("Tab B: ");

    // The user chooses: rebase onto the live version (both changed the rules: A's are kept and named).
    await conflict.getByRole("button", { name: `Rebase my edits onto v${start.version + 1}` }).click();
    await expect(tabA.getByTestId("version-conflict")).toHaveCount(0);
    await expect(tabA.getByText(/Both sides changed rules: yours were kept/)).toBeVisible();
    await tabA.getByRole("button", { name: "Validate", exact: true }).click();
    await expect(tabA.getByTestId("gate-report")).toContainText("Gate passed");
    await tabA.getByRole("button", { name: "Publish new version" }).click();
    await expect(tabA.getByText(`Published v${start.version + 2}.`)).toBeVisible();
    expect(stableStringify((await readLive()).rules)).toContain("Tab A: ");

    // Callers outside the console may omit baseVersion; a stale one is refused with the live version.
    const stale = await context.request.post(`/api/integrations/${id}/config`, {
      data: {
        ...(
          (await (
            await context.request.post(`/api/integrations/${id}/bundle/read`, {
              data: {
                zipBase64: ((await (await context.request.get(`/api/integrations/${id}/bundle`)).json()) as { data: { zipBase64: string } })
                  .data.zipBase64,
              },
              headers: { origin: baseURL() },
            })
          ).json()) as { data: { body: Record<string, unknown> } }
        ).data.body,
        baseVersion: start.version,
      },
      headers: { origin: baseURL() },
      failOnStatusCode: false,
    });
    expect(stale.status()).toBe(409);
    expect(((await stale.json()) as { error: { code: string; liveVersion: number } }).error).toMatchObject({
      code: "VERSION_CONFLICT",
      liveVersion: start.version + 2,
    });
    await Promise.all([tabA.close(), tabB.close()]);
  });
});
