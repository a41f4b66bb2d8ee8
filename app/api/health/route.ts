import { currentHealthViewer, getHealthReport, healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health — console, upstream API, OIDC issuer and Temporal; 200 ok / 503 degraded. Anonymous
// and non-admin callers get only the status; tenant admins get the checks (URLs, versions, reasons).
export async function GET(): Promise<Response> {
  const [report, viewer] = await Promise.all([getHealthReport(), currentHealthViewer()]);
  return healthResponse(report, viewer);
}
