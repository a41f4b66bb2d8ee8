import { currentHealthViewer, getHealthReport, healthResponse, readinessOf } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health/ready — readiness: the Pegasus API and the OIDC issuer answer (200) or not (503).
// Anonymous and non-admin callers get only the status; tenant admins also get those checks.
export async function GET(): Promise<Response> {
  const [report, viewer] = await Promise.all([getHealthReport(), currentHealthViewer()]);
  return healthResponse(readinessOf(report), viewer);
}
