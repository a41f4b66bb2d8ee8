import type { SandboxContext } from "../context";

const LEVELS = { info: 0, warn: 1, error: 2, silent: 3 } as const;
type Level = keyof typeof LEVELS;

function threshold(): number {
  const raw = process.env.SANDBOX_LOG_LEVEL;
  return raw && raw in LEVELS ? LEVELS[raw as Level] : LEVELS.info;
}

/** One-line JSON logger on stderr; SANDBOX_LOG_LEVEL=info|warn|error|silent. Never pass request bodies. */
export const log: SandboxContext["log"] = (level, message, fields) => {
  if (LEVELS[level] < threshold()) return;
  process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...fields }) + "\n");
};
