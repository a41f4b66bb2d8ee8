import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { decode, encode } from "next-auth/jwt";
import { startFaultProxy, type FaultProxy } from "./support/fault-proxy";
import { CookieJar, httpSignIn, jarFetch } from "./support/http-session";
import { freePort, startConsoleServer, stopChild, waitUntil } from "./support/processes";
import { ROLES, SESSION_COOKIE } from "./support/roles";
import { consoleAuthSecret } from "./support/session";

/**
 * Hostile upstream (issue 8): a second production console talks to the sandbox through a real
 * fault-injecting proxy. Each fault must end in a clear state for the user (the BFF's documented
 * 502/504 envelope, an error panel with a retry), reads are retried once, writes never twice,
 * and the console's server log shows no unhandled error.
 */

const TIMEOUT_MS = 1500;
const WORKFLOWS = /^\/api\/v1\/workflows$/;
const EXECUTIONS = /^\/api\/v1\/workflows\/[^/]+\/executions$/;
const CONFIGS = /^\/api\/v1\/workflow-secrets-configs\/configs$/;
const CONFIG_KEY = /^\/api\/v1\/workflow-secrets-configs\/configs\/[^/]+$/;
const EVERYTHING = /^\/api\/v1\//;

test.describe.configure({ mode: "serial" });

let proxy: FaultProxy;
let consoleServer: ChildProcess;
let origin: string;
let jar: CookieJar;
const serverLog: string[] = [];
const runId = Date.now().toString(36);

interface Envelope {
  error: { code: string; message: string; requestId: string };
}

async function bff(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; ms: number }> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== "GET") {
    headers.set("origin", origin);
    headers.set("content-type", "application/json");
  }
  const started = performance.now();
  const response = await jarFetch(jar, `${origin}${pathname}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, ms: performance.now() - started };
}

function expectEnvelope(body: unknown, code: string | RegExp, message: RegExp): void {
  const error = (body as Envelope).error;
  expect(error.code).toMatch(code);
  expect(error.message).toMatch(message);
  expect(error.requestId).toMatch(/\S/);
  // Nothing from the fault body or a stack reaches the browser.
  expect(JSON.stringify(body)).not.toMatch(/fault proxy says|at .+\.js:\d+/);
}

function createConfig(key: string) {
  return bff("/api/configs", { method: "POST", body: JSON.stringify({ key, value: "v", group: "global" }) });
}

async function browserSession(browser: Browser, sessionJar: CookieJar): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: origin, timezoneId: "UTC" });
  const value = sessionJar.get(SESSION_COOKIE);
  if (!value) throw new Error("no session cookie in the jar");
  await context.addCookies([{ name: SESSION_COOKIE, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  return context;
}

test.beforeAll(async () => {
  const sandboxOrigin = process.env.E2E_SANDBOX_ORIGIN;
  const mainConsole = process.env.E2E_BASE_URL;
  if (!sandboxOrigin || !mainConsole) throw new Error("the e2e global setup did not export the sandbox and console origins");
  proxy = await startFaultProxy(sandboxOrigin);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  consoleServer = startConsoleServer("faults-console", port, {
    ...process.env,
    NODE_ENV: "production",
    PEGASUS_API_BASE_URL: `${proxy.origin}/api/v1`,
    // Sign-in and token renewal go straight to the issuer: only the API is faulty.
    PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
    PEGASUS_EMBEDDED_SANDBOX: "1",
    PEGASUS_API_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  consoleServer.stdout?.on("data", (chunk: Buffer) => serverLog.push(chunk.toString()));
  consoleServer.stderr?.on("data", (chunk: Buffer) => serverLog.push(chunk.toString()));
  await waitUntil("faults console", async () => [200, 503].includes((await fetch(`${origin}/api/health`)).status), 45_000, consoleServer);
  // The sandbox registers only the main console's callback, so the session is signed in there;
  // session cookies are per host (not port) and both consoles share the dev secret and issuer.
  jar = await httpSignIn(mainConsole, ROLES.developer.email);
  const ok = await bff("/api/workflows");
  expect(ok.status, "the second console serves a signed-in read through the proxy").toBe(200);
});

test.afterAll(async () => {
  if (consoleServer) await stopChild(consoleServer);
  if (proxy) await proxy.close();
});

test.beforeEach(() => {
  proxy.clear({ resetCounts: true });
});

test("reads: upstream 500 and 503 are retried once, then a 502 envelope with a clear message", async () => {
  for (const status of [500, 503]) {
    proxy.clear({ resetCounts: true });
    proxy.inject({ method: "GET", path: WORKFLOWS, fault: { kind: "status", status } });
    const res = await bff("/api/workflows");
    expect(res.status).toBe(502);
    expectEnvelope(res.body, /\S/, /^The Pegasus API failed to handle the request$/);
    expect(proxy.count("GET", WORKFLOWS), `GET /workflows after ${status}`).toBe(2);
  }
  // The cross-workflow execution list fans out to every workflow; one failing read fails it cleanly.
  proxy.clear({ resetCounts: true });
  proxy.inject({ method: "GET", path: EXECUTIONS, fault: { kind: "status", status: 500 } });
  const executions = await bff("/api/executions");
  expect(executions.status).toBe(502);
  expectEnvelope(executions.body, /\S/, /^The Pegasus API failed to handle the request$/);
  expect(proxy.count("GET", EXECUTIONS)).toBeGreaterThanOrEqual(2);
});

test("reads: a transient 503 is absorbed by the retry (the user sees the data)", async () => {
  proxy.inject({ method: "GET", path: WORKFLOWS, fault: { kind: "status", status: 503 }, times: 1 });
  const res = await bff("/api/workflows");
  expect(res.status).toBe(200);
  expect(((res.body as { data: unknown[] }).data ?? []).length).toBeGreaterThan(0);
  expect(proxy.count("GET", WORKFLOWS)).toBe(2);
});

test("reads: malformed JSON and a wrong shape give a 502 envelope that says so (no retry: the answer would repeat)", async () => {
  proxy.inject({ method: "GET", path: WORKFLOWS, fault: { kind: "bad-json" } });
  const badJson = await bff("/api/workflows");
  expect(badJson.status).toBe(502);
  expectEnvelope(badJson.body, "UPSTREAM_BAD_JSON", /not JSON/);
  expect(proxy.count("GET", WORKFLOWS)).toBe(1);

  proxy.clear({ resetCounts: true });
  proxy.inject({ method: "GET", path: WORKFLOWS, fault: { kind: "wrong-shape" } });
  const wrong = await bff("/api/workflows");
  expect(wrong.status).toBe(502);
  expectEnvelope(wrong.body, "UPSTREAM_BAD_SHAPE", /unexpected shape/);
  expect(proxy.count("GET", WORKFLOWS)).toBe(1);
});

test("reads: an upstream slower than the timeout gives a 504 envelope within the budget; the page says so", async ({ browser }) => {
  proxy.inject({ method: "GET", path: WORKFLOWS, fault: { kind: "delay", ms: TIMEOUT_MS * 3 } });
  const res = await bff("/api/workflows");
  expect(res.status).toBe(504);
  expectEnvelope(res.body, "UPSTREAM_TIMEOUT", new RegExp(`did not answer within ${TIMEOUT_MS} ms`));
  expect(res.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  expect(res.ms).toBeLessThan(TIMEOUT_MS + 1500);
  expect(proxy.count("GET", WORKFLOWS), "a hung first attempt leaves budget for one retry").toBe(2);

  const executions = await bff("/api/executions");
  expect(executions.status).toBe(504);

  const context = await browserSession(browser, jar);
  const page = await context.newPage();
  await page.goto("/workflows");
  const alert = page.getByRole("alert").filter({ hasText: "Workflows could not be loaded" });
  await expect(alert).toContainText(`did not answer within ${TIMEOUT_MS} ms`, { timeout: 30_000 });
  await expect(alert).toContainText("UPSTREAM_TIMEOUT");
  await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
  proxy.clear();
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Platform library" })).toBeVisible();
  await context.close();
});

test("reads and writes: upstream down gives a 502 envelope, the pages a clear state with Try again, and they recover", async ({
  browser,
}) => {
  await proxy.stop();
  try {
    const list = await bff("/api/workflows");
    expect(list.status).toBe(502);
    expectEnvelope(list.body, "UPSTREAM_UNREACHABLE", /could not be reached/);
    const executions = await bff("/api/executions");
    expect(executions.status).toBe(502);
    expectEnvelope(executions.body, "UPSTREAM_UNREACHABLE", /could not be reached/);
    const write = await createConfig(`faults_down_${runId}`);
    expect(write.status).toBe(502);
    expectEnvelope(write.body, "UPSTREAM_UNREACHABLE", /could not be reached/);

    const context = await browserSession(browser, jar);
    const page = await context.newPage();
    for (const [url, title] of [
      ["/workflows", "Workflows could not be loaded"],
      ["/executions", /could not be loaded/],
    ] as const) {
      const response = await page.goto(url);
      expect(response?.status(), `${url} answers without a server crash`).toBeLessThan(600);
      const alert = page.getByRole("alert").filter({ hasText: title });
      await expect(alert).toBeVisible({ timeout: 30_000 });
      await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
    }
    // Back up: Try again on the page that failed brings the data without a reload.
    await proxy.start();
    const failed = page.getByRole("alert").filter({ hasText: "could not be loaded" });
    await failed.getByRole("button", { name: "Try again" }).click();
    await expect(failed).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "Executions" })).toBeVisible();
    await context.close();
  } finally {
    await proxy.start();
  }
  // The write that met a dead upstream was never applied: creating it now succeeds.
  expect((await createConfig(`faults_down_${runId}`)).status).toBe(201);
});

test("writes: 503, a closed socket and a timeout each reach the upstream exactly once", async () => {
  proxy.inject({ method: "POST", path: CONFIGS, fault: { kind: "status", status: 503 } });
  const busy = await createConfig(`faults_503_${runId}`);
  expect(busy.status).toBe(502);
  expectEnvelope(busy.body, /\S/, /failed to handle the request/);
  expect(proxy.count("POST", CONFIGS)).toBe(1);

  proxy.clear({ resetCounts: true });
  proxy.inject({ method: "POST", path: CONFIGS, fault: { kind: "close" } });
  const closed = await createConfig(`faults_close_${runId}`);
  expect(closed.status).toBe(502);
  expectEnvelope(closed.body, "UPSTREAM_UNREACHABLE", /could not be reached/);
  expect(proxy.count("POST", CONFIGS)).toBe(1);

  proxy.clear({ resetCounts: true });
  proxy.inject({ method: "POST", path: CONFIGS, fault: { kind: "delay", ms: TIMEOUT_MS * 2 } });
  const slow = await createConfig(`faults_slow_${runId}`);
  expect(slow.status).toBe(504);
  expectEnvelope(slow.body, "UPSTREAM_TIMEOUT", /did not answer/);
  expect(proxy.count("POST", CONFIGS)).toBe(1);

  proxy.clear({ resetCounts: true });
  proxy.inject({ method: "DELETE", path: CONFIG_KEY, fault: { kind: "status", status: 503 } });
  const del = await bff(`/api/configs/faults_503_${runId}`, { method: "DELETE", headers: { "x-audit-reason": "faults" } });
  expect(del.status).toBe(502);
  expect(proxy.count("DELETE", CONFIG_KEY)).toBe(1);

  // Neither the 503 nor the closed socket applied the write: creating the same keys now succeeds.
  proxy.clear();
  expect((await createConfig(`faults_503_${runId}`)).status).toBe(201);
  expect((await createConfig(`faults_close_${runId}`)).status).toBe(201);
});

test("writes: the Add config dialog shows the failure with its code and keeps the form", async ({ browser }) => {
  const context = await browserSession(browser, jar);
  const page = await context.newPage();
  await page.goto("/secrets");
  await page.getByRole("button", { name: "Add config" }).click();
  const form = page.getByRole("form", { name: "Add config" });
  await form.getByLabel("Key").fill(`faults_ui_${runId}`);
  await form.getByLabel("Value", { exact: true }).fill("x");
  proxy.inject({ method: "POST", path: CONFIGS, fault: { kind: "status", status: 503 } });
  await form.getByRole("button", { name: "Add config" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("The Pegasus API failed to handle the request");
  await expect(alert).toContainText("code ");
  expect(proxy.count("POST", CONFIGS)).toBe(1);
  await expect(form.getByLabel("Key")).toHaveValue(`faults_ui_${runId}`);
  await context.close();
});

test("expired token: a session whose renewal is refused, or that the upstream rejects, is sent to sign in (no crash)", async ({
  browser,
}) => {
  const sandboxOrigin = process.env.E2E_SANDBOX_ORIGIN ?? "";
  const mainConsole = process.env.E2E_BASE_URL ?? "";
  // A session of its own, so revoking it does not touch the other tests' sessions.
  const doomed = await httpSignIn(mainConsole, ROLES.viewer.email);
  const cookie = doomed.get(SESSION_COOKIE) ?? "";
  const token = await decode({ token: cookie, secret: consoleAuthSecret(), salt: SESSION_COOKIE });
  const refreshToken = typeof token?.refreshToken === "string" ? token.refreshToken : "";
  expect(refreshToken).not.toBe("");
  const revoked = await fetch(`${sandboxOrigin}/oidc/token/revocation`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from("pegasus-console:pegasus-console-sandbox-secret").toString("base64")}`,
    },
    body: new URLSearchParams({ token: refreshToken, token_type_hint: "refresh_token" }),
  });
  expect(revoked.status).toBe(200);
  // The ID token is past its end as far as the console knows, so the next request must renew it.
  const expired = await encode({
    token: { ...token, idTokenExpiresAt: Math.floor(Date.now() / 1000) - 5 },
    secret: consoleAuthSecret(),
    salt: SESSION_COOKIE,
  });
  doomed.set(SESSION_COOKIE, expired);

  const api = await jarFetch(doomed, `${origin}/api/workflows`);
  expect(api.status).toBe(401);
  expect(((await api.json()) as Envelope).error.code).toBe("UNAUTHENTICATED");
  expect(doomed.get(SESSION_COOKIE), "the dead session cookie is cleared").toBeUndefined();

  doomed.set(SESSION_COOKIE, expired);
  const context = await browserSession(browser, doomed);
  const page = await context.newPage();
  await page.goto("/workflows");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fworkflows$/);
  await expect(page.getByRole("button", { name: "Sign in with Pegasus" })).toBeVisible();

  await context.close();
});

const TOKEN_REJECTED = { kind: "status", status: 401, body: JSON.stringify({ error: "Token expired", code: "TOKEN_EXPIRED" }) } as const;

test("expired token: when the upstream rejects a token the console still trusts, the BFF passes the 401 envelope", async () => {
  proxy.inject({ path: EVERYTHING, fault: TOKEN_REJECTED });
  for (const route of ["/api/workflows", "/api/executions", "/api/me"]) {
    const rejected = await bff(route);
    expect(rejected.status, route).toBe(401);
    expect(((rejected.body as Envelope).error ?? {}).code, route).toBe("TOKEN_EXPIRED");
  }
});

test("expired token: a page whose server render meets the upstream's 401 lands on sign-in (no redirect loop)", async ({ browser }) => {
  // Was a redirect loop (layout → /sign-in → back to the page): the layout now sends
  // reason=expired and the sign-in page stays put with an explanation.
  proxy.inject({ path: EVERYTHING, fault: TOKEN_REJECTED });
  const context = await browserSession(browser, jar);
  const page = await context.newPage();
  try {
    await page.goto("/executions");
    await expect(page).toHaveURL(/\/sign-in/, { timeout: 10_000 });
    await expect(page.getByRole("alert").filter({ hasText: "Sign in again" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in with Pegasus" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("the faulty console's server log has no unhandled or uncaught error", () => {
  // Next colours its log lines; strip the ANSI codes.
  const log = serverLog.join("").replace(/\u001b\[[0-9;]*m/g, "");
  expect(log).not.toMatch(/unhandled|uncaught|triggerUncaughtException/i);
  // Next logs a render error caught by an error boundary as "⨯ <error> … digest: '…'" with its
  // stack; any other stack trace would be an error nobody handled.
  const blocks = log.split(/\n(?=\S)/);
  const withStack = blocks.filter((block) => /^\s+at .+:\d+:\d+\)?$/m.test(block));
  const unexplained = withStack.filter((block) => !(block.startsWith("⨯") && /digest: '\d+'/.test(block)));
  expect(unexplained).toEqual([]);
  test.info().annotations.push({ type: "render errors caught by error boundaries", description: String(withStack.length) });
});
