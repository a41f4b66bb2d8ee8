import "server-only";
import { getUsableSessionToken } from "@/lib/auth/server";
import { serverEnv } from "@/lib/env";
import { checkHealth } from "@/lib/pegasus/health";
import type { HealthReport, PublicHealth } from "@/lib/schemas/health";

/** Who asks for health: the detail (internal URLs, versions) is for tenant admins only. */
export type HealthViewer = "anonymous" | "member" | "admin";

/** The role that may read the detailed health report. */
export const HEALTH_DETAIL_ROLE = "tenant_admin";

/** Classifies a caller by the roles of their session (null: no session). */
export function healthViewerOf(roles: readonly string[] | null): HealthViewer {
  if (roles === null) return "anonymous";
  return roles.includes(HEALTH_DETAIL_ROLE) ? "admin" : "member";
}

/** The caller of this request, read from the session cookie. */
export async function currentHealthViewer(): Promise<HealthViewer> {
  const session = await getUsableSessionToken();
  return healthViewerOf(session ? session.roles : null);
}

/** The dependencies readiness depends on: without them nobody can sign in or do anything. */
const READINESS_CHECKS = new Set(["Pegasus API", "OIDC issuer"]);

/** Readiness: the upstream API and the issuer answer (Temporal is reported, but does not gate it). */
export function readinessOf(report: HealthReport): HealthReport {
  const checks = report.checks.filter((c) => c.name === "Console" || READINESS_CHECKS.has(c.name));
  return { ...report, status: checks.some((c) => c.state !== "ok") ? "degraded" : "ok", checks };
}

/** The body a health route answers with: the full report for admins, the bare status otherwise. */
export function healthBody(report: HealthReport, viewer: HealthViewer): HealthReport | PublicHealth {
  return viewer === "admin" ? report : { status: report.status };
}

/** The HTTP answer of a health route: 200 when ok, 503 when not, never cached. */
export function healthResponse(report: HealthReport, viewer: HealthViewer): Response {
  return Response.json(
    { data: healthBody(report, viewer) },
    { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}

/** The console's dependency report with the configured upstream and issuer. */
export async function getHealthReport(): Promise<HealthReport> {
  const env = serverEnv();
  return checkHealth({ apiBaseUrl: env.apiBaseUrl, oidcIssuer: env.oidcIssuer });
}
