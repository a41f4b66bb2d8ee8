import { spawn } from "node:child_process";
import path from "node:path";
import { inject } from "vitest";

/** Runs the real SDK CLI's `pegasus-workflows integration-config <args>` against the test sandbox with an API key. */
export function integrationConfigCli(args: string[], token: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const origin = inject("apiUrl").replace(/\/api\/v1$/, "");
  const bin = path.join(inject("venv"), "bin", "pegasus-workflows");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["integration-config", ...args, "--token", token, "--base-url", origin], {
      env: { ...process.env, NO_COLOR: "1", TERM: "dumb", COLUMNS: "200" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
