/**
 * Browser-side helpers for the benches that drive headless Chromium: a stack WITH real Temporal
 * (sandbox + its Temporal dev server and Web UI + production console, free loopback ports,
 * throw-away state), a signed-in browser context, and page metrics read through CDP.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_FLAGS } from "../playwright.config";
import { signInContext, startServers } from "./support";

export interface BrowserStack {
  sandboxOrigin: string;
  consoleOrigin: string;
  /** Temporal Web UI served by the dev server (only with `temporal: true`). */
  temporalUiOrigin: string | undefined;
  /** The console with Temporal access and a context signed in to it (only with `temporalConsole: true`). */
  temporalConsole: { origin: string; context: BrowserContext } | undefined;
  stateDir: string;
  browser: Browser;
  /** A context signed in to the console (real OIDC flow, demo user). */
  context: BrowserContext;
  stop: () => Promise<void>;
}

/** Launches Debian's Chromium with the same flags as the Playwright config. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
}

/**
 * Starts sandbox (with Temporal when asked) + production console like e2e/global-setup.ts, then
 * signs in once in a fresh Chromium context. Reuses the existing production build unless
 * BENCH_REBUILD=1 (never a surprise build on the shared machine).
 */
export async function startBrowserStack(opts: { temporal: boolean; temporalConsole?: boolean; email?: string }): Promise<BrowserStack> {
  const servers = await startServers({ temporal: opts.temporal, temporalConsole: opts.temporalConsole });
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await servers.stop();
  };
  try {
    browser = await launchChromium();
    const context = await browser.newContext({
      baseURL: servers.consoleOrigin,
      timezoneId: "UTC",
      locale: "en-US",
      viewport: { width: 1440, height: 900 },
    });
    await signInContext(context, servers.consoleOrigin, opts.email ?? "admin@atlas.example");
    let temporalConsole: BrowserStack["temporalConsole"];
    if (servers.temporalConsoleOrigin) {
      const ctx = await browser.newContext({
        baseURL: servers.temporalConsoleOrigin,
        timezoneId: "UTC",
        locale: "en-US",
        viewport: { width: 1440, height: 900 },
      });
      await signInContext(ctx, servers.temporalConsoleOrigin, opts.email ?? "admin@atlas.example");
      temporalConsole = { origin: servers.temporalConsoleOrigin, context: ctx };
    }
    const { sandboxOrigin, consoleOrigin, temporalUiOrigin, stateDir } = servers;
    return { sandboxOrigin, consoleOrigin, temporalUiOrigin, temporalConsole, stateDir, browser, context, stop };
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
