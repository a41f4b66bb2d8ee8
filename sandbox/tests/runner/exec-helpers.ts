/** Helpers of the executions contract tests: API calls with the seed key, the real CLI, polling. */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROBE_PROJECT = path.join(path.dirname(fileURLToPath(import.meta.url)), "probe-project");

export interface Execution {
  id: string;
  tenantId: string;
  workflowId: string;
  workflowName: string | null;
  workflowVersion: string | null;
  status: string;
  input: unknown;
  result: unknown;
  errorMessage: string | null;
  temporalWorkflowId: string | null;
  temporalRunId: string | null;
  triggeredByUserId: string | null;
  triggerSource: string;
  triggeredByTriggerId: string | null;
  dryRun: boolean;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApiResult<T = unknown> {
  status: number;
  body: { data?: T; meta?: Record<string, unknown>; error?: string; code?: string } & Record<string, unknown>;
}

/** A tiny client bound to one API base and one bearer key. */
export function apiClient(apiUrl: string, key: string) {
  return async function call<T = unknown>(method: string, p: string, body?: unknown): Promise<ApiResult<T>> {
    const res = await fetch(`${apiUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as ApiResult<T>["body"]) : {} };
  };
}

/**
 * Run the real `pegasus-workflows` CLI with env credentials and a private HOME. Asynchronous on
 * purpose: a test may host the sandbox in its own process, whose event loop must keep serving.
 */
export function runCli(
  venv: string,
  apiUrl: string,
  key: string,
  args: string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(path.join(os.tmpdir(), "exec-cli-home-"));
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(venv, "bin", "pegasus-workflows"), args, {
      cwd: cwd ?? home,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        NODE_ENV: process.env.NODE_ENV,
        PATH: `${path.join(venv, "bin")}:${process.env.PATH ?? "/usr/bin:/bin"}`,
        HOME: home,
        LANG: "C.UTF-8",
        NO_COLOR: "1",
        TERM: "dumb",
        COLUMNS: "200",
        PEGASUS_WORKFLOW_TOKEN: key,
        PEGASUS_BASE_URL: new URL(apiUrl).origin,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.once("error", (err) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      reject(err);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Copy the probe project, renaming the workflow and setting version/timeout; returns the folder. */
export function probeCopy(opts: { name: string; version: string; timeoutSeconds: number }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "exec-probe-"));
  cpSync(PROBE_PROJECT, dir, { recursive: true });
  const toml = path.join(dir, "pegasus-workflows.toml");
  writeFileSync(
    toml,
    readFileSync(toml, "utf8")
      .replace('name = "runner-probe"', `name = "${opts.name}"`)
      .replace('version = "0.1.0"', `version = "${opts.version}"`)
      .replace("timeout_seconds = 60", `timeout_seconds = ${opts.timeoutSeconds}`),
  );
  const py = path.join(dir, "runner_probe", "workflow.py");
  writeFileSync(
    py,
    readFileSync(py, "utf8").replace(
      '@pegasus_workflow(name="runner-probe", version="0.1.0")',
      `@pegasus_workflow(name="${opts.name}", version="${opts.version}")`,
    ),
  );
  return dir;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 45_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const TERMINAL = ["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"];
