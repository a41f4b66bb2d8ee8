import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { propagation, trace } from "@opentelemetry/api";

vi.mock("server-only", () => ({}));

const { makeBffRoute } = await import("@/lib/api/route");
const { setLogger } = await import("@/lib/observability/log");
const { observeUpstream } = await import("@/lib/observability/metrics");
const { inSpan } = await import("@/lib/observability/tracing");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { openStore } = await import("@/lib/store/open");

const SESSION = { user: { name: "Ada", email: "a@x", tenantId: "t-1", tenantName: null, roles: ["tenant_admin"] }, expires: "2099-01-01" };

function recordingFetch() {
  const headers: Array<Record<string, string>> = [];
  const fn = (async (_input: string | URL | Request, init?: RequestInit) => {
    headers.push({ ...(init?.headers as Record<string, string>) });
    return Response.json({ data: { ok: true } });
  }) as typeof fetch;
  return { fetch: fn, headers };
}

function logLines(): string[] {
  const lines: string[] = [];
  setLogger(
    pino(
      { base: null },
      new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(...chunk.toString().split("\n").filter(Boolean)), done()) }),
    ),
  );
  return lines;
}

function handlerWith(fetchImpl: typeof fetch) {
  const pegasus = createPegasusClient({
    baseUrl: "http://upstream.test/api/v1",
    idToken: "tok",
    timeoutMs: 1000,
    retryBackoffMs: 1,
    fetch: fetchImpl,
    observe: observeUpstream,
  });
  return makeBffRoute(async () => ({ session: SESSION, pegasus }))(
    { params: z.object({ id: z.string() }), output: z.object({ ok: z.boolean() }) },
    ({ pegasus, params }) =>
      pegasus.request({ path: `/workflows/${params.id}`, schema: z.object({ data: z.object({ ok: z.boolean() }) }) }).then((b) => b.data),
  );
}

const call = (handler: ReturnType<typeof handlerWith>) =>
  handler(new Request("http://console.test/api/workflows/w-1"), { params: Promise.resolve({ id: "w-1" }) });

// The order matters: the first test runs before any tracer provider is registered (the default).
describe("tracing", () => {
  it("is off without a provider: no traceparent upstream, no trace id in the log", async () => {
    const lines = logLines();
    const upstream = recordingFetch();
    expect((await call(handlerWith(upstream.fetch))).status).toBe(200);
    expect(upstream.headers[0]?.traceparent).toBeUndefined();
    expect(JSON.parse(lines.at(-1) ?? "{}").traceId).toBeUndefined();
  });

  const exporter = new InMemorySpanExporter();
  afterAll(() => {
    trace.disable();
    propagation.disable();
  });

  it("with a provider: the BFF span has the upstream call as a child, its traceparent goes upstream, the log line has the trace id", async () => {
    new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
    const lines = logLines();
    const upstream = recordingFetch();
    expect((await call(handlerWith(upstream.fetch))).status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const bff = spans.find((s) => s.name === "BFF GET /api/workflows/:id");
    const child = spans.find((s) => s.name === "Pegasus GET");
    expect(bff?.attributes["http.response.status_code"]).toBe(200);
    expect(child?.parentSpanContext?.spanId).toBe(bff?.spanContext().spanId);
    expect(child?.spanContext().traceId).toBe(bff?.spanContext().traceId);
    expect(child?.attributes["url.path"]).toBe("/workflows/w-1");
    expect(upstream.headers[0]?.traceparent).toBe(`00-${bff?.spanContext().traceId}-${child?.spanContext().spanId}-01`);
    expect(JSON.parse(lines.at(-1) ?? "{}")).toMatchObject({
      msg: "bff request",
      traceId: bff?.spanContext().traceId,
      upstreamStatus: "200",
    });
  });

  it("store queries are client spans under the active span, with the statement kind and table, never parameters", async () => {
    exporter.reset();
    const store = await openStore({ kind: "pglite", dataDir: null });
    try {
      await inSpan("parent", {}, async () => {
        await store.db.selectFrom("audit_events").select("id").where("target", "=", "secret-target-xyz").execute();
      });
    } finally {
      await store.close();
    }
    const spans = exporter.getFinishedSpans();
    const parent = spans.find((s) => s.name === "parent");
    const select = spans.find((s) => s.name === "store select" && s.parentSpanContext?.spanId === parent?.spanContext().spanId);
    expect(select?.attributes["db.collection.name"]).toBe("audit_events");
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain("secret-target-xyz");
  }, 120_000);
});
