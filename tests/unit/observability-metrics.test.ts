import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { observeBffRequest, observeUpstream, renderMetrics, routeTemplate, upstreamOperation } = await import("@/lib/observability/metrics");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { z } = await import("zod");

describe("labels stay bounded", () => {
  it("turns resolved params back into the route template", () => {
    expect(routeTemplate("/api/workflows/3f2a/executions/e%2F1/history", { id: "3f2a", executionId: "e/1" })).toBe(
      "/api/workflows/:id/executions/:executionId/history",
    );
    expect(routeTemplate("/api/matrix/no/such", { path: ["matrix", "no", "such"] })).toBe("/api/:path*/:path*/:path*");
    expect(routeTemplate("/api/workflows", {})).toBe("/api/workflows");
  });

  it("keeps resource words of an upstream path and hides ids, keys and versions", () => {
    expect(upstreamOperation("GET", "/workflows/0b0e5a46-1111-4000-8000-000000000001/executions/abc123/history")).toBe(
      "GET /workflows/:id/executions/:id/history",
    );
    expect(upstreamOperation("DELETE", "/workflow-secrets-configs/secrets/CLAIMS_PORTAL_TOKEN?group=x")).toBe(
      "DELETE /workflow-secrets-configs/secrets/:id",
    );
    expect(upstreamOperation("POST", "/integrations/demo_partner/config/rollback/3")).toBe("POST /integrations/:id/config/rollback/:id");
  });
});

describe("what is recorded", () => {
  it("BFF requests and upstream calls appear in the Prometheus text", async () => {
    observeBffRequest({ route: "/api/metrics-test/:id", method: "GET", status: 200, seconds: 0.012 });
    const client = createPegasusClient({
      baseUrl: "http://upstream.test/api/v1",
      timeoutMs: 1000,
      fetch: (async () => Response.json({ data: [] })) as typeof fetch,
      observe: observeUpstream,
    });
    await client.request({ path: "/metrics-probe/ABC_KEY", schema: z.object({ data: z.array(z.unknown()) }) });
    const { contentType, body } = await renderMetrics();
    expect(contentType).toContain("text/plain");
    expect(body).toContain('pegasus_console_bff_requests_total{route="/api/metrics-test/:id",method="GET",status="200"} 1');
    expect(body).toContain(
      'pegasus_console_bff_request_duration_seconds_bucket{le="0.025",route="/api/metrics-test/:id",method="GET",status="200"} 1',
    );
    expect(body).toMatch(/pegasus_console_upstream_request_duration_seconds_count\{operation="GET \/metrics-probe\/:id",outcome="200"\} 1/);
    expect(body).toContain("pegasus_console_process_cpu_seconds_total");
  });

  it("a transport failure is recorded with its code", async () => {
    const client = createPegasusClient({
      baseUrl: "http://upstream.test/api/v1",
      timeoutMs: 1000,
      retryBackoffMs: 1,
      fetch: (async () => {
        throw new TypeError("fetch failed");
      }) as typeof fetch,
      observe: observeUpstream,
    });
    await expect(client.request({ path: "/metrics-down", schema: z.unknown() })).rejects.toThrow();
    expect((await renderMetrics()).body).toMatch(
      /upstream_request_duration_seconds_count\{operation="GET \/metrics-down",outcome="UPSTREAM_UNREACHABLE"\} 1/,
    );
  });
});
