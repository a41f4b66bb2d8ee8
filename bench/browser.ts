/**
 * Browser-side helpers for the benches that drive headless Chromium: a stack WITH real Temporal
 * (sandbox + its Temporal dev server and Web UI + production console, free loopback ports,
 * throw-away state), a signed-in browser context, and page metrics read through CDP.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_FLAGS } from "../playwright.config";
import { ensureProductionBuild, freePort, ROOT, startChild, stopChild, waitUntil } from "../e2e/support/processes";

export interface BrowserStack {
  sandboxOrigin: string;
  consoleOrigin: string;
  /** Temporal Web UI served by the dev server (only with `temporal: true`). */
  temporalUiOrigin: string | undefined;
  stateDir: string;
  browser: Browser;
  /** A context signed in to the console (real OIDC flow, demo user). */
  context: BrowserContext;
  stop: () => Promise<void>;
}

/** Launches Debian's Chromium with the flags of design.md §6. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
}

/**
 * Starts sandbox (with Temporal when asked) + production console like e2e/global-setup.ts, then
 * signs in once in a fresh Chromium context. Reuses the existing production build unless
 * BENCH_REBUILD=1 (never a surprise build on the shared machine).
 */
export async function startBrowserStack(opts: { temporal: boolean; email?: string }): Promise<BrowserStack> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "bench-state-"));
  const logDir = mkdtempSync(path.join(os.tmpdir(), "bench-logs-"));
  process.env.E2E_LOG_DIR = logDir;
  if (process.env.BENCH_REBUILD !== "1") process.env.E2E_REUSE_BUILD = "1";
  const [sandboxPort, consolePort] = [await freePort(), await freePort()];
  const temporalPorts = opts.temporal ? { SANDBOX_TEMPORAL_PORT: String(await freePort()), SANDBOX_TEMPORAL_UI_PORT: String(await freePort()) } : undefined;
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  const consoleOrigin = `http://127.0.0.1:${consolePort}`;
  const temporalUiOrigin = temporalPorts ? `http://127.0.0.1:${temporalPorts.SANDBOX_TEMPORAL_UI_PORT}` : undefined;
  const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

  const children: ChildProcess[] = [];
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    for (const child of children.reverse()) await stopChild(child);
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    const sandbox = startChild("sandbox", bin("tsx"), ["sandbox/server/main.ts", ...(opts.temporal ? [] : ["--no-temporal"])], {
      ...process.env,
      ...temporalPorts,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_STATE_DIR: stateDir,
      SANDBOX_CONSOLE_ORIGINS: consoleOrigin,
      SANDBOX_LOG_LEVEL: "warn",
    });
    children.push(sandbox);
    ensureProductionBuild();
    await waitUntil("sandbox API", async () => (await fetch(`${sandboxOrigin}/api/v1/me/permissions`)).status === 401, 180_000, sandbox);
    await waitUntil("sandbox issuer", async () => (await fetch(`${sandboxOrigin}/oidc/.well-known/openid-configuration`)).ok, 30_000, sandbox);
    const consoleServer = startChild("console", bin("next"), ["start", "-p", String(consolePort), "-H", "127.0.0.1"], {
      ...process.env,
      NODE_ENV: "production",
      PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
      PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
      PEGASUS_EMBEDDED_SANDBOX: "1",
    });
    children.push(consoleServer);
    await waitUntil("console", async () => [200, 503].includes((await fetch(`${consoleOrigin}/api/health`)).status), 60_000, consoleServer);
    if (temporalUiOrigin) await waitUntil("Temporal Web UI", async () => (await fetch(temporalUiOrigin)).ok, 60_000, sandbox);
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: consoleOrigin, timezoneId: "UTC", locale: "en-US", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
    await page.locator(`button[data-testid="demo-user"][value="${opts.email ?? "admin@atlas.example"}"]`).click();
    await page.waitForURL(`${consoleOrigin}/workflows`, { timeout: 30_000 });
    await page.close();
    return { sandboxOrigin, consoleOrigin, temporalUiOrigin, stateDir, browser, context, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** JS heap in use (MB) after a forced GC, through the Chrome DevTools Protocol. */
export async function jsHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("Performance.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? Number.NaN;
    return used / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}

/** Milliseconds since `t0` (performance.now() of this process). */
export const since = (t0: number): number => Math.round(performance.now() - t0);
