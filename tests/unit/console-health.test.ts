import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { checkHealth } = await import("@/lib/pegasus/health");
const { healthBody, healthResponse, healthViewerOf, readinessOf } = await import("@/lib/health");
const { shouldRetry } = await import("@/lib/queries/query-client");
const { BffClientError } = await import("@/lib/queries/fetcher");

const API = "http://sb.test/api/v1";
const ISSUER = "http://sb.test/oidc";

describe("health report", () => {
  it("reports every dependency reachable against a healthy sandbox", async () => {
    const f = (async (url: string) => {
      if (url === `${API}/me/permissions`) return Response.json({ error: "Missing token", code: "UNAUTHORIZED" }, { status: 401 });
      if (url === `${ISSUER}/.well-known/openid-configuration`)
        return Response.json({ issuer: ISSUER, authorization_endpoint: "a", token_endpoint: "t" });
      if (url === "http://sb.test/health") return Response.json({ ok: true, temporal: { state: "ok", address: "127.0.0.1:7233" } });
      return new Response("nope", { status: 404 });
    }) as typeof fetch;
    const report = await checkHealth({ apiBaseUrl: API, oidcIssuer: ISSUER, fetch: f });
    expect(report.status).toBe("ok");
    expect(report.checks.map((c) => [c.name, c.state])).toEqual([
      ["Console", "ok"],
      ["Pegasus API", "ok"],
      ["OIDC issuer", "ok"],
      ["Temporal", "ok"],
    ]);
  });

  it("explains why things are down, and Temporal is unknown without a sandbox health route", async () => {
    const f = (async (url: string) => {
      if (url.startsWith(API)) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      if (url.includes("openid-configuration"))
        return Response.json({ issuer: "http://other/oidc", authorization_endpoint: "a", token_endpoint: "t" });
      return new Response("not found", { status: 404 });
    }) as typeof fetch;
    const report = await checkHealth({ apiBaseUrl: API, oidcIssuer: ISSUER, fetch: f });
    expect(report.status).toBe("degraded");
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName["Pegasus API"]).toMatchObject({ state: "down" });
    expect(byName["Pegasus API"]?.detail).toContain("ECONNREFUSED");
    expect(byName["OIDC issuer"]?.detail).toContain("another issuer");
    expect(byName.Temporal?.state).toBe("unknown");
  });

  it("says down when Temporal is reported unreachable", async () => {
    const f = (async (url: string) =>
      url.endsWith("/health")
        ? Response.json({ temporal: { state: "down", detail: "connection refused 127.0.0.1:7233" } })
        : new Response("x", { status: 500 })) as typeof fetch;
    const report = await checkHealth({ apiBaseUrl: API, oidcIssuer: ISSUER, fetch: f });
    const temporal = report.checks.find((c) => c.name === "Temporal");
    expect(temporal).toMatchObject({ state: "down", detail: "connection refused 127.0.0.1:7233" });
  });
});

describe("who sees health detail (issue 13/19)", () => {
  const report = {
    status: "degraded" as const,
    checkedAt: "2026-12-02T09:00:00.000Z",
    checks: [
      { name: "Console", state: "ok" as const, target: "this process", detail: "serving (Node v20.0.0)", latencyMs: 0 },
      { name: "Pegasus API", state: "ok" as const, target: "http://10.0.0.7/api/v1", detail: "answered 401", latencyMs: 3 },
      { name: "OIDC issuer", state: "ok" as const, target: "http://10.0.0.7/oidc", detail: "discovery document served", latencyMs: 2 },
      { name: "Temporal", state: "down" as const, target: "10.0.0.8:7233", detail: "connection refused", latencyMs: null },
    ],
  };

  it("classifies callers by their session's roles", () => {
    expect(healthViewerOf(null)).toBe("anonymous");
    expect(healthViewerOf([])).toBe("member");
    expect(healthViewerOf(["viewer", "workflow_developer"])).toBe("member");
    expect(healthViewerOf(["viewer", "tenant_admin"])).toBe("admin");
  });

  it("gives anonymous callers and members the status only, admins the report", async () => {
    for (const viewer of ["anonymous", "member"] as const) {
      expect(healthBody(report, viewer)).toEqual({ status: "degraded" });
      const res = healthResponse(report, viewer);
      expect(res.status).toBe(503);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ data: { status: "degraded" } });
      for (const secret of ["10.0.0.7", "7233", "Node", "v20"]) expect(text).not.toContain(secret);
    }
    const admin = healthResponse(report, "admin");
    expect(((await admin.json()) as { data: unknown }).data).toEqual(report);
  });

  it("readiness depends on the API and the issuer, not on Temporal", () => {
    const ready = readinessOf(report);
    expect(ready.status).toBe("ok");
    expect(ready.checks.map((c) => c.name)).toEqual(["Console", "Pegasus API", "OIDC issuer"]);
    const issuerDown = { ...report, checks: report.checks.map((c) => (c.name === "OIDC issuer" ? { ...c, state: "down" as const } : c)) };
    expect(readinessOf(issuerDown).status).toBe("degraded");
    expect(healthResponse(readinessOf(issuerDown), "anonymous").status).toBe(503);
  });
});

describe("query retry policy", () => {
  it("never retries a 4xx, retries 5xx and network errors twice", () => {
    expect(shouldRetry(0, new BffClientError(404, "NOT_FOUND", "x", "r"))).toBe(false);
    expect(shouldRetry(0, new BffClientError(429, "CONCURRENCY_LIMIT", "x", "r"))).toBe(false);
    expect(shouldRetry(0, new BffClientError(502, "UPSTREAM_ERROR", "x", "r"))).toBe(true);
    expect(shouldRetry(1, new TypeError("network"))).toBe(true);
    expect(shouldRetry(2, new TypeError("network"))).toBe(false);
  });
});
