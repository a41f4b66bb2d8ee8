export const dynamic = "force-dynamic";

// GET /api/health/live — liveness: this process answers. Asks nothing upstream, reveals nothing.
export function GET(): Response {
  return Response.json({ data: { status: "ok" } }, { headers: { "cache-control": "no-store" } });
}
