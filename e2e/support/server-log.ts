import type { ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The console's stdout for the JSON-log check (e2e/zz-server-log.spec.ts): every line a console
 * process prints on stdout goes to `<E2E_LOG_DIR>/<label>.stdout`, except Next's own start-up lines
 * (banner, addresses, "Ready in", "Running next.config took"), which are not ours to format and are
 * dropped here by exact shape. Everything else must be one JSON object. The folder is the leak
 * scan's log folder.
 */
const NEXT_STARTUP_LINES = [
  /^\s*▲ Next\.js \d/,
  /^\s*- (Local|Network):\s+https?:\/\//,
  /^\s*✓ Ready in \d+m?s$/,
  /^\s*✓ Running next\.config took \d+m?s$/,
  /^\s*✓ Starting\.\.\.$/,
];

export function recordJsonStdout(child: ChildProcess, label: string): void {
  const dir = process.env.E2E_LOG_DIR ?? createLogDir();
  const file = path.join(dir, `${label.replace(/[^a-z0-9_-]/gi, "_")}.stdout`);
  let partial = "";
  // Consoles started from a Playwright worker inherit FORCE_COLOR, so Next colours its banner.
  const keep = (line: string) => {
    const plain = line.replace(/\x1b\[[0-9;]*m/g, "");
    return plain.trim().length > 0 && !NEXT_STARTUP_LINES.some((shape) => shape.test(plain));
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop() ?? "";
    const kept = lines.filter(keep);
    if (kept.length > 0) appendFileSync(file, kept.map((line) => `${line}\n`).join(""));
  });
  child.once("exit", () => {
    if (keep(partial)) appendFileSync(file, `${partial}\n`);
  });
  // An empty file marks a process that started, so the check can tell "no lines" from "not recorded".
  appendFileSync(file, "");
}

function createLogDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-e2e-logs-"));
  mkdirSync(dir, { recursive: true });
  process.env.E2E_LOG_DIR = dir;
  return dir;
}

/** Every recorded console stdout so far: file name and its lines (empty lines dropped). */
export function readConsoleStdout(): Array<{ file: string; lines: string[] }> {
  const dir = process.env.E2E_LOG_DIR;
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".stdout"))
    .map((name) => ({
      file: name,
      lines: readFileSync(path.join(dir, name), "utf8")
        .split("\n")
        .filter((line) => line.length > 0),
    }));
}
