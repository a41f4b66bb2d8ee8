import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

/**
 * A fake upstream of the workflow list and per-workflow execution pages (contract §3.2, §4.4,
 * §4.5), behind the real transport via an injected fetch: keyset pages by `before` id, newest
 * first, plus cancel answering 409 EXECUTION_NOT_CANCELLABLE for finished runs.
 */
const WF = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"];
const STATUSES = ["COMPLETED", "FAILED", "RUNNING", "CANCELLED"] as const;
interface Row {
  id: string;
  workflowId: string;
  status: (typeof STATUSES)[number];
  queuedAt: string;
  dryRun: boolean;
}
const upstream = { rows: [] as Row[], calls: [] as string[] };

function execution(r: Row) {
  return {
    id: r.id,
    tenantId: "t-1",
    workflowId: r.workflowId,
    workflowName: `wf-${r.workflowId.slice(0, 1)}`,
    workflowVersion: "0.1.0",
    status: r.status,
    input: {},
    result: null,
    errorMessage: null,
    temporalWorkflowId: null,
    temporalRunId: null,
    triggeredByUserId: null,
    triggerSource: "USER",
    triggeredByTriggerId: null,
    dryRun: r.dryRun,
    queuedAt: r.queuedAt,
    startedAt: r.queuedAt,
    finishedAt: null,
    createdAt: r.queuedAt,
    updatedAt: r.queuedAt,
  };
}
function workflow(id: string) {
  return {
    id,
    tenantId: "t-1",
    name: `wf-${id.slice(0, 1)}`,
    version: "0.1.0",
    visibility: "TENANT",
    manifest: { name: `wf-${id.slice(0, 1)}`, version: "0.1.0", entryPoints: ["a.b:C"] },
    createdByUserId: null,
    executable: true,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const byUpstreamOrder = (a: Row, b: Row) => Date.parse(b.queuedAt) - Date.parse(a.queuedAt) || (a.id < b.id ? 1 : -1);

const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(String(input));
  const method = init?.method ?? "GET";
  upstream.calls.push(`${method} ${url.pathname}${url.search}`);
  if (url.pathname === "/api/v1/workflows") return json(200, { data: WF.map(workflow), meta: { count: WF.length } });
  const list = /^\/api\/v1\/workflows\/([^/]+)\/executions$/.exec(url.pathname);
  if (list && method === "GET") {
    const limit = Math.min(200, Number(url.searchParams.get("limit") ?? 50));
    const rows = upstream.rows.filter((r) => r.workflowId === list[1]).sort(byUpstreamOrder);
    const before = url.searchParams.get("before");
    const at = before ? rows.findIndex((r) => r.id === before) : -1;
    const page = rows.slice(at + 1, at + 1 + limit);
    return json(200, { data: page.map(execution), meta: { count: page.length, limit } });
  }
  const cancel = /^\/api\/v1\/workflows\/([^/]+)\/executions\/([^/]+)\/cancel$/.exec(url.pathname);
  if (cancel && method === "POST") {
    const row = upstream.rows.find((r) => r.id === cancel[2] && r.workflowId === cancel[1]);
    if (!row) return json(404, { error: "Execution not found", code: "NOT_FOUND" });
    if (row.status !== "RUNNING")
      return json(409, { error: `Execution is already ${row.status} — nothing to cancel`, code: "EXECUTION_NOT_CANCELLABLE" });
    return json(202, { data: execution(row) });
  }
  return json(404, { error: "Not found", code: "NOT_FOUND" });
}) as typeof fetch;

const { makeBffRoute } = await import("@/lib/api/route");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const errors = await import("@/lib/api/errors");
const SESSION = {
  user: { name: "Ada", email: "a@x", tenantId: "t-1", tenantName: null, roles: ["workflow_developer"] },
  expires: "2099-01-01",
};
const pegasus = createPegasusClient({ baseUrl: "http://upstream.test/api/v1", timeoutMs: 2_000, fetch: fakeFetch });
vi.mock("@/lib/api", () => ({
  bffRoute: makeBffRoute(async () => ({ session: SESSION, pegasus })),
  BffRequestError: errors.BffRequestError,
  bffStatusFor: errors.bffStatusFor,
  errorResponse: errors.errorResponse,
}));
const listRoute = await import("@/app/api/executions/route");
const cancelRoute = await import("@/app/api/workflows/[id]/executions/[executionId]/cancel/route");

const ORIGIN = "http://console.test";
const get = (path: string) => listRoute.GET(new Request(ORIGIN + path), { params: Promise.resolve({}) });
const post = (path: string, params: Record<string, string>) =>
  cancelRoute.POST(
    new Request(ORIGIN + path, { method: "POST", headers: { origin: ORIGIN, host: "console.test", "x-audit-reason": "unit%20test" } }),
    { params: Promise.resolve(params) },
  );

interface Page {
  data: { items: Array<{ id: string; status: string; dryRun: boolean }>; nextCursor: string | null };
}

beforeEach(() => {
  upstream.calls = [];
  upstream.rows = [];
  // 3 workflows with 0, 7 and 130 runs; many share a queuedAt to exercise the id tie-break.
  const counts = [0, 7, 130];
  let n = 0;
  WF.forEach((workflowId, w) => {
    for (let i = 0; i < (counts[w] ?? 0); i++, n++) {
      upstream.rows.push({
        id: `${String(w)}${String(i).padStart(7, "0")}-0000-4000-8000-000000000000`,
        workflowId,
        status: STATUSES[n % STATUSES.length] ?? "COMPLETED",
        queuedAt: new Date(Date.UTC(2026, 5, 1, 0, Math.floor(n / 3))).toISOString(),
        dryRun: n % 5 === 0,
      });
    }
  });
});

describe("GET /api/executions", () => {
  it("pages through every workflow's runs in upstream order, once each, with an opaque cursor", async () => {
    const seen: string[] = [];
    let path = "/api/executions?limit=25";
    for (let guard = 0; guard < 20; guard++) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Page;
      seen.push(...body.data.items.map((e) => e.id));
      if (!body.data.nextCursor) break;
      expect(body.data.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      path = `/api/executions?limit=25&cursor=${body.data.nextCursor}`;
    }
    expect(seen).toEqual([...upstream.rows].sort(byUpstreamOrder).map((r) => r.id));
    // The workflow list is read once, for the first page only.
    expect(upstream.calls.filter((c) => c.startsWith("GET /api/v1/workflows?") || c === "GET /api/v1/workflows")).toHaveLength(1);
    expect(upstream.calls[0]).toBe("GET /api/v1/workflows?includeRetired=true");
  });

  it("applies URL filters and restricts the fan-out to ?workflow=", async () => {
    const res = await get(`/api/executions?status=FAILED,RUNNING&dryRun=false&workflow=${WF[2]}&limit=100`);
    const body = (await res.json()) as Page;
    const expected = upstream.rows
      .filter((r) => r.workflowId === WF[2] && ["FAILED", "RUNNING"].includes(r.status) && !r.dryRun)
      .sort(byUpstreamOrder);
    expect(body.data.items.map((e) => e.id)).toEqual(expected.map((r) => r.id));
    expect(upstream.calls.some((c) => c.includes(WF[1] as string))).toBe(false);
    expect(upstream.calls.some((c) => c.startsWith("GET /api/v1/workflows?"))).toBe(false);
  });

  it.each([
    ["status=DONE", "status"],
    ["from=yesterday", "from"],
    ["workflow=not-a-uuid", "workflow"],
    ["cursor=abc", "cursor"],
    ["limit=0", "limit"],
    ["surprise=1", "surprise"],
  ])("answers 400 VALIDATION_ERROR for %s, naming the parameter", async (qs, where) => {
    const res = await get(`/api/executions?${qs}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("VALIDATION_ERROR");
    expect(body.error.message).toContain(where);
  });

  it("rejects a cursor made for other filters", async () => {
    const first = (await (await get("/api/executions?limit=5&status=COMPLETED")).json()) as Page;
    expect(first.data.nextCursor).not.toBeNull();
    const res = await get(`/api/executions?limit=5&status=FAILED&cursor=${first.data.nextCursor}`);
    expect(res.status).toBe(400);
  });
});

describe("POST /api/workflows/:id/executions/:executionId/cancel", () => {
  it("answers 202 for a running run and passes the contract's 409 through for a finished one", async () => {
    const running = upstream.rows.find((r) => r.status === "RUNNING") as Row;
    const done = upstream.rows.find((r) => r.status === "COMPLETED") as Row;
    const ok = await post(`/api/workflows/${running.workflowId}/executions/${running.id}/cancel`, {
      id: running.workflowId,
      executionId: running.id,
    });
    expect(ok.status).toBe(202);
    const conflict = await post(`/api/workflows/${done.workflowId}/executions/${done.id}/cancel`, {
      id: done.workflowId,
      executionId: done.id,
    });
    expect(conflict.status).toBe(409);
    const body = (await conflict.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("EXECUTION_NOT_CANCELLABLE");
    expect(body.error.message).toContain("nothing to cancel");
  });

  it("rejects a cross-origin cancel before calling the upstream", async () => {
    const running = upstream.rows.find((r) => r.status === "RUNNING") as Row;
    const res = await cancelRoute.POST(
      new Request(`${ORIGIN}/api/workflows/${running.workflowId}/executions/${running.id}/cancel`, {
        method: "POST",
        headers: { origin: "http://evil.test", host: "console.test" },
      }),
      { params: Promise.resolve({ id: running.workflowId, executionId: running.id }) },
    );
    expect(res.status).toBe(403);
    expect(upstream.calls).toHaveLength(0);
  });
});
