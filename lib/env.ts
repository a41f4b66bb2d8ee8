// Used by proxy.ts too, so no "server-only" marker here (nothing in the browser imports this).
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Server configuration read from the environment, with sandbox defaults. Everything that
 * differs between the embedded sandbox and a real Pegasus deployment is here and nowhere else.
 */

/** Values of `sandbox/server/identities.ts` CONSOLE_CLIENT, copied on purpose: the console never imports the sandbox. */
const SANDBOX_CLIENT_ID = "pegasus-console";
const SANDBOX_CLIENT_SECRET = "pegasus-console-sandbox-secret";
/** File name of the generated session secret inside the console's local state folder. */
export const LOCAL_SECRET_FILE = "auth-secret";
const MIN_SECRET_CHARS = 32;

export interface ServerEnv {
  apiBaseUrl: string;
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret: string;
  authSecret: string;
  /** Where the session secret came from: the environment, or the generated local file. */
  authSecretSource: "env" | "local-file";
  upstreamTimeoutMs: number;
  /** Budget of a history read: a multi-MB history takes the upstream longer than a row (PEGASUS_HISTORY_TIMEOUT_MS). */
  historyTimeoutMs: number;
  /** True when the console points at an explicitly configured upstream (not the embedded sandbox). */
  isExternalUpstream: boolean;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Reads and checks the server environment; throws when production lacks a required secret. */
export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  // scripts/start.mjs and the e2e setup point the console at a sandbox on a non-default port;
  // they mark it as embedded so the dev-only defaults still apply.
  const isExternalUpstream = Boolean(env.PEGASUS_API_BASE_URL) && env.PEGASUS_EMBEDDED_SANDBOX !== "1";
  const isProduction = env.NODE_ENV === "production" && isExternalUpstream;
  const configured = env.AUTH_SECRET ? env.AUTH_SECRET : undefined;
  if (!configured && isProduction) {
    throw new Error("AUTH_SECRET must be set when NODE_ENV=production and PEGASUS_API_BASE_URL is set");
  }
  // Local and sandbox runs without AUTH_SECRET get a random secret generated once and kept in the
  // local state folder, never a constant anyone could read in the source and forge cookies with.
  const authSecret = configured ?? readOrCreateLocalSecret(consoleStateDir(env));
  const timeout = Number(env.PEGASUS_API_TIMEOUT_MS ?? "10000");
  const upstreamTimeoutMs = Number.isFinite(timeout) && timeout > 0 ? timeout : 10000;
  const historyTimeout = Number(env.PEGASUS_HISTORY_TIMEOUT_MS ?? "60000");
  return {
    apiBaseUrl: trimSlash(env.PEGASUS_API_BASE_URL ?? "http://127.0.0.1:4010/api/v1"),
    oidcIssuer: trimSlash(env.PEGASUS_OIDC_ISSUER ?? "http://127.0.0.1:4010/oidc"),
    oidcClientId: env.PEGASUS_OIDC_CLIENT_ID ?? SANDBOX_CLIENT_ID,
    oidcClientSecret: env.PEGASUS_OIDC_CLIENT_SECRET ?? SANDBOX_CLIENT_SECRET,
    authSecret,
    authSecretSource: configured ? "env" : "local-file",
    upstreamTimeoutMs,
    // never shorter than an ordinary call
    historyTimeoutMs: Math.max(upstreamTimeoutMs, Number.isFinite(historyTimeout) && historyTimeout > 0 ? historyTimeout : 60000),
    isExternalUpstream,
  };
}

let cached: ServerEnv | undefined;
/** The process-wide server environment (read once). */
export function serverEnv(): ServerEnv {
  cached ??= readServerEnv();
  return cached;
}

/** The console's local state folder (git-ignored): `CONSOLE_STATE_DIR`, else `.console/` in the working directory. */
export function consoleStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CONSOLE_STATE_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), ".console"));
}

function readSecretFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const secret = text.trim();
  // Never overwrite a damaged file silently: sessions encrypted with it would all end at once.
  if (secret.length < MIN_SECRET_CHARS) throw new Error(`${file} does not hold a usable session secret; delete it to generate a new one`);
  return secret;
}

/**
 * The local session secret in `dir`, created on first use. Several console processes may start
 * at once, so creation is atomic: the secret is written (0600) to a file of this process's own,
 * hard-linked to the final name (which fails if another process got there first), and the final
 * file is read back, so every process ends up with the same value.
 */
export function readOrCreateLocalSecret(dir: string): string {
  const file = path.join(dir, LOCAL_SECRET_FILE);
  const existing = readSecretFile(file);
  if (existing) return existing;
  if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
  const temp = path.join(dir, `.${LOCAL_SECRET_FILE}.${process.pid}.${randomBytes(6).toString("hex")}`);
  writeFileSync(temp, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
  const secret = readSecretFile(file);
  if (!secret) throw new Error(`${file} vanished while it was being created`);
  return secret;
}

/** How the console learns its own public origin (CSRF check, sign-out return URL, Auth.js URLs). */
export interface OriginSettings {
  /** `TRUST_PROXY=1|true`: a reverse proxy in front sets X-Forwarded-Host/-Proto and strips client-sent ones. */
  trustProxy: boolean;
  /** The origin of `AUTH_URL` (or `NEXTAUTH_URL`) when set: then it alone is the console's origin. */
  publicOrigin: string | null;
}

/** Reads the origin settings (cheap, uncached, so tests can pass their own environment). */
export function originSettings(env: NodeJS.ProcessEnv = process.env): OriginSettings {
  const trustProxy = /^(1|true|yes)$/i.test((env.TRUST_PROXY ?? "").trim());
  const configured = env.AUTH_URL || env.NEXTAUTH_URL;
  let publicOrigin: string | null = null;
  if (configured) {
    try {
      publicOrigin = new URL(configured).origin;
    } catch {
      throw new Error("AUTH_URL is not a URL");
    }
  }
  return { trustProxy, publicOrigin };
}
