import { expect, test, type APIRequestContext, type Browser, type Response } from "@playwright/test";
import { bffErrorSchema } from "../lib/schemas/common";
import { BFF_ROUTES, BffClient, expectedStatuses, loadFixtures, MATRIX_USERS, type Fixtures, type MatrixUser } from "./support/bff-routes";
import { SIGNED_IN_USERS, storageStatePath, type SignedInUser } from "./support/roles";

// Issue 8: every BFF route × every demo role, the other tenant's admin and no session. Nothing
// succeeds that the contract denies (403 FORBIDDEN), another tenant's ids are 404, no session is
// 401, and allowed mutations run on throw-away objects (e2e/support/bff-routes.ts builds them).

test.describe.configure({ mode: "serial" });

const baseURL = () => process.env.E2E_BASE_URL ?? "";
const contexts = new Map<MatrixUser, APIRequestContext>();
let fx: Fixtures;

test.beforeAll(async ({ playwright }) => {
  for (const user of MATRIX_USERS) {
    const storageState = user === "anonymous" ? undefined : storageStatePath(user);
    contexts.set(user, await playwright.request.newContext({ baseURL: baseURL(), storageState }));
  }
  const ctx = (u: MatrixUser) => contexts.get(u) as APIRequestContext;
  fx = await loadFixtures(new BffClient(ctx("admin"), baseURL()), new BffClient(ctx("otherAdmin"), baseURL()));
});

test.afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.dispose();
});

test("every BFF route answers every user as the contract says", async () => {
  test.setTimeout(120_000);
  const mismatches: string[] = [];
  let checked = 0;
  for (const row of BFF_ROUTES) {
    if (row.access.kind === "authjs") continue;
    for (const user of MATRIX_USERS) {
      const client = new BffClient(contexts.get(user) as APIRequestContext, baseURL());
      const prepared = await row.build(fx, user);
      const res = await client.send(row.method, prepared.path, prepared.body);
      const status = res.status();
      const text = await res.text();
      const expected = expectedStatuses(row, user, fx);
      checked++;
      if (!expected.includes(status))
        mismatches.push(`${user} ${row.method} ${prepared.path} → ${status} (expected ${expected.join("|")}) ${text.slice(0, 200)}`);
      if (status >= 400) {
        const envelope = bffErrorSchema.safeParse(JSON.parse(text));
        if (!envelope.success)
          mismatches.push(`${user} ${row.method} ${prepared.path} → ${status} without the error envelope: ${text.slice(0, 200)}`);
        else if (status === 403 && envelope.data.error.code !== "FORBIDDEN")
          mismatches.push(`${user} ${row.method} ${prepared.path} → 403 ${envelope.data.error.code}`);
        else if (status === 401 && envelope.data.error.code !== "UNAUTHENTICATED")
          mismatches.push(`${user} ${row.method} ${prepared.path} → 401 ${envelope.data.error.code}`);
      }
      const data: unknown = status < 300 && text ? (JSON.parse(text) as { data: unknown }).data : null;
      await prepared.cleanup?.(data);
    }
  }
  expect(mismatches, mismatches.join("\n")).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(36 * MATRIX_USERS.length);
});

test("denied and cross-tenant writes changed nothing: the throw-away objects are all gone and seed rows intact", async () => {
  const admin = fx.admin;
  const secrets = await admin.data<Array<{ key: string }>>("GET", "/api/secrets");
  const configs = await admin.data<Array<{ key: string }>>("GET", "/api/configs");
  expect(secrets.filter((s) => s.key.startsWith(fx.prefix))).toEqual([]);
  expect(configs.filter((c) => c.key.startsWith(fx.prefix))).toEqual([]);
  const triggers = await admin.data<Array<{ cronExpression: string | null }>>("GET", `/api/workflows/${fx.ownWorkflowId}/triggers`);
  expect(triggers.filter((t) => t.cronExpression?.endsWith(" 1 1 *"))).toEqual([]);
  // The guarded retire never went through, and the demo tenant's integration lineage is untouched.
  expect((await admin.send("GET", `/api/workflows/${fx.ownWorkflowId}`)).status()).toBe(200);
  const config = await admin.data<{ version: number }>("GET", `/api/integrations/${fx.integrationId}/config`);
  expect(config.version).toBe(fx.activeVersion);
  // Throw-away integration lineages are gone in both tenants; the other tenant's demo_partner fork too.
  const mine = fx.prefix.toLowerCase();
  for (const client of [fx.admin, fx.other]) {
    const integrations = await client.data<Array<{ id: string }>>("GET", "/api/integrations");
    expect(integrations.length).toBeGreaterThan(0);
    expect(integrations.filter((i) => i.id.startsWith(mine))).toEqual([]);
  }
  expect(await fx.other.data<unknown[]>("GET", `/api/integrations/${fx.integrationId}/config/versions`)).toEqual([]);
});

/** Pages of one user's nav, plus a workflow, an execution and an integration page where visible. */
function pagesFor(user: SignedInUser): string[] {
  const byNav: Record<string, string> = {
    Workflows: "/workflows",
    Executions: "/executions",
    "Secrets & config": "/secrets",
    Integrations: "/integrations",
    Activity: "/activity",
  };
  const nav: readonly string[] = SIGNED_IN_USERS[user].nav;
  const pages = nav.map((n) => byNav[n] ?? "/");
  if (nav.includes("Workflows")) pages.push(`/workflows/${fx.ownWorkflowId}`);
  if (nav.includes("Executions") && fx.execution) pages.push(`/executions/${fx.execution.workflowId}/${fx.execution.id}`);
  if (nav.includes("Integrations")) pages.push(`/integrations/${fx.integrationId}`);
  return user === "otherAdmin" ? pages.filter((p) => p.split("/").length <= 2) : pages;
}

async function walk(browser: Browser, user: SignedInUser): Promise<{ denied: string[]; seen: number }> {
  const context = await browser.newContext({ storageState: storageStatePath(user), baseURL: baseURL(), timezoneId: "UTC" });
  const page = await context.newPage();
  const denied: string[] = [];
  let seen = 0;
  const onResponse = (res: Response) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith("/api/") || url.pathname.startsWith("/api/auth/")) return;
    seen++;
    if (res.status() === 401 || res.status() === 403)
      denied.push(`${user} on ${page.url()}: ${res.request().method()} ${url.pathname}${url.search} → ${res.status()}`);
  };
  page.on("response", onResponse);
  // BFF calls in flight: a page has settled when none has been pending for a moment (pages that
  // poll never reach "networkidle", so that wait would only burn its timeout).
  let inflight = 0;
  const isBff = (url: string) => new URL(url).pathname.startsWith("/api/");
  page.on("request", (req) => {
    if (isBff(req.url())) inflight++;
  });
  const done = (req: { url: () => string }) => {
    if (isBff(req.url())) inflight = Math.max(0, inflight - 1);
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  const settle = async () => {
    const deadline = Date.now() + 8_000;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      if (inflight > 0) quietSince = Date.now();
      else if (Date.now() - quietSince > 500) return;
      await page.waitForTimeout(100);
    }
  };
  try {
    for (const target of pagesFor(user)) {
      await page.goto(target);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
      await settle();
    }
  } finally {
    await context.close();
  }
  return { denied, seen };
}

test("nothing the UI shows fails for permission: no BFF 401/403 on any page of any role's nav", async ({ browser }) => {
  test.setTimeout(120_000);
  const denied: string[] = [];
  let seen = 0;
  for (const user of Object.keys(SIGNED_IN_USERS) as SignedInUser[]) {
    const result = await walk(browser, user);
    denied.push(...result.denied);
    seen += result.seen;
  }
  expect(denied, denied.join("\n")).toEqual([]);
  // The walk really watched BFF traffic (each page loads at least one /api/ route).
  expect(seen).toBeGreaterThan(15);
});

test("a trigger on a GLOBAL workflow stays its tenant's: the other tenant neither lists, changes nor deletes it", async () => {
  // Both tenants see the GLOBAL row, so only the tenant check stands between them here.
  const created = await fx.admin.data<{ id: string; enabled: boolean; cronExpression: string }>(
    "POST",
    `/api/workflows/${fx.forkedGlobalId}/triggers`,
    {
      kind: "SCHEDULE",
      cronExpression: "0 3 1 1 *",
      enabled: false,
    },
  );
  try {
    const theirs = await fx.other.data<Array<{ id: string }>>("GET", `/api/workflows/${fx.forkedGlobalId}/triggers`);
    expect(theirs.map((t) => t.id)).not.toContain(created.id);
    const path = `/api/workflows/${fx.forkedGlobalId}/triggers/${created.id}`;
    expect((await fx.other.send("PATCH", path, { enabled: true, cronExpression: "* * * * *" })).status()).toBe(404);
    expect((await fx.other.send("DELETE", path)).status()).toBe(404);
    const ours = await fx.admin.data<Array<{ id: string; enabled: boolean; cronExpression: string | null }>>(
      "GET",
      `/api/workflows/${fx.forkedGlobalId}/triggers`,
    );
    expect(ours.find((t) => t.id === created.id)).toMatchObject({ enabled: false, cronExpression: "0 3 1 1 *" });
  } finally {
    expect((await fx.admin.send("DELETE", `/api/workflows/${fx.forkedGlobalId}/triggers/${created.id}`)).status()).toBe(200);
  }
});
