/**
 * Start-up (issue 8): a fresh `git clone` of the committed HEAD of this repository into a temp
 * folder, then the README's `npm start` there (npm ci, Python venv, sandbox set-up and seed,
 * `next build`, console) on free loopback ports until the console answers `/api/health`; stop it;
 * then `npm start` again in the same clone: the warm restart. Phases come from the launcher's own
 * output lines (`[start] …`, `ensure-python: …`, Next's build lines), timestamped as they arrive.
 *
 * This takes minutes and runs npm ci + a production build (heavy on a 2-core machine): run it alone,
 * e.g. `flock /tmp/next.lock npx tsx bench/startup.ts`. Knobs: BENCH_KEEP_CLONE=1 keeps the clone,
 * BENCH_COLD_MINUTES (30) and BENCH_WARM_MINUTES (5) bound each start.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, ROOT } from "../e2e/support/processes";
import { printMachine, printTable } from "./support";

const COLD_MS = Number(process.env.BENCH_COLD_MINUTES ?? "30") * 60_000;
const WARM_MS = Number(process.env.BENCH_WARM_MINUTES ?? "5") * 60_000;

/** Output lines that mark a phase of the launcher (the rest is only kept for a failure report). */
const PHASE_LINE =
  /^\[start\]|^ensure-python:|Creating an optimized production build|Compiled successfully|Generating static pages \(\d+\/\d+\)$|^Pegasus Console:|sandbox.*(seed|ready|listening)/i;

interface StartResult {
  readyMs: number;
  phases: Array<{ atMs: number; line: string }>;
}

/** Runs `npm start` in `dir` until `/api/health` answers, then stops it (SIGTERM to its group). */
async function timedStart(
  dir: string,
  env: NodeJS.ProcessEnv,
  consoleOrigin: string,
  limitMs: number,
  down: string[],
): Promise<StartResult> {
  for (const origin of down) {
    if (
      await fetch(origin).then(
        () => true,
        () => false,
      )
    )
      throw new Error(`${origin} already answers: a previous start is still running`);
  }
  const t0 = performance.now();
  const child: ChildProcess = spawn("npm", ["start"], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const phases: StartResult["phases"] = [];
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const raw of chunk.toString().split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (PHASE_LINE.test(line)) phases.push({ atMs: Math.round(performance.now() - t0), line: line.slice(0, 110) });
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = t0 + limitMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${tail.join("\n")}`);
      if (performance.now() > deadline) throw new Error(`console not ready in ${limitMs / 1000} s:\n${tail.join("\n")}`);
      const status = await fetch(`${consoleOrigin}/api/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200 || status === 503) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return { readyMs: Math.round(performance.now() - t0), phases };
  } finally {
    // The launcher stops its children (sandbox, Temporal, console) on SIGTERM.
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    // npm exits before the launcher has stopped its children: wait until nothing answers any more,
    // or a restart would find the old servers still listening.
    const until = performance.now() + 60_000;
    for (const origin of down) {
      while (
        performance.now() < until &&
        (await fetch(origin).then(
          () => true,
          () => false,
        ))
      )
        await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function main(): Promise<void> {
  printMachine();
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  const base = mkdtempSync(path.join(os.tmpdir(), "bench-startup-"));
  const dir = path.join(base, "console");
  try {
    const c0 = performance.now();
    const clone = spawnSync("git", ["clone", "--quiet", "--no-local", ROOT, dir], { encoding: "utf8" });
    if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
    const cloneMs = Math.round(performance.now() - c0);

    const [port, sandboxPort, temporalPort, temporalUiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const consoleOrigin = `http://127.0.0.1:${port}`;
    // No NODE_ENV on purpose (npm ci would skip devDependencies); the launcher sets it for the console.
    const env = {} as NodeJS.ProcessEnv;
    // Only the basics of this shell: nothing of a running console/sandbox/test leaks into the clone.
    for (const key of [
      "PATH",
      "HOME",
      "USER",
      "LANG",
      "TMPDIR",
      "npm_config_cache",
      "PIP_INDEX_URL",
      "HTTP_PROXY",
      "HTTPS_PROXY",
      "NO_PROXY",
      "http_proxy",
      "https_proxy",
      "no_proxy",
    ]) {
      if (process.env[key] !== undefined) env[key] = process.env[key];
    }
    Object.assign(env, {
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_TEMPORAL_PORT: String(temporalPort),
      SANDBOX_TEMPORAL_UI_PORT: String(temporalUiPort),
      SANDBOX_STATE_DIR: path.join(base, "state"),
      NEXT_TELEMETRY_DISABLED: "1",
    });
    console.log(`clone of ${head} in ${dir} (${(cloneMs / 1000).toFixed(1)} s)`);

    // Until the launcher sets up the Python venv itself, a fresh clone's `npm start` stops at the
    // sandbox ("Temporal CLI or Python not found"). Then this step runs it first, timed apart.
    let venvMs = 0;
    if (!readFileSync(path.join(dir, "scripts", "start.mjs"), "utf8").includes("ensure-python")) {
      console.log("scripts/start.mjs does not run scripts/ensure-python.mjs: running it first (timed as its own step)");
      const v0 = performance.now();
      const venv = spawnSync(process.execPath, ["scripts/ensure-python.mjs"], { cwd: dir, env, encoding: "utf8", timeout: COLD_MS });
      if (venv.status !== 0) throw new Error(`ensure-python failed: ${venv.stderr}`);
      venvMs = Math.round(performance.now() - v0);
    }
    console.log("cold start…");
    // Ports that must be free before a start and are waited for after it stops.
    const down = [consoleOrigin, `http://127.0.0.1:${sandboxPort}`, `http://127.0.0.1:${temporalUiPort}`];
    const cold = await timedStart(dir, env, consoleOrigin, COLD_MS, down);
    console.log(`cold start ready in ${(cold.readyMs / 1000).toFixed(1)} s; warm restart…`);
    const warm = await timedStart(dir, env, consoleOrigin, WARM_MS, down);

    console.log("\nphases (seconds since `npm start`, from the launcher's own lines)");
    for (const [label, r] of [
      ["cold", cold],
      ["warm", warm],
    ] as const) {
      printTable(
        [`${label} at (s)`, "line"],
        r.phases.map((p) => [(p.atMs / 1000).toFixed(1), p.line]),
      );
      console.log("");
    }
    printTable(
      ["step", "seconds"],
      [
        ["git clone (committed HEAD)", (cloneMs / 1000).toFixed(1)],
        ["Python venv before npm start (0 when the launcher does it)", (venvMs / 1000).toFixed(1)],
        ["fresh clone: npm start → console ready", (cold.readyMs / 1000).toFixed(1)],
        ["fresh clone total (clone + venv + start)", ((cloneMs + venvMs + cold.readyMs) / 1000).toFixed(1)],
        ["warm restart: npm start → console ready", (warm.readyMs / 1000).toFixed(1)],
      ],
    );
    console.log("\nnote: npm ci and pip use this machine's package caches (~/.npm, ~/.cache/pip) when present");
  } finally {
    if (process.env.BENCH_KEEP_CLONE === "1") console.log(`clone kept at ${dir}`);
    else rmSync(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
