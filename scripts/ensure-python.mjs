#!/usr/bin/env node
// Creates (once) the sandbox's Python venv and installs sandbox/requirements.txt into it.
// Re-installs only when the requirements file changes (its hash is stamped in the venv).
// Usage: node scripts/ensure-python.mjs   → prints the venv path on the last line.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const venv = path.resolve(process.env.SANDBOX_VENV ?? path.join(root, ".sandbox", "venv"));
const requirements = path.join(root, "sandbox", "requirements.txt");
const runnerReq = path.join(root, "sandbox", "runner", "requirements.txt");

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) {
    console.error(`ensure-python: ${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const files = [requirements, ...(existsSync(runnerReq) ? [runnerReq] : [])];
const hash = createHash("sha256");
for (const f of files) hash.update(readFileSync(f));
const digest = hash.digest("hex");
const stamp = path.join(venv, ".requirements.sha256");
const python = path.join(venv, "bin", "python");

if (!existsSync(python)) {
  mkdirSync(path.dirname(venv), { recursive: true });
  const base = process.env.PYTHON ?? "python3";
  console.error(`ensure-python: creating venv at ${venv}`);
  run(base, ["-m", "venv", venv]);
}
if (!existsSync(stamp) || readFileSync(stamp, "utf8").trim() !== digest) {
  console.error("ensure-python: installing sandbox Python requirements");
  run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...files.flatMap((f) => ["-r", f])]);
  writeFileSync(stamp, digest + "\n");
}
console.log(venv);
