import { expect, test } from "@playwright/test";
import { ROLES, SESSION_COOKIE, storageStatePath } from "./support/roles";
import { consoleAuthSecret, readServerTokens } from "./support/session";
import { decodeJwt } from "jose";
import { decode, encode } from "next-auth/jwt";

test.describe("anonymous", () => {
  test("a console page redirects to sign-in with a real HTTP redirect", async ({ request, baseURL }) => {
    const res = await request.get(`${baseURL}/workflows?x=1`, { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    const location = new URL(res.headers().location ?? "", baseURL);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("/workflows?x=1");
  });

  test("BFF routes answer 401 with the error envelope; health needs no session", async ({ request, baseURL }) => {
    const res = await request.get(`${baseURL}/api/workflows`);
    expect(res.status()).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const health = await request.get(`${baseURL}/api/health`);
    expect([200, 503]).toContain(health.status());
    // Anonymous callers learn up or not, and nothing about the inside (issue 13).
    expect(Object.keys(((await health.json()) as { data: object }).data)).toEqual(["status"]);
  });

  test("pages carry a nonce CSP that forbids framing and inline script", async ({ request, baseURL }) => {
    const res = await request.get(`${baseURL}/sign-in`);
    const csp = res.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await res.text();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

test.describe("session lifetime", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("an expired ID token is refreshed without the user noticing", async ({ page, context }) => {
    test.setTimeout(150_000);
    const signedInAt = Number(process.env.E2E_SIGNED_IN_AT_VIEWER);
    const before = await readServerTokens(context);
    const beforeExp = decodeJwt(before.idToken).exp ?? 0;
    // The sandbox issues 60 s ID tokens in e2e; wait (polling, no fixed sleep) until the token the
    // stored session holds has certainly expired.
    await expect.poll(() => Date.now() - signedInAt, { timeout: 120_000, intervals: [1000] }).toBeGreaterThan(62_000);
    expect(beforeExp * 1000).toBeLessThan(Date.now());
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations.push(new URL(frame.url()).pathname);
    });
    await page.goto("/workflows");
    // The section navigation comes from /me/permissions: it only renders when the upstream accepted the token.
    await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Workflows" })).toBeVisible();
    expect(navigations.every((p) => p === "/workflows")).toBe(true);
    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(200);
    const after = await readServerTokens(context);
    expect(after.idToken).not.toBe(before.idToken);
    expect((decodeJwt(after.idToken).exp ?? 0) * 1000).toBeGreaterThan(Date.now());
    expect(after.refreshToken).toBe(before.refreshToken);
  });
});

test.describe("sign-out", () => {
  test("signing out ends the console and issuer sessions", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
    await page.locator(`button[data-testid="demo-user"][value="${ROLES.admin.email}"]`).click();
    await page.waitForURL("**/workflows");
    // A diagram viewed before signing out is kept in this browser for quick views…
    await page.getByTestId("catalog-row-TENANT-quote-accepted-deposit").getByRole("link", { name: "quote-accepted-deposit" }).click();
    const storedDiagramKeys = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pegasus-console:diagram")).length);
    await expect.poll(storedDiagramKeys, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    // A second tab loads the same page from the server and draws it from IndexedDB before hydrating
    // (no localStorage copy), and stays open: its reads must not hold up the deletion below.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith("pegasus-console:diagram-svg:")) localStorage.removeItem(key);
    });
    const other = await context.newPage();
    // Its bundles wait until the early read is done, so that read (not React's) is what it does.
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await other.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
      await gate;
      await route.continue().catch(() => undefined);
    });
    await other.goto(page.url(), { waitUntil: "commit" });
    await expect
      .poll(() => other.evaluate(() => performance.getEntriesByName("diagram:early-painted").length), { timeout: 20_000 })
      .toBe(1);
    release();
    // Let it finish: React adopts the picture and copies it back into localStorage.
    await expect
      .poll(() => other.evaluate(() => performance.getEntriesByName("diagram:early-adopted").length), { timeout: 20_000 })
      .toBe(1);
    await expect.poll(storedDiagramKeys).toBeGreaterThanOrEqual(2);

    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL("**/signed-out");
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
    // …and forgotten on sign-out: no mirror, no page list, no IndexedDB store.
    await expect.poll(storedDiagramKeys).toBe(0);
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === "pegasus-console")), { timeout: 10_000 })
      .toBe(false);
    await other.close();

    await page.goto("/workflows");
    await page.waitForURL(/\/sign-in/);
    // The issuer session is gone too: signing in again asks who you are.
    await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
    await expect(page.locator('button[data-testid="demo-user"]').first()).toBeVisible();
    await context.close();
  });
});

// Issue 13: security hardening of sign-in, session secret and health.

test.describe("sign-in targets (signed in)", () => {
  test.use({ storageState: storageStatePath("viewer") });

  for (const evil of ["/%5Cevil.example/landing", "/%09/evil.example", "/%5C%5Cevil.example", "//evil.example", "https://evil.example/"]) {
    test(`callbackUrl=${evil} stays on the console`, async ({ page, request, baseURL }) => {
      const res = await request.get(`${baseURL}/sign-in?callbackUrl=${evil}`, { maxRedirects: 0 });
      expect(res.status()).toBe(307);
      // The default target is the landing page, which sends each role to its first section.
      expect(new URL(res.headers().location ?? "", baseURL).href).toBe(`${baseURL}/`);
      const leaving: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(baseURL ?? "")) leaving.push(r.url());
      });
      await page.goto(`/sign-in?callbackUrl=${evil}`);
      await expect(page).toHaveURL(`${baseURL}/workflows`);
      expect(leaving.filter((u) => u.includes("evil.example"))).toEqual([]);
    });
  }

  test("a path on the console is still honoured", async ({ request, baseURL }) => {
    const res = await request.get(`${baseURL}/sign-in?callbackUrl=${encodeURIComponent("/executions?status=Failed")}`, { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(new URL(res.headers().location ?? "", baseURL).href).toBe(`${baseURL}/executions?status=Failed`);
  });
});

test.describe("deep links across sign-in", () => {
  test("a signed-out deep link keeps its #anchor through sign-in", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto("/workflows#event-7");
    await page.waitForURL(/\/sign-in\?/);
    expect(new URL(page.url()).hash).toBe("#event-7");
    await expect(page.getByTestId("sign-in-callback")).toHaveValue("/workflows#event-7");
    await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
    await page.locator(`button[data-testid="demo-user"][value="${ROLES.viewer.email}"]`).click();
    await page.waitForURL(`${baseURL}/workflows#event-7`, { timeout: 30_000 });
    await context.close();
  });
});

test.describe("session secret", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("without AUTH_SECRET the console uses its generated secret: a cookie made with the old built-in constant is refused", async ({
    context,
    baseURL,
    playwright,
  }) => {
    const oldConstant = "pegasus-console-dev-secret-not-for-production-use-0001";
    const page = await context.newPage();
    await page.goto("/workflows");
    const { cookie } = await readServerTokens(context);
    const session = await decode({ token: cookie, secret: consoleAuthSecret(), salt: SESSION_COOKIE });
    expect(session?.idToken).toBeTruthy();
    // The same session, encrypted with the constant anyone could read in lib/env.ts before issue 13.
    const forged = await encode({ token: { ...session }, secret: oldConstant, salt: SESSION_COOKIE });
    const forger = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${forged}` } });
    const res = await forger.get("/api/me");
    expect(res.status()).toBe(401);
    await forger.dispose();
    // The genuine cookie still works, so the refusal is the secret, not the request.
    expect((await page.request.get("/api/me")).status()).toBe(200);
  });
});

test.describe("health (issues 13 and 19)", () => {
  test("anonymous: live, ready and /api/health answer with the status only; the page asks to sign in", async ({
    request,
    page,
    baseURL,
  }) => {
    const live = await request.get(`${baseURL}/api/health/live`);
    expect(live.status()).toBe(200);
    expect(await live.json()).toEqual({ data: { status: "ok" } });
    for (const path of ["/api/health/ready", "/api/health"]) {
      const res = await request.get(`${baseURL}${path}`);
      expect(res.status(), path).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text), path).toEqual({ data: { status: "ok" } });
      for (const leak of ["127.0.0.1", "Node", "oidc", "Temporal"]) expect(text, path).not.toContain(leak);
      expect(res.headers()["cache-control"]).toBe("no-store");
    }
    const pageRes = await request.get(`${baseURL}/health`, { maxRedirects: 0 });
    expect(pageRes.status()).toBe(307);
    expect(new URL(pageRes.headers().location ?? "", baseURL).searchParams.get("callbackUrl")).toBe("/health");
    await page.goto("/health");
    await expect(page.getByRole("button", { name: "Sign in with Pegasus" })).toBeVisible();
    await expect(page.getByText(/Node v\d/)).toHaveCount(0);
  });

  test.describe("a signed-in member who is not a tenant admin", () => {
    test.use({ storageState: storageStatePath("developer") });
    test("is refused the detail page and gets no detail from the API", async ({ page }) => {
      await page.goto("/health");
      await expect(page.getByRole("heading", { name: "Health details are for tenant admins" })).toBeVisible();
      await expect(page.getByRole("table", { name: "Dependency checks" })).toHaveCount(0);
      await expect(page.getByText(/Node v\d/)).toHaveCount(0);
      expect(await (await page.request.get("/api/health")).json()).toEqual({ data: { status: "ok" } });
    });
  });

  test.describe("a tenant admin", () => {
    test.use({ storageState: storageStatePath("admin") });
    test("sees every dependency with its address and the reason", async ({ page }) => {
      await page.goto("/health");
      const table = page.getByRole("table", { name: "Dependency checks" });
      await expect(table).toBeVisible();
      for (const name of ["Console", "Pegasus API", "OIDC issuer", "Temporal"])
        await expect(table.getByText(name, { exact: true })).toBeVisible();
      await expect(table.getByText(/Node v\d/)).toBeVisible();
      const report = (await (await page.request.get("/api/health")).json()) as { data: { checks: Array<{ name: string; state: string }> } };
      const states = Object.fromEntries(report.data.checks.map((c) => [c.name, c.state]));
      expect(states["Pegasus API"]).toBe("ok");
      expect(states["OIDC issuer"]).toBe("ok");
      const ready = (await (await page.request.get("/api/health/ready")).json()) as {
        data: { status: string; checks: Array<{ name: string }> };
      };
      expect(ready.data.status).toBe("ok");
      expect(ready.data.checks.map((c) => c.name)).toEqual(["Console", "Pegasus API", "OIDC issuer"]);
    });
  });
});
