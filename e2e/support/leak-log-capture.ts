import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Server-log capture for the secret-leak scan (e2e/leak-secrets.spec.ts). The global setup calls
 * `captureChildLogs(child, label)` for each server it starts; stdout and stderr are appended to
 * `<E2E_LOG_DIR>/<label>.log` (the folder is created on first use and exported to workers through
 * the environment, like E2E_BASE_URL).
 */
export function captureChildLogs(child: ChildProcess, label: string): void {
  const dir = logDir() ?? createLogDir();
  const file = createWriteStream(path.join(dir, `${label.replace(/[^a-z0-9_-]/gi, "_")}.log`), { flags: "a" });
  child.stdout?.on("data", (chunk: Buffer) => file.write(chunk));
  child.stderr?.on("data", (chunk: Buffer) => file.write(chunk));
  child.once("exit", () => file.end());
}

function createLogDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-e2e-logs-"));
  mkdirSync(dir, { recursive: true });
  process.env.E2E_LOG_DIR = dir;
  return dir;
}

/** The capture folder, or null when the global setup does not capture logs. */
export function logDir(): string | null {
  return process.env.E2E_LOG_DIR ?? null;
}

/** Every captured log file with its text so far. */
export function readCapturedLogs(): Array<{ file: string; text: string }> {
  const dir = logDir();
  if (!dir) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".log"))
    .map((name) => ({ file: name, text: readFileSync(path.join(dir, name), "utf8") }));
}
