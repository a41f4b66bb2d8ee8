import { expect, test } from "@playwright/test";
import { SESSION_COOKIE, storageStatePath } from "./support/roles";
import { readServerTokens } from "./support/session";

test.use({ storageState: storageStatePath("admin") });

test("no ID or refresh token ever reaches the browser", async ({ page, context }) => {
  const bodies: Array<{ url: string; text: string }> = [];
  page.on("response", (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (/json|html|text|javascript|x-component/.test(type)) {
      void res
        .text()
        .then((text) => bodies.push({ url: res.url(), text }))
        .catch(() => undefined);
    }
  });
  await page.goto("/workflows");
  // The section navigation comes from /me/permissions: it only renders when the upstream accepted the token.
  await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Workflows" })).toBeVisible();
  await page.getByRole("link", { name: "Executions" }).click();
  await page.waitForURL("**/executions");
  await page.goto("/health");

  const { idToken, refreshToken } = await readServerTokens(context);
  const [, idPayload = "", idSignature = ""] = idToken.split(".");
  const secrets = [idToken, idPayload, idSignature, refreshToken];

  const session = await page.request.get("/api/auth/session");
  const sessionJson = (await session.json()) as { user: Record<string, unknown>; expires: string };
  expect(Object.keys(sessionJson.user).sort()).toEqual(["email", "name", "roles", "tenantId", "tenantName"]);
  const apis = await Promise.all(
    ["/api/me", "/api/workflows", "/api/health", "/api/auth/session"].map(async (p) => ({
      url: p,
      text: await (await page.request.get(p)).text(),
    })),
  );
  const html = await page.content();
  const browserSide = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));

  for (const { url, text } of [...bodies, ...apis, { url: "page html", text: html }]) {
    for (const secret of secrets) expect(text.includes(secret), `token found in ${url}`).toBe(false);
  }
  for (const secret of secrets) {
    expect(browserSide.cookie.includes(secret)).toBe(false);
    expect(browserSide.local.includes(secret)).toBe(false);
    expect(browserSide.session.includes(secret)).toBe(false);
  }
  expect(browserSide.cookie).not.toContain(SESSION_COOKIE);
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(bodies.length).toBeGreaterThan(3);
});
