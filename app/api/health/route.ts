import { getHealthReport } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health — console, upstream API, OIDC issuer and Temporal reachability; no session needed; 503 when degraded
export async function GET(): Promise<Response> {
  const report = await getHealthReport();
  return Response.json({ data: report }, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
