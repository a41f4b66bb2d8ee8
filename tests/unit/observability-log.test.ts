import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));

const { makeBffRoute } = await import("@/lib/api/route");
const { setLogger } = await import("@/lib/observability/log");
const { observeUpstream } = await import("@/lib/observability/metrics");
const { createPegasusClient } = await import("@/lib/pegasus/transport");

const ID_TOKEN = "eyJ-secret-id-token-never-logged";
const SESSION = { user: { name: "Ada", email: "a@x", tenantId: "t-1", tenantName: null, roles: ["tenant_admin"] }, expires: "2099-01-01" };

function capture(): string[] {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  setLogger(pino({ base: { service: "test" } }, sink));
  return lines;
}

function route(fetchImpl: typeof fetch) {
  const pegasus = createPegasusClient({
    baseUrl: "http://upstream.test/api/v1",
    idToken: ID_TOKEN,
    timeoutMs: 1000,
    retryBackoffMs: 1,
    fetch: fetchImpl,
    observe: observeUpstream,
  });
  return makeBffRoute(async () => ({ session: SESSION, pegasus }));
}

describe("one JSON log line per BFF request", () => {
  it("names the route template, status, duration and the upstream calls, never the token", async () => {
    const lines = capture();
    const handler = route((async () => Response.json({ data: { ok: true } })) as typeof fetch)(
      { params: z.object({ id: z.string() }), output: z.object({ ok: z.boolean() }) },
      ({ pegasus, params }) =>
        pegasus.request({ path: `/workflows/${params.id}`, schema: z.object({ data: z.object({ ok: z.boolean() }) }) }).then((b) => b.data),
    );
    const res = await handler(
      new Request("http://console.test/api/workflows/w-42", {
        headers: { cookie: "pegasus.session=abc", authorization: `Bearer ${ID_TOKEN}` },
      }),
      {
        params: Promise.resolve({ id: "w-42" }),
      },
    );
    expect(res.status).toBe(200);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: "bff request",
      route: "/api/workflows/:id",
      method: "GET",
      status: 200,
      upstream: [{ operation: "GET /workflows/:id", outcome: "200" }],
    });
    expect(typeof line.requestId).toBe("string");
    expect(typeof line.ms).toBe("number");
    expect(lines.join("\n")).not.toContain(ID_TOKEN);
    expect(lines.join("\n")).not.toContain("pegasus.session=abc");
  });

  it("an error answer carries the request id the user sees", async () => {
    const lines = capture();
    const handler = route((async () => Response.json({ error: "Workflow not found", code: "NOT_FOUND" }, { status: 404 })) as typeof fetch)(
      { output: z.unknown() },
      ({ pegasus }) => pegasus.request({ path: "/workflows/nope", schema: z.unknown() }),
    );
    const res = await handler(new Request("http://console.test/api/workflows/nope"), { params: Promise.resolve({}) });
    const body = (await res.json()) as { error: { requestId: string } };
    const line = JSON.parse(lines.at(-1) ?? "") as Record<string, unknown>;
    expect(line).toMatchObject({ status: 404, upstream: [{ outcome: "404" }] });
    // The user quotes the envelope's id: the line holds it as the upstream call's correlation id.
    expect((line.upstream as Array<{ requestId?: string }>)[0]?.requestId).toBe(body.error.requestId);
  });

  it("an unexpected failure writes an error line without the details reaching the user", async () => {
    const lines = capture();
    const handler = route((async () => Response.json({})) as typeof fetch)({ output: z.unknown() }, async () => {
      throw new Error("boom in handler");
    });
    const res = await handler(new Request("http://console.test/api/x"), { params: Promise.resolve({}) });
    expect(res.status).toBe(500);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.find((l) => l.msg === "bff unexpected error")).toMatchObject({ level: 50, error: { message: "boom in handler" } });
    expect(parsed.find((l) => l.msg === "bff request")).toMatchObject({ status: 500 });
  });
});
