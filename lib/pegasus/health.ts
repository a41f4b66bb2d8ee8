import "server-only";
import { z } from "zod";
import { upstreamErrorSchema } from "@/lib/schemas/common";
import type { HealthCheck, HealthReport } from "@/lib/schemas/health";

export interface HealthOptions {
  apiBaseUrl: string;
  oidcIssuer: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const discoverySchema = z.looseObject({ issuer: z.string(), authorization_endpoint: z.string(), token_endpoint: z.string() });

// The sandbox's own readiness route (served next to /api/v1 on the same origin). A real Pegasus
// deployment has no such route, so its absence means "unknown", not "down".
const sandboxHealthSchema = z.looseObject({
  temporal: z.union([
    z.looseObject({
      state: z.string().optional(),
      ok: z.boolean().optional(),
      reachable: z.boolean().optional(),
      detail: z.string().optional(),
      address: z.string().optional(),
    }),
    z.string(),
    z.boolean(),
  ]),
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - start) };
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "no answer before the timeout";
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}

async function checkApi(opts: Required<HealthOptions>): Promise<HealthCheck> {
  // An unauthenticated call to a cheap route: a contract error body (401 UNAUTHORIZED) proves
  // the API is up and speaking the contract without needing a user's token.
  const target = `${opts.apiBaseUrl}/me/permissions`;
  try {
    const { value: res, ms } = await timed(() => opts.fetch(target, { signal: AbortSignal.timeout(opts.timeoutMs), cache: "no-store" }));
    const body = upstreamErrorSchema.safeParse(await res.json().catch(() => undefined));
    if (res.status === 401 && body.success) {
      return {
        name: "Pegasus API",
        state: "ok",
        target: opts.apiBaseUrl,
        detail: `answered 401 ${body.data.code ?? ""} to an anonymous call, as expected`.replace("  ", " "),
        latencyMs: ms,
      };
    }
    if (res.status >= 500) {
      return { name: "Pegasus API", state: "down", target: opts.apiBaseUrl, detail: `answered ${res.status}`, latencyMs: ms };
    }
    return {
      name: "Pegasus API",
      state: "down",
      target: opts.apiBaseUrl,
      detail: `answered ${res.status} but not with a contract error body`,
      latencyMs: ms,
    };
  } catch (error) {
    return { name: "Pegasus API", state: "down", target: opts.apiBaseUrl, detail: `unreachable: ${reason(error)}`, latencyMs: null };
  }
}

async function checkIssuer(opts: Required<HealthOptions>): Promise<HealthCheck> {
  const target = `${opts.oidcIssuer}/.well-known/openid-configuration`;
  try {
    const { value: res, ms } = await timed(() => opts.fetch(target, { signal: AbortSignal.timeout(opts.timeoutMs), cache: "no-store" }));
    if (!res.ok)
      return { name: "OIDC issuer", state: "down", target: opts.oidcIssuer, detail: `discovery answered ${res.status}`, latencyMs: ms };
    const doc = discoverySchema.safeParse(await res.json().catch(() => undefined));
    if (!doc.success)
      return { name: "OIDC issuer", state: "down", target: opts.oidcIssuer, detail: "discovery document is malformed", latencyMs: ms };
    if (doc.data.issuer.replace(/\/+$/, "") !== opts.oidcIssuer) {
      return {
        name: "OIDC issuer",
        state: "down",
        target: opts.oidcIssuer,
        detail: `discovery names another issuer: ${doc.data.issuer}`,
        latencyMs: ms,
      };
    }
    return { name: "OIDC issuer", state: "ok", target: opts.oidcIssuer, detail: "discovery document served", latencyMs: ms };
  } catch (error) {
    return { name: "OIDC issuer", state: "down", target: opts.oidcIssuer, detail: `unreachable: ${reason(error)}`, latencyMs: null };
  }
}

async function checkTemporal(opts: Required<HealthOptions>): Promise<HealthCheck> {
  const target = `${new URL(opts.apiBaseUrl).origin}/health`;
  try {
    const res = await opts.fetch(target, { signal: AbortSignal.timeout(opts.timeoutMs), cache: "no-store" });
    const body = sandboxHealthSchema.safeParse(await res.json().catch(() => undefined));
    if (!body.success) {
      return {
        name: "Temporal",
        state: "unknown",
        target,
        detail: "the API does not report Temporal (not a sandbox, or no health route)",
        latencyMs: null,
      };
    }
    const t = body.data.temporal;
    if (typeof t === "boolean")
      return {
        name: "Temporal",
        state: t ? "ok" : "down",
        target,
        detail: t ? "reported reachable by the sandbox" : "reported unreachable by the sandbox",
        latencyMs: null,
      };
    if (typeof t === "string") {
      const state = t === "ok" || t === "up" ? "ok" : t === "disabled" ? "unknown" : "down";
      return { name: "Temporal", state, target, detail: `sandbox reports "${t}"`, latencyMs: null };
    }
    const up = t.ok ?? t.reachable ?? (t.state ? t.state === "ok" || t.state === "up" : undefined);
    const state = t.state === "disabled" ? "unknown" : up === undefined ? "unknown" : up ? "ok" : "down";
    return {
      name: "Temporal",
      state,
      target: t.address ?? target,
      detail: t.detail ?? `sandbox reports ${t.state ?? (up ? "reachable" : "unreachable")}`,
      latencyMs: null,
    };
  } catch (error) {
    return { name: "Temporal", state: "unknown", target, detail: `could not ask the sandbox: ${reason(error)}`, latencyMs: null };
  }
}

/** Checks the console's dependencies in parallel, like a doctor command. */
export async function checkHealth(options: HealthOptions): Promise<HealthReport> {
  const opts: Required<HealthOptions> = { timeoutMs: 3000, fetch, ...options };
  const [api, issuer, temporal] = await Promise.all([checkApi(opts), checkIssuer(opts), checkTemporal(opts)]);
  const console: HealthCheck = {
    name: "Console",
    state: "ok",
    target: "this process",
    detail: `serving (Node ${process.version})`,
    latencyMs: 0,
  };
  const checks = [console, api, issuer, temporal];
  return {
    status: checks.some((c) => c.state === "down") ? "degraded" : "ok",
    checkedAt: new Date().toISOString(),
    checks,
  };
}
