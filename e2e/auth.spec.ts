import { expect, test } from "@playwright/test";
import { ROLES, SESSION_COOKIE, storageStatePath } from "./support/roles";
import { readServerTokens } from "./support/session";
import { decodeJwt } from "jose";

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
    const report = (await health.json()) as { data: { checks: Array<{ name: string; state: string }> } };
    const states = Object.fromEntries(report.data.checks.map((c) => [c.name, c.state]));
    expect(states["Pegasus API"]).toBe("ok");
    expect(states["OIDC issuer"]).toBe("ok");
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

    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/signed-out");
    await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);

    await page.goto("/workflows");
    await page.waitForURL(/\/sign-in/);
    // The issuer session is gone too: signing in again asks who you are.
    await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
    await expect(page.locator('button[data-testid="demo-user"]').first()).toBeVisible();
    await context.close();
  });
});
