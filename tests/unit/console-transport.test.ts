import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));

const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { PegasusError } = await import("@/lib/pegasus/errors");
const { listWorkflows, getWorkflow } = await import("@/lib/pegasus/workflows");
const { listExecutions, cancelExecution } = await import("@/lib/pegasus/executions");
const { deleteTrigger } = await import("@/lib/pegasus/triggers");
const { getMappingSchema } = await import("@/lib/pegasus/integrations");

const BASE = "http://upstream.test/api/v1";

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    seen.push({ url, init: init ?? {} });
    return respond(url, init ?? {});
  });
  return { fetch: fn as unknown as typeof fetch, seen };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const WORKFLOW = {
  id: "11111111-1111-4111-8111-111111111111",
  tenantId: "t",
  name: "order-saved-notify",
  version: "0.2.0",
  visibility: "TENANT",
  manifest: { name: "order-saved-notify", version: "0.2.0", entryPoints: ["a:B"], diagram: "flowchart TD\n A-->B" },
  createdByUserId: "u",
  forkedFromWorkflowId: null,
  forkedFromVersion: null,
  artifactSha256: null,
  artifactSizeBytes: 10,
  executable: true,
  status: "ACTIVE",
  retiredAt: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

function client(fetchImpl: typeof fetch, extra: { timeoutMs?: number; idToken?: string } = {}) {
  let n = 0;
  return createPegasusClient({
    baseUrl: BASE,
    idToken: extra.idToken ?? "id.token.value",
    timeoutMs: extra.timeoutMs ?? 2000,
    fetch: fetchImpl,
    newRequestId: () => `req-${++n}`,
  });
}

async function failure(promise: Promise<unknown>): Promise<InstanceType<typeof PegasusError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PegasusError) return error;
    throw new Error(`expected a PegasusError, got ${String(error)}`);
  }
  throw new Error("expected the call to fail");
}

describe("pegasus transport", () => {
  it("sends Bearer id token, correlation id and accept; parses the envelope", async () => {
    const f = fakeFetch(() => json(200, { data: [WORKFLOW], meta: { count: 1 } }));
    const rows = await listWorkflows(client(f.fetch));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.manifest.requiredActions).toEqual([]);
    const headers = f.seen[0]?.init.headers as Record<string, string>;
    expect(f.seen[0]?.url).toBe(`${BASE}/workflows`);
    expect(headers.authorization).toBe("Bearer id.token.value");
    expect(headers["x-correlation-id"]).toBe("req-1");
    expect(headers.accept).toBe("application/json");
    expect(headers["content-type"]).toBeUndefined();
  });

  it("encodes path segments and query values; JSON body on mutations", async () => {
    const f = fakeFetch(() => json(200, { data: [], meta: { count: 0, limit: 10 } }));
    await listExecutions(client(f.fetch), "a/b", { limit: 10, before: undefined });
    expect(f.seen[0]?.url).toBe(`${BASE}/workflows/a%2Fb/executions?limit=10`);
    const g = fakeFetch(() => json(200, { data: [WORKFLOW] }));
    await listWorkflows(client(g.fetch), { includeRetired: true });
    expect(g.seen[0]?.url).toBe(`${BASE}/workflows?includeRetired=true`);
  });

  it("omits Authorization when there is no token", async () => {
    const f = fakeFetch(() => json(200, { type: "object" }));
    const c = createPegasusClient({ baseUrl: BASE, timeoutMs: 1000, fetch: f.fetch });
    await expect(getMappingSchema(c)).resolves.toEqual({ type: "object" });
    expect((f.seen[0]?.init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it.each([
    [400, "VALIDATION_ERROR"],
    [401, "TOKEN_EXPIRED"],
    [403, "FORBIDDEN"],
    [404, "NOT_FOUND"],
    [409, "EXECUTION_NOT_CANCELLABLE"],
    [422, "GATE_FAILED"],
    [423, "WORKFLOWS_DISABLED"],
    [429, "CONCURRENCY_LIMIT"],
    [500, "INTERNAL_ERROR"],
    [502, "TEMPORAL_CANCEL_FAILED"],
  ])("turns upstream %i %s into a PegasusError with status, code, message and request id", async (status, code) => {
    const f = fakeFetch(() => json(status, { error: `upstream says ${code}`, code, correlationId: "c-1" }));
    const err = await failure(cancelExecution(client(f.fetch), "w", "e"));
    expect(err.status).toBe(status);
    expect(err.code).toBe(code);
    expect(err.message).toBe(`upstream says ${code}`);
    expect(err.requestId).toBe("req-1");
    expect(err.extras.correlationId).toBe("c-1");
    expect(f.seen[0]?.init.method).toBe("POST");
  });

  it("keeps contract extras (report, problems, enabledTriggers, dependents)", async () => {
    const report = { ok: false, problems: [], corpus: { total: 1, passed: 0, failures: [] } };
    const f = fakeFetch(() => json(422, { error: "Config failed the validation gate", code: "GATE_FAILED", report }));
    const err = await failure(getWorkflow(client(f.fetch), "x"));
    expect(err.extras.report).toEqual(report);
  });

  it("maps an error without a contract body to a code derived from the status", async () => {
    const f = fakeFetch(() => new Response("<html>bad gateway</html>", { status: 503 }));
    const err = await failure(getWorkflow(client(f.fetch), "x"));
    expect(err.status).toBe(503);
    expect(err.code).toBe("UPSTREAM_ERROR");
    const g = fakeFetch(() => new Response("", { status: 404 }));
    const err404 = await failure(getWorkflow(client(g.fetch), "x"));
    expect(err404).toMatchObject({ status: 404, code: "HTTP_404" });
  });

  it("times out with 504 UPSTREAM_TIMEOUT when the upstream never answers", async () => {
    const f = fakeFetch(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    );
    const started = Date.now();
    const err = await failure(getWorkflow(client(f.fetch, { timeoutMs: 50 }), "x"));
    expect(err).toMatchObject({ status: 504, code: "UPSTREAM_TIMEOUT", requestId: "req-1" });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("reports a network failure as 502 UPSTREAM_UNREACHABLE", async () => {
    const f = fakeFetch(() => {
      throw new TypeError("fetch failed");
    });
    const err = await failure(getWorkflow(client(f.fetch), "x"));
    expect(err).toMatchObject({ status: 502, code: "UPSTREAM_UNREACHABLE" });
  });

  it("rejects a 2xx body that is not JSON (502 UPSTREAM_BAD_JSON)", async () => {
    const f = fakeFetch(() => new Response("not json", { status: 200 }));
    const err = await failure(getWorkflow(client(f.fetch), "x"));
    expect(err).toMatchObject({ status: 502, code: "UPSTREAM_BAD_JSON" });
  });

  it("rejects a 2xx body with the wrong shape (502 UPSTREAM_BAD_SHAPE) and names the field", async () => {
    const f = fakeFetch(() => json(200, { data: { ...WORKFLOW, visibility: "PUBLIC" } }));
    const err = await failure(getWorkflow(client(f.fetch), "x"));
    expect(err).toMatchObject({ status: 502, code: "UPSTREAM_BAD_SHAPE" });
    expect(err.message).toContain("data.visibility");
    const g = fakeFetch(() => json(200, [WORKFLOW]));
    await expect(failure(listWorkflows(client(g.fetch)))).resolves.toMatchObject({ code: "UPSTREAM_BAD_SHAPE" });
  });

  it("accepts 204 on no-content routes and still maps their errors", async () => {
    const f = fakeFetch(() => new Response(null, { status: 204 }));
    await expect(deleteTrigger(client(f.fetch), "w", "t")).resolves.toBeUndefined();
    expect(f.seen[0]?.init.method).toBe("DELETE");
    const g = fakeFetch(() => json(404, { error: "Trigger not found" }));
    await expect(failure(deleteTrigger(client(g.fetch), "w", "t"))).resolves.toMatchObject({
      status: 404,
      code: "HTTP_404",
      message: "Trigger not found",
    });
  });

  it("sends a JSON body with content-type on writes", async () => {
    const f = fakeFetch(() => json(201, { data: { id: "x" } }));
    const c = client(f.fetch);
    await c.request({ method: "POST", path: "/x", body: { a: 1 }, schema: z.object({ data: z.object({ id: z.string() }) }) });
    expect(f.seen[0]?.init.body).toBe('{"a":1}');
    expect((f.seen[0]?.init.headers as Record<string, string>)["content-type"]).toBe("application/json");
  });
});

describe("pegasus transport retries", () => {
  const wf = () => json(200, { data: WORKFLOW });
  const hang = (init: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });

  it.each([500, 502, 503, 504])("retries a read once after %i, with the same correlation id, and succeeds", async (status) => {
    let calls = 0;
    const f = fakeFetch(() => (++calls === 1 ? json(status, { error: "blip" }) : wf()));
    await expect(getWorkflow(client(f.fetch), "x")).resolves.toMatchObject({ id: WORKFLOW.id });
    expect(f.seen).toHaveLength(2);
    const ids = f.seen.map((s) => (s.init.headers as Record<string, string>)["x-correlation-id"]);
    expect(ids).toEqual(["req-1", "req-1"]);
  });

  it("gives up after two attempts when the read keeps failing, reporting the last answer", async () => {
    const f = fakeFetch(() => json(503, { error: "down for maintenance", code: "MAINTENANCE" }));
    const err = await failure(getWorkflow(client(f.fetch), "x"));
    expect(err).toMatchObject({ status: 503, code: "MAINTENANCE" });
    expect(f.seen).toHaveLength(2);
  });

  it("retries a read after a connection failure", async () => {
    let calls = 0;
    const f = fakeFetch(() => {
      if (++calls === 1) throw new TypeError("fetch failed");
      return wf();
    });
    await expect(getWorkflow(client(f.fetch), "x")).resolves.toMatchObject({ id: WORKFLOW.id });
    expect(f.seen).toHaveLength(2);
  });

  it("retries a read whose first attempt hangs, within the overall budget", async () => {
    let calls = 0;
    const f = fakeFetch((_url, init) => (++calls === 1 ? hang(init) : wf()));
    const started = Date.now();
    await expect(getWorkflow(client(f.fetch, { timeoutMs: 1200 }), "x")).resolves.toMatchObject({ id: WORKFLOW.id });
    expect(f.seen).toHaveLength(2);
    // First attempt gets two thirds of the budget, so the success lands before the budget ends.
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it("keeps a read that always hangs within the budget (two attempts, then 504)", async () => {
    const f = fakeFetch((_url, init) => hang(init));
    const started = Date.now();
    const err = await failure(getWorkflow(client(f.fetch, { timeoutMs: 400 }), "x"));
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ status: 504, code: "UPSTREAM_TIMEOUT" });
    expect(err.message).toContain("400 ms");
    expect(f.seen).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(900);
  });

  it.each([400, 401, 403, 404, 409, 422, 429])("does not retry a read answered %i", async (status) => {
    const f = fakeFetch(() => json(status, { error: "no" }));
    await failure(getWorkflow(client(f.fetch), "x"));
    expect(f.seen).toHaveLength(1);
  });

  it("does not retry a 2xx with a bad body (the answer would be the same)", async () => {
    const f = fakeFetch(() => new Response("{not json", { status: 200 }));
    await expect(failure(getWorkflow(client(f.fetch), "x"))).resolves.toMatchObject({ code: "UPSTREAM_BAD_JSON" });
    expect(f.seen).toHaveLength(1);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"] as const)("never sends a %s twice (503, connection failure, timeout)", async (method) => {
    const spec = { method, path: "/thing", body: method === "DELETE" ? undefined : { a: 1 } };
    const f503 = fakeFetch(() => json(503, { error: "busy" }));
    await expect(failure(client(f503.fetch).requestNoContent(spec))).resolves.toMatchObject({ status: 503 });
    expect(f503.seen).toHaveLength(1);

    const fNet = fakeFetch(() => {
      throw new TypeError("fetch failed");
    });
    await expect(failure(client(fNet.fetch).requestNoContent(spec))).resolves.toMatchObject({ code: "UPSTREAM_UNREACHABLE" });
    expect(fNet.seen).toHaveLength(1);

    const fHang = fakeFetch((_url, init) => hang(init));
    const started = Date.now();
    await expect(failure(client(fHang.fetch, { timeoutMs: 100 }).requestNoContent(spec))).resolves.toMatchObject({
      code: "UPSTREAM_TIMEOUT",
    });
    expect(fHang.seen).toHaveLength(1);
    // A write gets the whole budget for its single attempt.
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it("skips the retry when the budget is spent", async () => {
    const f = fakeFetch(async () => {
      await new Promise((r) => setTimeout(r, 80));
      return json(503, { error: "slow and busy" });
    });
    const err = await failure(getWorkflow(client(f.fetch, { timeoutMs: 120 }), "x"));
    expect(err.status).toBe(503);
    expect(f.seen).toHaveLength(1);
  });
});
