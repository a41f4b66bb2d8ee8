/**
 * Vitest global setup of the `contract` project: ensures the Python venv, starts ONE seeded
 * sandbox in-process on free loopback ports with a throw-away state folder, and provides its
 * URLs to tests through `inject()`. Teardown stops it and removes the folder.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { getFreePort } from "../server/lib/ports";
import { REPO_ROOT } from "../server/lib/paths";
import type { SeedKeys } from "../server/seed/base";
import { startSandbox } from "../server/sandbox";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>/api/v1` */
    apiUrl: string;
    /** `http://127.0.0.1:<port>/oidc` */
    issuer: string;
    /** The sandbox's state folder (SQLite at `<stateDir>/pegasus.db`). */
    stateDir: string;
    /** Plaintext seed keys (`demo`: demo tenant developer+admin, `platform`: platform tenant). */
    seedKeys: SeedKeys;
    /** Python venv with the SDK CLI. */
    venv: string;
  }
}

function ensureVenv(): string {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "ensure-python.mjs")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) throw new Error(`ensure-python failed (exit ${r.status ?? r.signal})`);
  const lines = r.stdout.trim().split("\n");
  const venv = lines[lines.length - 1];
  if (!venv) throw new Error("ensure-python printed no venv path");
  return venv;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.SANDBOX_LOG_LEVEL ??= "warn";
  const venv = ensureVenv();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "pegasus-sandbox-test-"));
  const [temporalPort, temporalUiPort] = [await getFreePort(), await getFreePort()];
  const sandbox = await startSandbox({
    port: 0,
    stateDir,
    venv,
    temporalPort,
    temporalUiPort,
    temporal: process.env.SANDBOX_TEMPORAL !== "0",
    seed: process.env.SANDBOX_TEST_SEED !== "0",
  });
  project.provide("apiUrl", sandbox.apiUrl);
  project.provide("issuer", sandbox.issuer);
  project.provide("stateDir", stateDir);
  project.provide("seedKeys", sandbox.seedKeys);
  project.provide("venv", venv);
  return async () => {
    await sandbox.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
}
