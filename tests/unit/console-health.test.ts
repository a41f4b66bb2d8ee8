import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { checkHealth } = await import("@/lib/pegasus/health");
const { shouldRetry } = await import("@/lib/queries/query-client");
const { BffClientError } = await import("@/lib/queries/fetcher");

const API = "http://sb.test/api/v1";
const ISSUER = "http://sb.test/oidc";

describe("health report", () => {
  it("reports every dependency reachable against a healthy sandbox", async () => {
    const f = (async (url: string) => {
      if (url === `${API}/me/permissions`) return Response.json({ error: "Missing token", code: "UNAUTHORIZED" }, { status: 401 });
      if (url === `${ISSUER}/.well-known/openid-configuration`) return Response.json({ issuer: ISSUER, authorization_endpoint: "a", token_endpoint: "t" });
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
      if (url.includes("openid-configuration")) return Response.json({ issuer: "http://other/oidc", authorization_endpoint: "a", token_endpoint: "t" });
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
      url.endsWith("/health") ? Response.json({ temporal: { state: "down", detail: "connection refused 127.0.0.1:7233" } }) : new Response("x", { status: 500 })) as typeof fetch;
    const report = await checkHealth({ apiBaseUrl: API, oidcIssuer: ISSUER, fetch: f });
    const temporal = report.checks.find((c) => c.name === "Temporal");
    expect(temporal).toMatchObject({ state: "down", detail: "connection refused 127.0.0.1:7233" });
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
