import { chromium, type BrowserContext } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { CHROMIUM_FLAGS } from "../playwright.config";
import { ensureProductionBuild, freePort, ROOT, startChild, startConsoleServer, stopChild, waitUntil } from "../e2e/support/processes";
import { readServerTokens } from "../e2e/support/session";
import { startRoundRobinProxy } from "../e2e/support/round-robin-proxy";

/** A sandbox plus a production console on free loopback ports, with one signed-in session. */
export interface Stack {
  sandboxOrigin: string;
  consoleOrigin: string;
  stateDir: string;
  /** Cookie header that signs a request in to the console BFF. */
  cookieHeader: string;
  /** The ID token the BFF forwards upstream, for the same request sent straight to the sandbox. */
  idToken: string;
  /** With `pair`: the round-robin proxy in front of two console processes, and a session there. */
  pair?: { origin: string; cookieHeader: string };
  stop: () => Promise<void>;
}

export interface StackOptions {
  email?: string;
  /** Also start two console processes on one throw-away Postgres behind the round-robin proxy. */
  pair?: boolean;
  /** Runs before the sandbox starts, on its (still empty) state dir: benches use it to know the path. */
  beforeSandbox?: (stateDir: string) => void;
  /** Node flags of the (first) console process, before its script (bench/bff-profile.ts: `--cpu-prof`). */
  consoleNodeArgs?: string[];
}

/** Sandbox (+ Temporal when asked) and a production console, started; no session yet. */
export interface Servers {
  sandboxOrigin: string;
  consoleOrigin: string;
  /** Temporal Web UI served by the dev server (only with `temporal: true`). */
  temporalUiOrigin: string | undefined;
  /** A second console WITH the Temporal read seam (TEMPORAL_ADDRESS; only with `temporalConsole: true`). */
  temporalConsoleOrigin: string | undefined;
  /** With `pair`: two more console processes on one Postgres behind the round-robin proxy. */
  pairOrigin: string | undefined;
  stateDir: string;
  stop: () => Promise<void>;
}

/** A throw-away Postgres 15 cluster (scripts/postgres.mjs) with one empty database. */
async function throwawayDatabase(): Promise<{ url: string; stop: () => void }> {
  // A plain .mjs script: imported by a computed path so the type-checker does not ask for its types.
  const script = path.join(ROOT, "scripts", "postgres.mjs");
  const pg = (await import(script)) as {
    startThrowawayPostgres(): Promise<{ url: string; stop(): void }>;
    createDatabase(url: string, name: string): string;
  };
  const cluster = await pg.startThrowawayPostgres();
  return { url: pg.createDatabase(cluster.url, "console_bench"), stop: () => cluster.stop() };
}

/**
 * Starts sandbox + console like e2e/global-setup.ts (free ports, throw-away state dir, logs in a
 * throw-away folder). Reuses an existing production build unless BENCH_REBUILD=1, so a bench never
 * triggers a surprise build on the shared machine.
 */
export async function startServers(
  options: {
    temporal?: boolean;
    temporalConsole?: boolean;
    pair?: boolean;
    beforeSandbox?: (stateDir: string) => void;
    consoleNodeArgs?: string[];
  } = {},
): Promise<Servers> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "bench-state-"));
  const logDir = mkdtempSync(path.join(os.tmpdir(), "bench-logs-"));
  process.env.E2E_LOG_DIR = logDir;
  // The consoles of this run share one generated session secret there (the standalone server's own
  // working directory is inside the build); e2e/support/session.ts reads it to decrypt cookies.
  process.env.CONSOLE_STATE_DIR = path.join(stateDir, "console");
  if (process.env.BENCH_REBUILD !== "1") process.env.E2E_REUSE_BUILD = "1";
  const [sandboxPort, consolePort] = [await freePort(), await freePort()];
  const pairPorts = options.pair ? [await freePort(), await freePort(), await freePort()] : [];
  const pairOrigin = options.pair ? `http://127.0.0.1:${pairPorts[0]}` : undefined;
  const temporalPorts = options.temporal
    ? { SANDBOX_TEMPORAL_PORT: String(await freePort()), SANDBOX_TEMPORAL_UI_PORT: String(await freePort()) }
    : undefined;
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  const consoleOrigin = `http://127.0.0.1:${consolePort}`;
  const temporalUiOrigin = temporalPorts ? `http://127.0.0.1:${temporalPorts.SANDBOX_TEMPORAL_UI_PORT}` : undefined;
  // The first console reads histories through the Pegasus API only; the second (when asked) also
  // reads Temporal directly, so one run of a bench can measure both paths on the same run.
  const temporalConsolePort = temporalPorts && options.temporalConsole ? await freePort() : undefined;
  const temporalConsoleOrigin = temporalConsolePort ? `http://127.0.0.1:${temporalConsolePort}` : undefined;
  const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
  options.beforeSandbox?.(stateDir);

  const children: ChildProcess[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    for (const child of children.reverse()) await stopChild(child);
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    const sandbox = startChild("sandbox", bin("tsx"), ["sandbox/server/main.ts", ...(temporalPorts ? [] : ["--no-temporal"])], {
      ...process.env,
      ...temporalPorts,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_STATE_DIR: stateDir,
      SANDBOX_CONSOLE_ORIGINS: [consoleOrigin, temporalConsoleOrigin, pairOrigin].filter(Boolean).join(","),
      SANDBOX_LOG_LEVEL: "warn",
    });
    children.push(sandbox);
    ensureProductionBuild();
    await waitUntil("sandbox API", async () => (await fetch(`${sandboxOrigin}/api/v1/me/permissions`)).status === 401, 180_000, sandbox);
    await waitUntil(
      "sandbox issuer",
      async () => (await fetch(`${sandboxOrigin}/oidc/.well-known/openid-configuration`)).ok,
      30_000,
      sandbox,
    );
    const consoleServer = startConsoleServer(
      "console",
      consolePort,
      {
        ...process.env,
        NODE_ENV: "production",
        PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
        PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
        PEGASUS_EMBEDDED_SANDBOX: "1",
      },
      options.consoleNodeArgs,
    );
    children.push(consoleServer);
    await waitUntil("console", async () => [200, 503].includes((await fetch(`${consoleOrigin}/api/health`)).status), 60_000, consoleServer);
    if (temporalConsolePort && temporalConsoleOrigin && temporalPorts) {
      const second = startConsoleServer("console+temporal", temporalConsolePort, {
        ...process.env,
        PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
        PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
        PEGASUS_EMBEDDED_SANDBOX: "1",
        // its own embedded store: two processes never share one PGlite folder
        CONSOLE_STORE_DIR: path.join(stateDir, "console-temporal-store"),
        TEMPORAL_ADDRESS: `127.0.0.1:${temporalPorts.SANDBOX_TEMPORAL_PORT}`,
        TEMPORAL_NAMESPACE: "default",
      });
      children.push(second);
      await waitUntil(
        "console (Temporal path)",
        async () => [200, 503].includes((await fetch(`${temporalConsoleOrigin}/api/health`)).status),
        60_000,
        second,
      );
    }
    if (pairOrigin) {
      const database = await throwawayDatabase();
      cleanups.push(() => database.stop());
      const backends = pairPorts.slice(1);
      for (const [i, port] of backends.entries()) {
        const child = startConsoleServer(`pair-console-${i + 1}`, port, {
          ...process.env,
          PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
          PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
          PEGASUS_EMBEDDED_SANDBOX: "1",
          DATABASE_URL: database.url,
        });
        children.push(child);
        await waitUntil(
          `pair console ${i + 1}`,
          async () => [200, 503].includes((await fetch(`http://127.0.0.1:${port}/api/health`)).status),
          60_000,
          child,
        );
      }
      const proxy = await startRoundRobinProxy(
        backends.map((port) => `http://127.0.0.1:${port}`),
        pairPorts[0],
      );
      cleanups.push(() => proxy.close());
    }
    if (temporalUiOrigin) await waitUntil("Temporal Web UI", async () => (await fetch(temporalUiOrigin)).ok, 60_000, sandbox);
    return { sandboxOrigin, consoleOrigin, temporalUiOrigin, temporalConsoleOrigin, pairOrigin, stateDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts the servers without Temporal and signs one demo user in. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const servers = await startServers({
    beforeSandbox: options.beforeSandbox,
    pair: options.pair,
    consoleNodeArgs: options.consoleNodeArgs,
  });
  try {
    const email = options.email ?? "admin@atlas.example";
    const { cookieHeader, idToken } = await signIn(servers.consoleOrigin, email);
    const pair = servers.pairOrigin
      ? { origin: servers.pairOrigin, cookieHeader: (await signIn(servers.pairOrigin, email)).cookieHeader }
      : undefined;
    return {
      sandboxOrigin: servers.sandboxOrigin,
      consoleOrigin: servers.consoleOrigin,
      stateDir: servers.stateDir,
      cookieHeader,
      idToken,
      pair,
      stop: servers.stop,
    };
  } catch (error) {
    await servers.stop();
    throw error;
  }
}

/** Signs a demo user in through the real OIDC flow in a browser context of the console. */
export async function signInContext(context: BrowserContext, consoleOrigin: string, email: string): Promise<void> {
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
  await page.locator(`button[data-testid="demo-user"][value="${email}"]`).click();
  await page.waitForURL(`${consoleOrigin}/workflows`, { timeout: 30_000 });
  await page.close();
}

/** Signs in through the real OIDC flow in a headless browser (as the e2e setup does). */
async function signIn(consoleOrigin: string, email: string): Promise<{ cookieHeader: string; idToken: string }> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ baseURL: consoleOrigin });
    await signInContext(context, consoleOrigin, email);
    const { idToken } = await readServerTokens(context);
    const cookies = await context.cookies(consoleOrigin);
    return { cookieHeader: cookies.map((c) => `${c.name}=${c.value}`).join("; "), idToken };
  } finally {
    await browser.close();
  }
}

export interface LoadResult {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

/**
 * A bounded closed-loop load: `concurrency` workers send `request` until `maxRequests` are done or
 * `maxSeconds` pass. Latency is measured to the end of the body. Non-2xx counts as an error.
 */
export async function load(
  label: string,
  request: () => Promise<Response>,
  opts: { concurrency: number; maxRequests: number; maxSeconds: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + opts.maxSeconds * 1000;
  const worker = async () => {
    while (started < opts.maxRequests && performance.now() < deadline) {
      started++;
      const t = performance.now();
      try {
        const res = await request();
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: latencies.length,
    errors,
    seconds,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    rps: latencies.length / seconds,
  };
}

/** Nearest-rank quantile of an ascending array. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Prints rows as an aligned text table. */
export function printTable(headers: string[], rows: Array<Array<string | number>>): void {
  const cells = rows.map((r) =>
    r.map((c) => (typeof c === "number" ? (Number.isInteger(c) || c >= 100 ? c.toFixed(0) : c.toFixed(2)) : c)),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => String(r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of cells) console.log(line(r.map(String)));
}

/** The machine line every bench prints. */
export function printMachine(): void {
  const cpus = os.cpus();
  console.log(`machine: ${cpus.length} CPU(s) (${cpus[0]?.model ?? "?"}), node ${process.version}, ${os.platform()} ${os.arch()}`);
}
