import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (two levels above sandbox/server). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Default state folder (`.sandbox/state`), overridable with SANDBOX_STATE_DIR. */
export function defaultStateDir(): string {
  return path.resolve(process.env.SANDBOX_STATE_DIR ?? path.join(REPO_ROOT, ".sandbox", "state"));
}

/** Default Python venv (`.sandbox/venv`), overridable with SANDBOX_VENV. */
export function defaultVenv(): string {
  return path.resolve(process.env.SANDBOX_VENV ?? path.join(REPO_ROOT, ".sandbox", "venv"));
}
