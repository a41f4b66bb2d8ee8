import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { probeCopy, runCli } from "../../sandbox/tests/runner/exec-helpers";
import { ROOT } from "./processes";

/**
 * Publishes the sandbox's runner probe as a curated GLOBAL workflow (`runner-probe-curated`, one of
 * the sandbox's curated names, so it runs in the durable shape: its workflow code and each step
 * are real Temporal tasks) with the real CLI and the platform's seed key. Its input picks a path:
 * `{mode: "sleep", seconds: "not-a-number"}` fails the workflow task on every attempt;
 * `{mode: "retry", attempts, retrySeconds}` has a step that fails and is retried.
 */
export async function publishCuratedProbe(version: string): Promise<void> {
  const stateDir = process.env.E2E_SANDBOX_STATE_DIR;
  const origin = process.env.E2E_SANDBOX_ORIGIN;
  if (!stateDir || !origin) throw new Error("E2E_SANDBOX_STATE_DIR / E2E_SANDBOX_ORIGIN are not set (e2e/global-setup.ts sets them)");
  const keys = JSON.parse(readFileSync(path.join(stateDir, "seed-keys.json"), "utf8")) as { platform: { key: string } };
  const venv = process.env.SANDBOX_VENV ?? path.join(ROOT, ".sandbox", "venv");
  const dir = probeCopy({ name: "runner-probe-curated", version, timeoutSeconds: 600 });
  try {
    const pushed = await runCli(venv, `${origin}/api/v1`, keys.platform.key, ["push", "-C", dir]);
    if (pushed.code !== 0) throw new Error(`push of the curated probe failed: ${pushed.stdout}\n${pushed.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
