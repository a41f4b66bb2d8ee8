/**
 * CLI: `tsx sandbox/server/main.ts [--reset] [--reset-only] [--port N] [--no-temporal]`.
 * Starts the sandbox in the foreground; SIGINT/SIGTERM stop everything.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "./identities";
import { defaultStateDir } from "./lib/paths";
import { startSandbox } from "./sandbox";

interface Args {
  reset: boolean;
  resetOnly: boolean;
  port?: number;
  temporal?: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { reset: false, resetOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reset") args.reset = true;
    else if (a === "--reset-only") args.resetOnly = true;
    else if (a === "--no-temporal") args.temporal = false;
    else if (a === "--port") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error("--port needs a number 0..65535");
      args.port = n;
    } else if (a === "--help" || a === "-h") {
      console.log("usage: tsx sandbox/server/main.ts [--reset] [--reset-only] [--port N] [--no-temporal]");
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return args;
}

/** Wipe the state folder (the venv lives elsewhere and survives). */
function wipeState(stateDir: string): void {
  const resolved = path.resolve(stateDir);
  if (resolved === "/" || resolved === path.resolve(process.cwd())) throw new Error(`refusing to wipe ${resolved}`);
  rmSync(resolved, { recursive: true, force: true });
  console.log(`sandbox: wiped ${resolved}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const stateDir = defaultStateDir();
  if (args.reset || args.resetOnly) wipeState(stateDir);
  const sandbox = await startSandbox({ stateDir, port: args.port, temporal: args.temporal });
  if (args.resetOnly) {
    // Re-seed (base + demo) and exit.
    await sandbox.stop();
    console.log("sandbox: reset and re-seeded");
    return;
  }
  const { config } = sandbox;
  console.log(`Pegasus sandbox
  API:         ${config.apiBaseUrl}
  OIDC issuer: ${config.issuer}
  Temporal UI: ${config.temporal ? `http://127.0.0.1:${config.temporalUiPort}` : "(disabled: --no-temporal)"}
  State:       ${config.stateDir}
  Seed keys:   ${path.join(config.stateDir, "seed-keys.json")}
Demo users (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(26)} ${u.roles.join(",").padEnd(22)} ${u.persona}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: ${signal}, stopping`);
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
