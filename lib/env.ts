// Used by proxy.ts too, so no "server-only" marker here (nothing in the browser imports this).

/**
 * Server configuration read from the environment, with sandbox defaults. Everything that
 * differs between the embedded sandbox and a real Pegasus deployment is here and nowhere else.
 */

/** Values of `sandbox/server/identities.ts` CONSOLE_CLIENT, copied on purpose: the console never imports the sandbox. */
const SANDBOX_CLIENT_ID = "pegasus-console";
const SANDBOX_CLIENT_SECRET = "pegasus-console-sandbox-secret";
/** Fixed secret for local and sandbox runs only; production against a real upstream must set AUTH_SECRET. */
export const DEV_AUTH_SECRET = "pegasus-console-dev-secret-not-for-production-use-0001";

export interface ServerEnv {
  apiBaseUrl: string;
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret: string;
  authSecret: string;
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
  const authSecret = env.AUTH_SECRET ?? (isProduction ? undefined : DEV_AUTH_SECRET);
  if (!authSecret) {
    throw new Error("AUTH_SECRET must be set when NODE_ENV=production and PEGASUS_API_BASE_URL is set");
  }
  const timeout = Number(env.PEGASUS_API_TIMEOUT_MS ?? "10000");
  const upstreamTimeoutMs = Number.isFinite(timeout) && timeout > 0 ? timeout : 10000;
  const historyTimeout = Number(env.PEGASUS_HISTORY_TIMEOUT_MS ?? "60000");
  return {
    apiBaseUrl: trimSlash(env.PEGASUS_API_BASE_URL ?? "http://127.0.0.1:4010/api/v1"),
    oidcIssuer: trimSlash(env.PEGASUS_OIDC_ISSUER ?? "http://127.0.0.1:4010/oidc"),
    oidcClientId: env.PEGASUS_OIDC_CLIENT_ID ?? SANDBOX_CLIENT_ID,
    oidcClientSecret: env.PEGASUS_OIDC_CLIENT_SECRET ?? SANDBOX_CLIENT_SECRET,
    authSecret,
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
