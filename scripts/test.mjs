#!/usr/bin/env node
// The whole test suite, from a fresh clone: set-up (npm deps, Python venv, Chromium check),
// then lint, typecheck, unit tests, contract tests against a real sandbox, a production
// build (the deployable standalone folder), the Playwright journeys in Chromium against it, and
// the store-heavy journeys again against two console processes behind a round-robin proxy on one
// Postgres (nothing correct may live in one process). Stops at the first failing stage.
// The console's store is tested on embedded PGlite and on a throw-away Postgres 15 cluster
// (scripts/postgres.mjs) that this script starts for the unit stage (TEST_DATABASE_URL) and the
// journeys (DATABASE_URL); when that cluster cannot start, the suite fails.
// Usage: npm test            (all stages)
//        npm test -- unit    (only the named stages: setup is always done)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, startThrowawayPostgres } from "./postgres.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const resultsDir = path.join(root, "test-results");
mkdirSync(resultsDir, { recursive: true });
process.env.TZ = "UTC";

const counts = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

function run(label, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n━━ ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`━━ ${label} FAILED after ${secs}s (exit ${r.status ?? r.signal})`);
    return false;
  }
  console.log(`━━ ${label} ok (${secs}s)`);
  return true;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function addVitest(file) {
  const j = readJson(file);
  if (!j) return;
  counts.passed += j.numPassedTests ?? 0;
  counts.failed += j.numFailedTests ?? 0;
  counts.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function addPlaywright(file) {
  const j = readJson(file);
  if (!j?.stats) return;
  counts.passed += (j.stats.expected ?? 0) + (j.stats.flaky ?? 0);
  counts.failed += j.stats.unexpected ?? 0;
  counts.skipped += j.stats.skipped ?? 0;
}

let postgres = null;

function finish(ok) {
  postgres?.stop();
  const mins = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`\nTest suite ${ok ? "passed" : "FAILED"} in ${mins} min`);
  // Plain closing line read by CI: counts of individual tests across vitest and Playwright.
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

// ── set-up ────────────────────────────────────────────────────────────────────
const lock = path.join(root, "package-lock.json");
const installedLock = path.join(root, "node_modules", ".package-lock.json");
if (!existsSync(installedLock) || statSync(lock).mtimeMs > statSync(installedLock).mtimeMs + 1000) {
  if (!run("install npm dependencies", "npm", ["ci", "--no-audit", "--no-fund"])) finish(false);
}
if (!run("python venv", process.execPath, ["scripts/ensure-python.mjs"])) finish(false);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    run("install chromium", "bash", [
      "-c",
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core",
    ]);
  }
  if (!existsSync(chromium)) {
    console.error(`Chromium not found at ${chromium}. Install Debian's package: sudo apt-get install chromium`);
    finish(false);
  }
}

// ── stages ────────────────────────────────────────────────────────────────────
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const npx = (args) => ["npx", ["--no-install", ...args]];

// Postgres 15 for the store tests (unit stage) and the journeys (e2e stage).
let storeEnv = { unit: {}, e2e: {}, twoProcesses: {} };
if (want("unit") || want("e2e") || want("two-processes")) {
  try {
    console.log("\n━━ throw-away Postgres 15 for the store");
    postgres = await startThrowawayPostgres();
    storeEnv = {
      unit: { TEST_DATABASE_URL: postgres.url },
      e2e: { DATABASE_URL: createDatabase(postgres.url, "console_e2e") },
      twoProcesses: { DATABASE_URL: createDatabase(postgres.url, "console_e2e_two") },
    };
    console.log(`━━ Postgres ok (${postgres.url})`);
  } catch (error) {
    console.error(`━━ Postgres FAILED: ${error instanceof Error ? error.message : String(error)}`);
    finish(false);
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => finish(false));

/** Specs the two-process stage runs (the server-log check last: it also asserts both processes served). */
const TWO_PROCESS_SPECS = [
  "e2e/executions.spec.ts",
  "e2e/integrations.spec.ts",
  "e2e/secrets.spec.ts",
  "e2e/store.spec.ts",
  "e2e/zz-server-log.spec.ts",
];

const stages = [
  [
    "lint",
    () =>
      run("format", ...npx(["prettier", "--check", "--log-level", "warn", "**/*.{ts,tsx,mjs,js,css}"])) &&
      run("lint", ...npx(["eslint", "--max-warnings=0", "."])),
  ],
  ["typecheck", () => run("typecheck", ...npx(["tsc", "--noEmit", "-p", "tsconfig.json"]))],
  [
    "unit",
    () => {
      const out = path.join(resultsDir, "vitest-unit.json");
      const ok = run(
        "unit tests",
        ...npx(["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]),
        storeEnv.unit,
      );
      addVitest(out);
      return ok;
    },
  ],
  [
    "contract",
    () => {
      const out = path.join(resultsDir, "vitest-contract.json");
      const ok = run(
        "contract tests (real sandbox)",
        ...npx(["vitest", "run", "--project", "contract", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]),
      );
      addVitest(out);
      return ok;
    },
  ],
  [
    "build",
    () => run("production build", ...npx(["next", "build"])) && run("standalone folder", process.execPath, ["scripts/standalone.mjs"]),
  ],
  [
    "e2e",
    () => {
      const out = path.join(resultsDir, "playwright.json");
      const ok = run("browser journeys (Playwright + Chromium)", ...npx(["playwright", "test", "--reporter=list,json"]), {
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        E2E_REUSE_BUILD: "1",
        E2E_TEMPORAL: "1",
        ...storeEnv.e2e,
      });
      addPlaywright(out);
      return ok;
    },
  ],
  [
    "two-processes",
    () => {
      // The journeys that write the most shared state (executions, integration-config versions,
      // secrets, the store's own checks), each request landing on the other process than the last.
      const out = path.join(resultsDir, "playwright-two-processes.json");
      const specs = TWO_PROCESS_SPECS;
      const ok = run(
        "journeys on two console processes (round-robin proxy, one Postgres)",
        ...npx(["playwright", "test", ...specs, "--reporter=list,json"]),
        {
          PLAYWRIGHT_JSON_OUTPUT_NAME: out,
          E2E_REUSE_BUILD: "1",
          E2E_TEMPORAL: "1",
          E2E_CONSOLE_PROCESSES: "2",
          ...storeEnv.twoProcesses,
        },
      );
      addPlaywright(out);
      return ok;
    },
  ],
];

for (const [name, fn] of stages) {
  if (!want(name)) continue;
  if (!fn()) finish(false);
}
finish(true);
