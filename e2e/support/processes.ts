import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { captureChildLogs } from "./leak-log-capture";
import { recordJsonStdout } from "./server-log";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a long-running child in its own process group, with its output prefixed. */
export function startChild(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  // Every line the console and the sandbox print goes to a log file the leak test scans.
  captureChildLogs(child, label);
  const prefix = (chunk: Buffer) => {
    if (process.env.E2E_VERBOSE) process.stdout.write(`[${label}] ${chunk.toString()}`);
  };
  child.stdout?.on("data", prefix);
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[${label}] ${chunk.toString()}`));
  return child;
}

/** Stops a child started by startChild and everything it started. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** Polls until `check` returns true (no fixed sleeps in tests; this is setup readiness). */
export async function waitUntil(label: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${label}: process exited with ${child.exitCode}`);
    try {
      if (await check()) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${label} not ready after ${timeoutMs} ms ${last}`);
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  // Tests are not part of the build; teammates editing them must not force a rebuild.
  return readdirSync(target)
    .filter((entry) => !/\.test\.tsx?$/.test(entry))
    .reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), st.mtimeMs);
}

/**
 * The deployable build's server (next.config.mjs: output "standalone"; scripts/standalone.mjs adds
 * the assets). E2E_STANDALONE_SERVER runs another build's standalone server.js instead (a bench
 * comparing two builds in one time slot on the shared machine).
 */
export const STANDALONE_SERVER = process.env.E2E_STANDALONE_SERVER || path.join(ROOT, ".next", "standalone", "server.js");

/** Copies the static assets beside the standalone server (idempotent, a second or two). */
function prepareStandalone(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "standalone.mjs")], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("scripts/standalone.mjs failed");
}

/** What a production build is made from (one list, shared with `npm start`): newer means rebuild. */
const BUILD_INPUTS = JSON.parse(readFileSync(path.join(ROOT, "scripts", "build-inputs.json"), "utf8")) as string[];

/** Builds the console unless a production build newer than its sources exists, then readies the standalone folder. */
export function ensureProductionBuild(): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = existsSync(buildId) && existsSync(STANDALONE_SERVER);
  // E2E_REUSE_BUILD=1 trusts an existing build (teammates' edits under lib/ would otherwise force one).
  const fresh =
    built &&
    (process.env.E2E_REUSE_BUILD === "1" ||
      (process.env.E2E_REBUILD !== "1" && !BUILD_INPUTS.some((s) => newestMtime(path.join(ROOT, s)) > statSync(buildId).mtimeMs)));
  if (!fresh) {
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error("next build failed");
  }
  prepareStandalone();
}

/**
 * Starts one console process from the deployable build (`node .next/standalone/server.js`) on
 * 127.0.0.1:`port`, with the TRACE/CONNECT guard preloaded as `npm start` does. Its stdout is also
 * recorded for the JSON-log check (e2e/zz-server-log.spec.ts). `nodeArgs` go to node before the
 * script (bench/bff-profile.ts passes `--cpu-prof`, which NODE_OPTIONS does not accept).
 */
export function startConsoleServer(label: string, port: number, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  const guard = `--import "${path.join(ROOT, "scripts", "http-method-guard.mjs")}"`;
  const child = startChild(label, process.execPath, [...nodeArgs, STANDALONE_SERVER], {
    ...env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} ${guard}`.trim(),
  });
  recordJsonStdout(child, label);
  return child;
}
