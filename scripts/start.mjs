#!/usr/bin/env node
// `npm start`: the whole product on one command.
// - installs dependencies when node_modules is missing;
// - without PEGASUS_API_BASE_URL, makes the sandbox's Python venv if needed, starts the sandbox (it sets itself up and seeds on first run)
//   and waits until its API and OIDC issuer answer;
// - builds the console when there is no production build or the sources are newer than it;
// - readies the deployable build (scripts/standalone.mjs) and starts it, `node .next/standalone/server.js`,
//   on PORT (3000), waits until it answers, prints the URL and demo sign-ins;
// - Ctrl-C (or SIGTERM) stops every child.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareStandalone } from "./standalone.mjs";

/** What a production build is made from (one list, shared with the e2e launcher): newer means rebuild. */
const BUILD_INPUTS = JSON.parse(readFileSync(new URL("./build-inputs.json", import.meta.url), "utf8"));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const children = [];
let stopping = false;

function log(message) {
  process.stdout.write(`[start] ${message}\n`);
}

function run(label, command, args, env = process.env) {
  // Own process group so Ctrl-C handling can stop the child and everything it started.
  const child = spawn(command, args, { cwd: root, env, stdio: "inherit", detached: true });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      log(`${label} exited (${signal ?? code}); stopping everything`);
      void stopAll(code ?? 1);
    }
  });
  return child;
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of [...children].reverse()) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  }
  const deadline = Date.now() + 10_000;
  while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }
  process.exit(exitCode);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

async function waitFor(label, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const verdict = await check();
      if (verdict === true) return;
      last = String(verdict);
    } catch (error) {
      last = error instanceof Error ? (error.cause?.code ?? error.message) : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`${label} did not become ready in ${Math.round(timeoutMs / 1000)} s (${last})`);
  await stopAll(1);
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(target)) {
    // Tests are not part of the build; teammates editing them must not force a rebuild.
    if (/\.test\.tsx?$/.test(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId) || !existsSync(path.join(root, ".next", "standalone", "server.js"))) return "no production build yet";
  const built = statSync(buildId).mtimeMs;
  const changed = BUILD_INPUTS.find((s) => newestMtime(path.join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

async function main() {
  if (!existsSync(path.join(root, "node_modules"))) {
    log("node_modules is missing: running npm ci");
    const ci = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
    if (ci.status !== 0) process.exit(ci.status ?? 1);
  }

  const port = Number(process.env.PORT ?? 3000);
  const consoleOrigin = `http://127.0.0.1:${port}`;
  // The standalone server runs with .next/standalone as its working directory: the local state
  // (session secret, embedded store) stays in this checkout's .console/ rather than in the build.
  const consoleEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    CONSOLE_STATE_DIR: process.env.CONSOLE_STATE_DIR || path.join(root, ".console"),
    CONSOLE_STORE_DIR: process.env.CONSOLE_STORE_DIR || path.join(root, ".console", "store"),
  };
  const embedded = !process.env.PEGASUS_API_BASE_URL;

  if (embedded) {
    const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
    const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
    const origins = new Set([
      consoleOrigin,
      `http://localhost:${port}`,
      ...(process.env.SANDBOX_CONSOLE_ORIGINS ?? "").split(",").filter(Boolean),
    ]);
    // The sandbox runs the real SDK CLI, runner and Temporal CLI from a Python venv (made once).
    log("checking the sandbox's Python environment (first run creates .sandbox/venv)");
    const venv = spawnSync(process.execPath, [path.join(root, "scripts", "ensure-python.mjs")], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (venv.status !== 0) {
      log("could not set up the Python environment (see above); python3 with venv and pip is required");
      process.exit(venv.status ?? 1);
    }
    log(`starting the sandbox on ${sandboxOrigin} (first run sets up and seeds; this can take a few minutes)`);
    run("sandbox", bin("tsx"), ["sandbox/server/main.ts"], {
      ...process.env,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_CONSOLE_ORIGINS: [...origins].join(","),
    });
    await waitFor(
      "sandbox API",
      async () => {
        const res = await fetch(`${sandboxOrigin}/api/v1/me/permissions`);
        return res.status === 401 || `answered ${res.status}`;
      },
      15 * 60_000,
    );
    await waitFor(
      "sandbox OIDC issuer",
      async () => {
        const res = await fetch(`${sandboxOrigin}/oidc/.well-known/openid-configuration`);
        return res.ok || `answered ${res.status}`;
      },
      60_000,
    );
    Object.assign(consoleEnv, {
      PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
      PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
      PEGASUS_EMBEDDED_SANDBOX: "1",
      // Prometheus metrics on their own loopback port (off in production unless configured).
      METRICS_PORT: process.env.METRICS_PORT ?? "9464",
      // the console's read-only Temporal seam (issue #15) reads the sandbox's dev server
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${process.env.SANDBOX_TEMPORAL_PORT ?? 7233}`,
      TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? "default",
    });
    log("sandbox is ready");
  } else {
    log(`using the Pegasus API at ${process.env.PEGASUS_API_BASE_URL}`);
  }

  const stale = buildIsStale();
  if (stale) {
    log(`building the console (${stale}); this takes a few minutes`);
    const build = spawnSync(bin("next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (build.status !== 0) {
      log("the console build failed");
      await stopAll(build.status ?? 1);
      return;
    }
  }

  log(`starting the console on ${consoleOrigin}`);
  // TRACE/CONNECT never reach Next's routing: the preloaded guard answers them 405 (scripts/http-method-guard.mjs).
  const guard = `--import "${path.join(root, "scripts", "http-method-guard.mjs")}"`;
  const server = prepareStandalone(root);
  run("console", process.execPath, [server], { ...consoleEnv, NODE_OPTIONS: `${consoleEnv.NODE_OPTIONS ?? ""} ${guard}`.trim() });
  await waitFor(
    "console",
    async () => {
      const res = await fetch(`${consoleOrigin}/api/health`);
      return res.status === 200 || res.status === 503 || `answered ${res.status}`;
    },
    120_000,
  );

  const lines = ["", `Pegasus Console: ${consoleOrigin}`, `Health:          ${consoleOrigin}/health`];
  if (consoleEnv.METRICS_PORT) lines.push(`Metrics:         http://127.0.0.1:${consoleEnv.METRICS_PORT}/metrics`);
  if (embedded) {
    lines.push(
      "",
      "Demo sign-ins (password: pegasus-demo)",
      "  viewer@atlas.example       viewer: reads workflows, diagrams and envelopes",
      "  dev@atlas.example          workflow_developer: runs, cancels, retries; secrets and config",
      "  publisher@atlas.example    integration_publisher: integration configs",
      "  admin@atlas.example        tenant_admin: everything",
      "  admin@borealis.example     tenant_admin of a second tenant (isolation)",
    );
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  process.stdout.write(lines.join("\n"));
}

main().catch(async (error) => {
  log(error instanceof Error ? error.message : String(error));
  await stopAll(1);
});
