import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { decode, encode } from "next-auth/jwt";
import { CookieJar, httpSignIn, jarFetch } from "./support/http-session";
import { freePort, startConsoleServer, stopChild, waitUntil } from "./support/processes";
import { ROLES, SESSION_COOKIE, storageStatePath } from "./support/roles";
import { publishProbeWorkflow } from "./support/publish";
import { consoleAuthSecret, readServerTokens } from "./support/session";

/**
 * Security headers on every kind of response the console serves, inline scripts under the CSP
 * nonce, and the session cookie's flags in both deployment modes (plain http on loopback, and
 * https per AUTH_URL, see lib/auth/settings.ts isSecureDeployment).
 */

const base = () => process.env.E2E_BASE_URL ?? "";
let jar: CookieJar;

test.beforeAll(async () => {
  jar = await httpSignIn(base(), ROLES.viewer.email);
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = "", ...values]) => [name.toLowerCase(), values]),
  );
}

/**
 * The headers every response must carry. Documents need a nonce'd script-src (returned); other
 * responses may instead forbid everything (`default-src 'none'`), which is stricter still.
 */
function expectDocumentHeaders(what: string, headers: Headers, kind: "document" | "data"): string {
  const csp = headers.get("content-security-policy");
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const d = directives(csp ?? "");
  const scriptSrc = d.get("script-src");
  const nonce = (scriptSrc ?? []).find((v) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v));
  if (kind === "document" || scriptSrc) {
    expect(nonce, `${what}: script-src has a nonce (${csp})`).toBeTruthy();
    expect(scriptSrc, `${what}: no inline script by default`).not.toContain("'unsafe-inline'");
    expect(scriptSrc, `${what}: no eval in production`).not.toContain("'unsafe-eval'");
    expect(d.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
    expect(d.get("base-uri"), `${what}: base-uri`).toEqual(["'none'"]);
  } else {
    expect(d.get("default-src"), `${what}: without script-src, default-src must forbid everything (${csp})`).toEqual(["'none'"]);
  }
  expect(d.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expectStaticHeaders(what, headers);
  return (nonce ?? "").slice("'nonce-".length, -1);
}

function expectStaticHeaders(what: string, headers: Headers): void {
  expect(headers.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
  expect(headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(headers.get("referrer-policy"), `${what}: Referrer-Policy`).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
  expect(headers.get("x-powered-by"), `${what}: no X-Powered-By`).toBeNull();
}

/** Every <script> the server sent carries the response's nonce (inline ones most of all). */
function expectScriptsNonced(what: string, html: string, nonce: string): number {
  const tags = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(tags.length, `${what}: the page has scripts`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, `${what}: script without the nonce`).toContain(`nonce="${nonce}"`);
  return tags.length;
}

test("pages, BFF JSON, error JSON, redirects, 404 and the sign-in page carry CSP with a nonce, no framing, nosniff and a referrer policy", async () => {
  const anonymous = new CookieJar();
  const cases: Array<{ what: string; jar: CookieJar; path: string; status: number; html?: boolean }> = [
    { what: "signed-in page", jar, path: "/workflows", status: 200, html: true },
    { what: "sign-in page", jar: anonymous, path: "/sign-in", status: 200, html: true },
    { what: "404 page", jar, path: `/no-such-page-${Date.now()}`, status: 404, html: true },
    // /health needs a session since issue 13; a viewer gets the refusal page (an HTML document).
    { what: "health page", jar, path: "/health", status: 200, html: true },
    { what: "health redirect to sign-in", jar: anonymous, path: "/health", status: 307 },
    { what: "liveness JSON", jar: anonymous, path: "/api/health/live", status: 200 },
    { what: "redirect to sign-in", jar: anonymous, path: "/workflows", status: 307 },
    { what: "BFF JSON", jar, path: "/api/workflows", status: 200 },
    { what: "BFF 401 JSON", jar: anonymous, path: "/api/workflows", status: 401 },
    { what: "BFF 400 JSON", jar, path: "/api/executions?limit=0", status: 400 },
    { what: "Auth.js JSON", jar: anonymous, path: "/api/auth/csrf", status: 200 },
  ];
  const nonces = new Set<string>();
  let documentsOnly = cases.length;
  for (const c of cases) {
    const response = await jarFetch(c.jar, `${base()}${c.path}`);
    expect(response.status, `${c.what} status`).toBe(c.status);
    const nonce = expectDocumentHeaders(c.what, response.headers, c.html ? "document" : "data");
    if (nonce) nonces.add(nonce);
    else documentsOnly--;
    const body = await response.text();
    if (c.html) {
      const count = expectScriptsNonced(c.what, body, nonce);
      test.info().annotations.push({ type: c.what, description: `${count} script tags, all nonced` });
    }
  }
  expect(nonces.size, "a fresh nonce per response").toBe(documentsOnly);
});

test("static assets: nosniff, no framing and a referrer policy (CSP governs documents, not scripts)", async () => {
  const page = await jarFetch(jar, `${base()}/workflows`);
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? "");
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of [...new Set(assets)].slice(0, 5)) {
    const response = await fetch(`${base()}${asset}`);
    expect(response.status, asset).toBe(200);
    expectStaticHeaders(asset, response.headers);
    await response.arrayBuffer();
  }
});

test.describe("in Chromium", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("a signed-in page runs under its CSP without a single violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|evaluate)/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/workflows");
    await expect(page.getByRole("heading", { name: "Platform library" })).toBeVisible();
    // Hydration ran (the search box is interactive), so every needed script passed the CSP.
    await page.getByRole("searchbox").fill("zzz-no-match");
    await expect(page.getByText("No match").first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("the session cookie is HttpOnly, SameSite=Lax and not Secure over plain http", async ({ context }) => {
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  });
});

test("sign-in over plain http sets the session cookie HttpOnly; SameSite=Lax; Path=/ without Secure", () => {
  const line = jar.seen.find((l) => l.startsWith(`${SESSION_COOKIE}=`));
  expect(line).toBeTruthy();
  const attrs = (line ?? "")
    .split(";")
    .slice(1)
    .map((a) => a.trim().toLowerCase());
  expect(attrs).toContain("httponly");
  expect(attrs).toContain("samesite=lax");
  expect(attrs).toContain("path=/");
  expect(attrs).not.toContain("secure");
});

test.describe("behind https (AUTH_URL=https://…)", () => {
  let secureConsole: ChildProcess | undefined;
  let origin = "";

  test.beforeAll(async () => {
    const sandbox = process.env.E2E_SANDBOX_ORIGIN ?? "";
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    // TLS would end at a reverse proxy; the console itself still listens on plain http.
    secureConsole = startConsoleServer("secure-console", port, {
      ...process.env,
      NODE_ENV: "production",
      AUTH_URL: `https://127.0.0.1:${port}`,
      PEGASUS_API_BASE_URL: `${sandbox}/api/v1`,
      PEGASUS_OIDC_ISSUER: `${sandbox}/oidc`,
      PEGASUS_EMBEDDED_SANDBOX: "1",
    });
    await waitUntil("secure console", async () => [200, 503].includes((await fetch(`${origin}/api/health`)).status), 45_000, secureConsole);
  });

  test.afterAll(async () => {
    if (secureConsole) await stopChild(secureConsole);
  });

  test("the renewed session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax", async () => {
    // The real session of the http sign-in, moved under the secure cookie name (its JWE salt) with an
    // ID token about to expire, so proxy.ts renews it against the issuer and writes the cookie.
    const secureName = `__Secure-${SESSION_COOKIE}`;
    const token = await decode({ token: jar.get(SESSION_COOKIE) ?? "", secret: consoleAuthSecret(), salt: SESSION_COOKIE });
    expect(token?.refreshToken).toBeTruthy();
    const value = await encode({
      token: { ...token, idTokenExpiresAt: Math.floor(Date.now() / 1000) + 1 },
      secret: consoleAuthSecret(),
      salt: secureName,
    });
    const secureJar = new CookieJar();
    secureJar.set(secureName, value);
    const response = await jarFetch(secureJar, `${origin}/api/workflows`);
    expect(response.status).toBe(200);
    const line = response.headers.getSetCookie().find((l) => l.startsWith(`${secureName}=`));
    expect(line, "proxy.ts renewed the session cookie").toBeTruthy();
    const attrs = (line ?? "")
      .split(";")
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    // The plain name is not honoured there: a stray non-Secure cookie cannot carry a session.
    const plain = new CookieJar();
    plain.set(SESSION_COOKIE, jar.get(SESSION_COOKIE) ?? "");
    expect((await jarFetch(plain, `${origin}/api/workflows`)).status).toBe(401);
  });

  test("Auth.js's own cookies are Secure too (CSRF and sign-in state)", async () => {
    // Was a 500 on every /api/auth route while the handlers got a plain Request (fixed in lib/auth).
    const response = await fetch(`${origin}/api/auth/csrf`);
    const lines = response.headers.getSetCookie();
    expect(lines.length, `${response.status} ${await response.text()}`).toBeGreaterThan(0);
    for (const line of lines) expect(line.toLowerCase(), line.split("=")[0]).toContain("; secure");
  });
});

test.describe("URL-bearing diagram syntax (issue 13)", () => {
  test.use({ storageState: storageStatePath("developer") });

  /** Publishes `diagram` (with `PROBE` replaced by a fresh token), opens it, and records every request naming the token. */
  async function openProbe(
    page: Page,
    context: BrowserContext,
    diagram: (probe: string) => string[],
  ): Promise<{ probe: string; probed: string[] }> {
    await page.goto("/workflows");
    const { idToken } = await readServerTokens(context);
    const probe = `probe${Date.now().toString(36)}`;
    const id = await publishProbeWorkflow(`${process.env.E2E_SANDBOX_ORIGIN}/api/v1`, idToken, `urls-${probe}`, diagram(probe).join("\n"));
    const probed: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes(probe)) probed.push(r.url());
    });
    await page.goto(`/workflows/${id}`);
    // Drawn or failed: either way mermaid has finished with the source.
    await expect(page.getByTestId("diagram-canvas").locator("svg").or(page.getByTestId("diagram-error"))).toBeVisible({ timeout: 20_000 });
    await page.waitForTimeout(500);
    return { probe, probed };
  }

  test("image and icon shapes: the reader's browser fetches nothing (not even same-origin with the session cookie), the nodes and labels stay, the reader is told", async ({
    page,
    context,
  }) => {
    const { probe, probed } = await openProbe(page, context, (p) => [
      "flowchart TD",
      `  A@{ img: "/api/workflows?${p}=img", label: "Quote accepted", pos: "t", h: 60, constraint: "on" } --> B`,
      `  B@{ icon: "fa:user", label: "Take deposit" } --> C[Done]`,
      `  C --> D@{ img: "/api/me?${p}=img2" }`,
    ]);
    expect(probed, "requests the diagram made the browser send").toEqual([]);
    const canvas = page.getByTestId("diagram-canvas");
    await expect(canvas.locator("svg")).toHaveCount(1);
    await expect(page.getByTestId("diagram-error")).toHaveCount(0);
    for (const label of ["Quote accepted", "Take deposit", "Done"]) await expect(canvas.getByText(label, { exact: true })).toBeVisible();
    await expect(canvas.locator("image, img")).toHaveCount(0);
    const notice = page.getByTestId("diagram-removed");
    await expect(notice).toContainText("For safety the console left out 2 images");
    await expect(notice).toContainText("1 icon");
    await page.getByRole("button", { name: "View source" }).click();
    await expect(page.getByLabel("Diagram source")).toContainText(`img: "/api/workflows?${probe}=img"`);
    await page.waitForTimeout(500);
    expect(probed).toEqual([]);
  });

  test("the rest of the corpus (front matter and init config, click links, CSS url() and entity-hidden url()) is left out and the diagram still draws", async ({
    page,
    context,
  }) => {
    const { probed } = await openProbe(page, context, (p) => [
      "---",
      "title: Deposit flow",
      "config:",
      "  securityLevel: loose",
      "---",
      `%%{init: {"securityLevel": "loose", "htmlLabels": true}}%%`,
      "flowchart TD",
      "  A[Quote accepted] --> B[Take deposit] --> C[Done]",
      `  style C fill:url(/api/workflows?${p}=style),stroke:#333`,
      `  style B fill:u#114;l(/api/workflows?${p}=entity)`,
      `  classDef probed background-image:url(/api/workflows?${p}=classdef)`,
      "  class B probed",
      `  click A href "/api/workflows?${p}=click"`,
      `  click B call window.alert(1)`,
    ]);
    expect(probed, "requests the diagram made the browser send").toEqual([]);
    const canvas = page.getByTestId("diagram-canvas");
    await expect(canvas.locator("svg")).toHaveCount(1);
    await expect(page.getByTestId("diagram-error")).toHaveCount(0);
    for (const label of ["Quote accepted", "Take deposit", "Done"]) await expect(canvas.getByText(label, { exact: true })).toBeVisible();
    await expect(canvas.locator("a")).toHaveCount(0);
    const notice = page.getByTestId("diagram-removed");
    await expect(notice).toContainText("2 links or click actions");
    await expect(notice).toContainText("3 styles that load a URL");
    await expect(notice).toContainText("2 configuration directives");
    for (const node of await canvas.locator("g.node").all()) await node.click({ force: true });
    await page.waitForTimeout(500);
    expect(probed).toEqual([]);
  });
});
