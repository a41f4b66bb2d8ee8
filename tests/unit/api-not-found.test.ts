import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const route = await import("@/app/api/[...path]/route");
const { bffErrorSchema } = await import("@/lib/schemas/common");

// Regression (issue 8 fuzz): an /api path no route serves used to get Next's HTML not-found page.
describe("/api catch-all", () => {
  it.each(["GET", "POST", "PUT", "PATCH", "DELETE"] as const)("%s answers 404 with the error envelope", async (method) => {
    const res = await route[method](new Request(`http://127.0.0.1/api/no/such/${"x".repeat(500)}`, { method }));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    const { error } = bffErrorSchema.parse(await res.json());
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message.length).toBeLessThan(260);
  });
});
