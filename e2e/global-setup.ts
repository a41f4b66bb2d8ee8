import { chromium, type FullConfig } from "@playwright/test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { ensureProductionBuild, freePort, ROOT, startChild, startConsoleServer, stopChild, waitUntil } from "./support/processes";
import { startRoundRobinProxy, type RoundRobinProxy } from "./support/round-robin-proxy";
import { SIGNED_IN_USERS, storageStatePath, type SignedInUser } from "./support/roles";

/** ID-token lifetime the sandbox issues during e2e, short so the refresh path is exercised. */
export const E2E_ID_TOKEN_TTL_SECONDS = 60;

async function signIn(baseUrl: string, role: SignedInUser, config: FullConfig): Promise<void> {
  const launch = config.projects[0]?.use.launchOptions ?? {};
  const browser = await chromium.launch(launch);
  try {
    const context = await browser.newContext({ baseURL: baseUrl, timezoneId: "UTC" });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in with Pegasus" }).click();
    await page.locator(`button[data-testid="demo-user"][value="${SIGNED_IN_USERS[role].email}"]`).click();
    // Every role lands on the first section it may use (Integrations for the publisher).
    await page.waitForURL((url) => url.origin === baseUrl && url.pathname !== "/" && !url.pathname.startsWith("/sign-in"), {
      timeout: 30_000,
    });
    await context.storageState({ path: storageStatePath(role) });
    await context.close();
  } finally {
    await browser.close();
  }
}

/**
 * How many console processes serve the run: E2E_CONSOLE_PROCESSES (default 1). With more than one,
 * they share the Postgres store of DATABASE_URL and sit behind a round-robin proxy whose origin is
 * the run's console origin, so consecutive requests of every journey land on different processes.
 */
function consoleProcessCount(): number {
  const raw = process.env.E2E_CONSOLE_PROCESSES ?? "1";
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 8)
    throw new Error(`E2E_CONSOLE_PROCESSES must be a whole number from 1 to 8, not "${raw}"`);
  if (count > 1 && !process.env.DATABASE_URL)
    throw new Error("E2E_CONSOLE_PROCESSES > 1 needs DATABASE_URL: several console processes can share only a Postgres store");
  return count;
}

/** Starts sandbox + production console(s) on free ports, signs in once per signed-in user; returns the teardown. */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "console-e2e-"));
  // The consoles of this run (this one and those specs start) share one generated session secret
  // there; e2e/support/session.ts reads it to decrypt and forge cookies.
  process.env.CONSOLE_STATE_DIR = path.join(stateDir, "console");
  const processes = consoleProcessCount();
  const [sandboxPort, consolePort] = [await freePort(), await freePort()];
  // One console: it listens on consolePort. Several: the proxy does, each console on a port of its own.
  const backends: Array<{ port: number; metricsPort: number }> = [];
  for (let i = 0; i < processes; i++)
    backends.push({ port: processes === 1 ? consolePort : await freePort(), metricsPort: await freePort() });
  const consoleStoreDir = path.join(stateDir, "console-store");
  const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
  const consoleOrigin = `http://127.0.0.1:${consolePort}`;
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");

  // E2E_TEMPORAL=1 runs real Temporal (on free ports) so specs can drive real executions.
  const temporal = process.env.E2E_TEMPORAL === "1";
  const temporalEnv = temporal
    ? { SANDBOX_TEMPORAL_PORT: String(await freePort()), SANDBOX_TEMPORAL_UI_PORT: String(await freePort()) }
    : {};
  const sandbox = startChild("sandbox", tsx, ["sandbox/server/main.ts", ...(temporal ? [] : ["--no-temporal"])], {
    ...process.env,
    ...temporalEnv,
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_STATE_DIR: stateDir,
    SANDBOX_ID_TOKEN_TTL: String(E2E_ID_TOKEN_TTL_SECONDS),
    SANDBOX_CONSOLE_ORIGINS: consoleOrigin,
    SANDBOX_LOG_LEVEL: "warn",
  });
  const consoleServers: ChildProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  const teardown = async () => {
    await proxy?.close();
    for (const server of consoleServers) await stopChild(server);
    await stopChild(sandbox);
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    // The build runs while the sandbox seeds; both are needed before the console starts.
    ensureProductionBuild();
    await waitUntil("sandbox API", async () => (await fetch(`${sandboxOrigin}/api/v1/me/permissions`)).status === 401, 180_000, sandbox);
    await waitUntil(
      "sandbox issuer",
      async () => (await fetch(`${sandboxOrigin}/oidc/.well-known/openid-configuration`)).ok,
      30_000,
      sandbox,
    );
    const consoleEnv: NodeJS.ProcessEnv = {
      ...process.env,
      PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
      PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
      PEGASUS_EMBEDDED_SANDBOX: "1",
      // e2e/alerts.spec.ts runs its webhook receiver on 127.0.0.1, an internal address the console
      // refuses to post to unless the operator allows it (lib/alerts/destination.ts)
      ALERT_WEBHOOK_ALLOW_INTERNAL: "1",
      // the console's read-only Temporal seam (issue #15) reads the sandbox's dev server
      ...(temporal ? { TEMPORAL_ADDRESS: `127.0.0.1:${temporalEnv.SANDBOX_TEMPORAL_PORT}`, TEMPORAL_NAMESPACE: "default" } : {}),
      // The console's own store: DATABASE_URL when the caller gave one (npm test: Postgres 15),
      // else embedded PGlite in this run's throw-away folder.
      CONSOLE_STORE_DIR: consoleStoreDir,
    };
    // The deployable build (node .next/standalone/server.js), as production runs it.
    backends.forEach((backend, i) => {
      const label = processes === 1 ? "console" : `console-${i + 1}`;
      consoleServers.push(startConsoleServer(label, backend.port, { ...consoleEnv, METRICS_PORT: String(backend.metricsPort) }));
    });
    await Promise.all(
      backends.map((backend, i) =>
        waitUntil(
          `console ${i + 1}`,
          async () => [200, 503].includes((await fetch(`http://127.0.0.1:${backend.port}/api/health`)).status),
          90_000,
          consoleServers[i],
        ),
      ),
    );
    if (processes > 1)
      proxy = await startRoundRobinProxy(
        backends.map((b) => `http://127.0.0.1:${b.port}`),
        consolePort,
      );

    process.env.E2E_BASE_URL = consoleOrigin;
    // The first process's metrics (a scrape is per process, as Prometheus scrapes each target).
    process.env.E2E_METRICS_URL = `http://127.0.0.1:${backends[0]?.metricsPort}/metrics`;
    process.env.E2E_CONSOLE_PROCESS_COUNT = String(processes);
    process.env.E2E_SANDBOX_ORIGIN = sandboxOrigin;
    process.env.E2E_SANDBOX_STATE_DIR = stateDir;
    process.env.E2E_CONSOLE_STORE_DIR = consoleStoreDir;
    mkdirSync(path.dirname(storageStatePath("viewer")), { recursive: true });
    // Every demo role of the Atlas tenant, plus the other tenant's admin (RBAC matrix, isolation).
    for (const role of Object.keys(SIGNED_IN_USERS) as SignedInUser[]) {
      await signIn(consoleOrigin, role, config);
      process.env[`E2E_SIGNED_IN_AT_${role.toUpperCase()}`] = String(Date.now());
    }
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
