import { describe, expect, inject, it } from "vitest";

// The sandbox-only readiness route the console's health page reads (`GET <origin>/health`).
const apiUrl = inject("apiUrl");
const temporalOn = process.env.SANDBOX_TEMPORAL !== "0";

describe("GET /health", () => {
  it("reports the API and Temporal's state, uncached and without auth", async () => {
    const res = await fetch(new URL("/health", apiUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { api: { state: string }; temporal: { state: string; address?: string; uiUrl?: string } };
    expect(body.api.state).toBe("ok");
    if (temporalOn) {
      expect(body.temporal.state).toBe("ok");
      expect(body.temporal.address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(body.temporal.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } else {
      expect(body.temporal.state).toBe("disabled");
    }
  });
});
