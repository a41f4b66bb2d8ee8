import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { PegasusError } = await import("@/lib/pegasus/errors");
const { readWorkflowVersion } = await import("./server");

// The upstream's answers as pegasus-api.md §3.2 gives them: 404 for a retired id on GET /workflows/:id,
// the row (status RETIRED) in GET /workflows?includeRetired=true.
const ID = "11111111-1111-4111-8111-111111111111";
const row = (over: Record<string, unknown> = {}) => ({
  id: ID,
  tenantId: "t",
  name: "move-status-digest",
  version: "1.0.0",
  visibility: "TENANT",
  manifest: { name: "move-status-digest", version: "1.0.0", entryPoints: ["a:B"], diagram: "flowchart TD\n A-->B" },
  createdByUserId: "u",
  executable: true,
  status: "RETIRED",
  retiredAt: "2026-06-02T00:00:00.000Z",
  createdAt: "2026-06-01T00:00:00.000Z",
  updatedAt: "2026-06-02T00:00:00.000Z",
  ...over,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function upstream(byId: Response, list: unknown[]) {
  const calls: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    calls.push(`${url.pathname}${url.search}`);
    if (url.pathname.endsWith(`/workflows/${ID}`)) return byId.clone();
    if (url.pathname.endsWith("/workflows")) return json(200, { data: list, meta: { count: list.length } });
    return json(404, { error: "Not found", code: "NOT_FOUND" });
  }) as typeof fetch;
  return { client: createPegasusClient({ baseUrl: "http://upstream.test/api/v1", timeoutMs: 2_000, fetch: fetchFn }), calls };
}

const notFound = () => json(404, { error: "Workflow not found", code: "NOT_FOUND" });

describe("readWorkflowVersion", () => {
  it("returns an active row straight from GET /workflows/:id", async () => {
    const u = upstream(json(200, { data: row({ status: "ACTIVE", retiredAt: null }) }), []);
    expect((await readWorkflowVersion(u.client, ID)).status).toBe("ACTIVE");
    expect(u.calls).toEqual([`/api/v1/workflows/${ID}`]);
  });

  it("reads a retired version from the list with retired rows after the API's 404", async () => {
    const u = upstream(notFound(), [row({ id: "22222222-2222-4222-8222-222222222222", status: "ACTIVE", retiredAt: null }), row()]);
    const wf = await readWorkflowVersion(u.client, ID);
    expect(wf).toMatchObject({ id: ID, status: "RETIRED", retiredAt: "2026-06-02T00:00:00.000Z" });
    expect(u.calls).toEqual([`/api/v1/workflows/${ID}`, "/api/v1/workflows?includeRetired=true"]);
  });

  it("keeps the 404 for an id the caller's list does not hold as retired (missing, or another tenant's)", async () => {
    const u = upstream(notFound(), [row({ id: "22222222-2222-4222-8222-222222222222" })]);
    await expect(readWorkflowVersion(u.client, ID)).rejects.toMatchObject({ status: 404, code: "NOT_FOUND" });
    // A row listed as ACTIVE yet 404 by id is not second-guessed either.
    const active = upstream(notFound(), [row({ status: "ACTIVE", retiredAt: null })]);
    await expect(readWorkflowVersion(active.client, ID)).rejects.toBeInstanceOf(PegasusError);
  });

  it("passes other failures on without reading the list", async () => {
    const u = upstream(json(403, { error: "Forbidden", code: "FORBIDDEN" }), [row()]);
    await expect(readWorkflowVersion(u.client, ID)).rejects.toMatchObject({ status: 403 });
    expect(u.calls).toHaveLength(1);
  });
});
